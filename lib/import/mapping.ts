import { createHash } from "node:crypto";
import type { SectorInfo } from "../sectors";
import { fieldSpecs, isSystemColumn, normaliseHashtag, normaliseHeader, type Field } from "./fields";

/**
 * Which file column holds which Rasd field. Recognised in this order: a choice the importer made
 * in the preview; the HXL hashtag (the row under the headers, or a header that is itself a
 * hashtag); the template's header in English or Arabic, or a Kobo/ODK question name; a saved
 * mapping for files with the same headers. The importer sees the result and can change it.
 */

export type ColumnMapping = {
  index: number;
  header: string;
  hashtag: string | null;
  field: Field | null;
  via: "chosen" | "hxl" | "header" | "saved" | "system" | null;
  samples: string[];
};

export type Mapping = {
  layout: "wide" | "long";
  /** Row 2 holds HXL hashtags (data then starts at row 3). */
  hxlRow: boolean;
  columns: ColumnMapping[];
  /** The file's headers, normalised and hashed: how a saved mapping is found again. */
  signature: string;
};

/** Fields every file needs (the sector's own fields only in the long layout). */
export const REQUIRED: Field[] = ["pcode", "week", "newly", "repeat", "total"];

/** Column index → field (null: ignore), as the importer chose them in the preview. */
export type ChosenColumns = Record<number, Field | null>;

const isHashtag = (s: string) => normaliseHashtag(s) !== null;

export function headerSignature(headers: string[]): string {
  return createHash("sha256").update(headers.map(normaliseHeader).join("\u0000")).digest("hex").slice(0, 32);
}

export function recogniseColumns(
  rows: string[][],
  sectors: SectorInfo[],
  opts: { chosen?: ChosenColumns; saved?: Record<string, Field | null> } = {},
): Mapping {
  const headers = rows[0] ?? [];
  const second = rows[1] ?? [];
  const nonEmpty = second.filter((c) => c !== "");
  const hxlRow = nonEmpty.length > 0 && nonEmpty.filter(isHashtag).length * 2 >= nonEmpty.length;
  const specs = fieldSpecs(sectors);
  const byTag = new Map<string, Field>();
  const byName = new Map<string, Field>();
  for (const s of specs) {
    for (const tag of s.hxl) byTag.set(normaliseHashtag(tag)!, s.field);
    for (const name of [...s.names, s.header.en, s.header.ar, s.field]) if (!byName.has(normaliseHeader(name))) byName.set(normaliseHeader(name), s.field);
  }
  const fields = new Set(specs.map((s) => s.field));
  const firstData = hxlRow ? 2 : 1;
  /** A column's first three filled cells, read only as far as they go: the plan passes every row of the file. */
  const samplesOf = (index: number) => {
    const out: string[] = [];
    for (let r = firstData; r < rows.length && out.length < 3; r++) if ((rows[r]![index] ?? "") !== "") out.push(rows[r]![index]!);
    return out;
  };
  const taken = new Set<Field>();
  const columns: ColumnMapping[] = [];
  const width = Math.max(headers.length, second.length);
  for (let index = 0; index < width; index++) {
    const header = headers[index] ?? "";
    const tagText = hxlRow && isHashtag(second[index] ?? "") ? second[index]! : isHashtag(header) ? header : null;
    const hashtag = tagText ? normaliseHashtag(tagText) : null;
    const samples = samplesOf(index);
    let field: Field | null = null;
    let via: ColumnMapping["via"] = null;
    const chosen = opts.chosen?.[index];
    if (chosen !== undefined) [field, via] = [chosen !== null && fields.has(chosen) ? chosen : null, "chosen"];
    else if (isSystemColumn(header)) via = "system";
    else if (hashtag && byTag.has(hashtag)) [field, via] = [byTag.get(hashtag)!, "hxl"];
    else if (byName.has(normaliseHeader(header))) [field, via] = [byName.get(normaliseHeader(header))!, "header"];
    else if (opts.saved && header in opts.saved) [field, via] = [opts.saved[header] ?? null, "saved"];
    // One column per field, except P-codes (adm1…adm4: the deepest given in a row wins).
    if (field && field !== "pcode" && taken.has(field)) [field, via] = [null, null];
    if (field) taken.add(field);
    columns.push({ index, header, hashtag, field, via, samples });
  }
  return { layout: taken.has("sector") ? "long" : "wide", hxlRow, columns, signature: headerSignature(headers) };
}

/** The required fields no column holds. */
export function missingFields(m: Mapping): Field[] {
  const have = new Set(m.columns.flatMap((c) => (c.field ? [c.field] : [])));
  const need = m.layout === "long" ? [...REQUIRED, "gap" as const] : REQUIRED;
  return need.filter((f) => !have.has(f));
}
