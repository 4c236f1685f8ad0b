// First: configures zod for the browser's CSP before any schema below is created.
import "./zod-setup";
import { z } from "zod";
import type { FieldErrors } from "../errors";
import { GAP_SHOW, GAP_SORTS } from "../figures/gap-ranking";
import { parseWeek } from "../weeks";
import { pcode } from "./areas";
import { issueToMsg } from "./zod-messages";

/**
 * Query-string inputs of the figures views (summary pages, gap report, summary API, exports), one
 * schema per view. Every field is optional: the defaults are decided in one place,
 * lib/figures/query.ts (resolveFiguresQuery). An empty value counts as absent, because a GET form
 * sends empty fields.
 */
const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const opt = <S extends z.ZodType>(s: S) => z.preprocess(blank, s.optional());

export const week = z.string().transform((v, ctx) => {
  const w = parseWeek(v);
  if (!w) {
    ctx.addIssue({ code: "custom", message: "validation.week" });
    return z.NEVER;
  }
  return w;
});
const percent = z.coerce.number().min(0).max(100);
/** A sector code's shape; whether it names an active sector is the resolver's question (same message). */
const sectorCode = z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "validation.sectorUnknown" });

export const gapQueryInput = z.object({
  week: opt(week),
  from: opt(week),
  level: opt(z.coerce.number().int().min(1).max(4)),
  parent: opt(pcode),
  sector: opt(sectorCode),
  critical: opt(percent),
  high: opt(percent),
  show: opt(z.enum(GAP_SHOW)),
  sort: opt(z.enum(GAP_SORTS)),
  dir: opt(z.enum(["asc", "desc"])),
  page: opt(z.coerce.number().int().min(1).max(100_000)),
  limit: opt(z.coerce.number().int().min(1).max(1000)),
});
export type GapQueryInput = z.input<typeof gapQueryInput>;

export const CHILD_SORTS = ["name", "pcode", "newly", "repeat", "total", "basis", "gap", "unmet"] as const;
export type ChildSort = (typeof CHILD_SORTS)[number];
export const TREND_RANGES = [12, 26, 52] as const;

export const areaFiguresInput = z.object({
  week: opt(week),
  sort: opt(z.enum(CHILD_SORTS)),
  /** For the gap and unmet columns: which sector. */
  sector: opt(sectorCode),
  dir: opt(z.enum(["asc", "desc"])),
  range: opt(z.coerce.number().pipe(z.union([z.literal(12), z.literal(26), z.literal(52)]))),
});
export type AreaFiguresInput = z.input<typeof areaFiguresInput>;

export const MAP_MEASURES = ["gap", "newly"] as const;
export type MapMeasure = (typeof MAP_MEASURES)[number];

export const dashboardInput = z.object({
  week: opt(week),
  level: opt(z.coerce.number().int().min(1).max(4)),
  measure: opt(z.enum(MAP_MEASURES)),
  sector: opt(sectorCode),
});
export type DashboardInput = z.input<typeof dashboardInput>;

export const mapInput = dashboardInput.extend({ level: opt(z.coerce.number().pipe(z.union([z.literal(1), z.literal(2)]))) });
export type MapInput = z.input<typeof mapInput>;

/** An area's figures for a week (the summary API, its children, the area table export): the area is in the path. */
export const areaWeekInput = z.object({ week: opt(week) });
export type AreaWeekInput = z.input<typeof areaWeekInput>;

export const EXPORT_FORMATS = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const exportOptions = z.object({
  format: z.preprocess((v) => blank(v) ?? "csv", z.enum(EXPORT_FORMATS)),
  lang: z.preprocess((v) => blank(v) ?? "en", z.enum(["en", "ar"])),
});

/**
 * Field by field, so that one bad value in a shared link costs only that filter: pages show
 * the message and fall back to the default, the API answers 422 with every message.
 */
export function parseQuery<S extends z.ZodObject>(schema: S, raw: Record<string, unknown>): { values: Partial<z.output<S>>; errors: FieldErrors } {
  const values: Record<string, unknown> = {};
  const errors: FieldErrors = {};
  for (const [key, field] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    const input = Array.isArray(raw[key]) ? (raw[key] as unknown[])[0] : raw[key];
    const r = field.safeParse(input, { reportInput: true });
    if (r.success) values[key] = r.data;
    else errors[key] = issueToMsg(r.error.issues[0]!);
  }
  return { values: values as Partial<z.output<S>>, errors };
}
