import { z } from "zod";
import type { Field } from "../import/fields";
import type { ChosenColumns } from "../import/mapping";

/**
 * The figures import page's inputs: the upload form, the preview's query (a GET, so that the
 * mapping and the page of rows work without JavaScript), the apply and save-mapping forms.
 */

const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined), z.string().max(max, "validation.tooLong").optional());

export const importStatus = z.preprocess((v) => (v === undefined || v === "" ? "draft" : v), z.enum(["draft", "submitted"]));

export const importUploadInput = z.object({ sheet: optionalText(100), status: importStatus });
export type ImportUploadInput = z.output<typeof importUploadInput>;

/** A chosen column's value: a field, or "-" for "ignore this column". */
const FIELD_VALUE = /^(-|[a-z_]{1,20}(:[a-z0-9_]{1,40})?)$/;
/** At most this many columns are read (lib/import/limits.ts IMPORT_LIMITS.columns). */
const MAX_COLUMN = 199;

/** `c3=gap:nfi`, `c5=-` (ignore) from a query or a form; anything malformed is left out. */
export function chosenFrom(raw: Record<string, unknown>): ChosenColumns {
  const out: ChosenColumns = {};
  for (const [k, v] of Object.entries(raw)) {
    const m = /^c(\d{1,3})$/.exec(k);
    const value = Array.isArray(v) ? v[0] : v;
    if (!m || typeof value !== "string" || !FIELD_VALUE.test(value) || Number(m[1]) > MAX_COLUMN) continue;
    out[Number(m[1])] = value === "-" ? null : (value as Field);
  }
  return out;
}

/** The chosen columns as query or form fields (the inverse of chosenFrom). */
export function chosenParams(chosen: ChosenColumns): Record<string, string> {
  return Object.fromEntries(Object.entries(chosen).map(([i, f]) => [`c${i}`, f ?? "-"]));
}

/** A saved mapping: its id, "none" for none, or nothing (the newest one for the file's headers). */
const savedChoice = z.preprocess(
  (v) => (v === undefined || v === "" ? undefined : v),
  z.union([z.literal("none"), z.coerce.number().int().min(1).max(2 ** 31)]).optional(),
);

const uploadId = z.coerce.number({ error: "validation.required" }).int().min(1).max(2 ** 31);

export const importPreviewQuery = z.object({
  upload: uploadId,
  page: z.preprocess((v) => (v === undefined || v === "" ? 1 : v), z.coerce.number().int().min(1).max(100_000)),
  status: importStatus,
  sheet: optionalText(100),
  saved: savedChoice,
});
export type ImportPreviewQuery = z.output<typeof importPreviewQuery> & { chosen: ChosenColumns };

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === "1" || v === true, z.boolean());

export const importApplyInput = z.object({
  upload: uploadId,
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/, "validation.invalid"),
  status: importStatus,
  sheet: optionalText(100),
  saved: savedChoice,
  confirmWarnings: checkbox,
});

export const importMappingInput = z.object({
  upload: uploadId,
  name: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), z.string({ error: "validation.required" }).min(1, "validation.required").max(100, "validation.tooLong")),
  sheet: optionalText(100),
  saved: savedChoice,
});
