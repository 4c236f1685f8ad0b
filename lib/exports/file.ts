import { invalid } from "../errors";
import { exportOptions, parseQuery } from "../validation/summary";
import { CSV_TYPE, csvStream, XLSX_TYPE, xlsxStream, type ExportTable } from "./table";
import type { Lang } from "./translate";

/** What an export answers: a route handler streams it as a download. */
export type ExportFile = { kind: "file"; filename: string; contentType: string; stream: ReadableStream<Uint8Array> };

export function fileOf<Row>(table: ExportTable<Row>, format: "csv" | "xlsx"): ExportFile {
  return format === "csv"
    ? { kind: "file", filename: `${table.name}.csv`, contentType: CSV_TYPE, stream: csvStream(table) }
    : { kind: "file", filename: `${table.name}.xlsx`, contentType: XLSX_TYPE, stream: xlsxStream(table) };
}

/** Reads `format` (csv, xlsx) and `lang` (en, ar: the headers' language); a bad value is a 422. */
export function exportFormat(raw: Record<string, unknown>): { format: "csv" | "xlsx"; lang: Lang } {
  const { values, errors } = parseQuery(exportOptions, raw);
  if (Object.keys(errors).length) throw invalid(errors);
  return { format: values.format!, lang: values.lang! };
}
