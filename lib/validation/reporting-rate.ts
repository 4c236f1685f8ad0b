// First: configures zod for the browser's CSP before any schema below is created.
import "./zod-setup";
import { z } from "zod";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());

export const RATE_SORTS = ["week", "area", "rate", "missing"] as const;

/** The reporting-rate page's and API's query: every field optional, each default in lib/reports/reporting-rate.ts. */
export const reportingRateQuery = z.object({
  level: optional(z.coerce.number().int().min(1).max(4)),
  area: optional(z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9]{1,19}$/, { message: "validation.pcode" })),
  week: optional(z.string().trim().regex(/^\d{4}-?W\d{1,2}$/i, { message: "validation.week" })),
  end: optional(z.string().trim().regex(/^\d{4}-?W\d{1,2}$/i, { message: "validation.week" })),
  sort: optional(z.enum(RATE_SORTS)),
  dir: optional(z.enum(["asc", "desc"])),
  page: optional(z.coerce.number().int().min(1).max(100000)),
});
