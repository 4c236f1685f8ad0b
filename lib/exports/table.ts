import { PassThrough, Readable } from "node:stream";
import { once } from "node:events";
import ExcelJS from "exceljs";

/**
 * A table to export: columns with a human header (reader's language), an HXL hashtag (the
 * second row, docs/design.md "Field conventions") and a definition; rows come a page at a time from
 * a lazy iterator over lib/ queries, so neither format ever holds the whole file.
 */
export type Cell = string | number | null;
export type ExportColumn<Row> = { key: string; hxl: string; label: string; description: string; value: (row: Row) => Cell };
export type ExportTable<Row> = {
  /** File name without extension. */
  name: string;
  sheetName: string;
  definitionsSheetName: string;
  /** Headers of the definitions sheet: column, HXL hashtag, definition. */
  definitionHeaders: [string, string, string];
  columns: ExportColumn<Row>[];
  /** Paragraphs after the column list: how figures are obtained (the rollup rule). */
  notes: string[];
  rtl: boolean;
  pages: Iterable<Row[]>;
};

export const CSV_TYPE = "text/csv; charset=utf-8";
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * A text cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) gets a leading
 * apostrophe (OWASP "CSV injection"); area names are typed by people.
 */
function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function csvCell(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const s = safeText(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

const csvLine = (cells: Cell[]) => cells.map(csvCell).join(",") + "\r\n";

/**
 * The CSV text in chunks: the BOM and both header rows first, then one chunk per page of rows.
 * UTF-8 with BOM and CRLF, which is what Excel needs to open Arabic text correctly.
 */
export function* csvChunks<Row>(t: ExportTable<Row>): Generator<string, void, undefined> {
  yield "\uFEFF" + csvLine(t.columns.map((c) => c.label)) + csvLine(t.columns.map((c) => c.hxl));
  for (const page of t.pages) yield page.map((r) => csvLine(t.columns.map((c) => c.value(r)))).join("");
}

/** Pulls one chunk per read, so a slow client slows the queries down instead of filling memory. */
export function csvStream<Row>(t: ExportTable<Row>): ReadableStream<Uint8Array> {
  const chunks = csvChunks(t);
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      cancel() {
        chunks.return();
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * XLSX through exceljs's streaming writer: each row is committed (written out and forgotten)
 * as soon as it is added, and the producer waits while the client has not read what was zipped.
 */
export function xlsxStream<Row>(t: ExportTable<Row>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  void writeXlsx(t, out).catch((e: unknown) => out.destroy(e instanceof Error ? e : new Error(String(e))));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export async function writeXlsx<Row>(t: ExportTable<Row>, out: PassThrough): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const views = [{ state: "frozen" as const, ySplit: 2, rightToLeft: t.rtl }];
  const data = wb.addWorksheet(t.sheetName, { views });
  data.columns = t.columns.map((c) => ({ key: c.key, width: Math.min(40, Math.max(10, c.label.length + 2)) }));
  const header = data.addRow(t.columns.map((c) => c.label));
  header.font = { bold: true };
  header.commit();
  const tags = data.addRow(t.columns.map((c) => c.hxl));
  tags.font = { italic: true, color: { argb: "FF475569" } };
  tags.commit();
  for (const page of t.pages) {
    for (const r of page) data.addRow(t.columns.map((c) => c.value(r))).commit();
    if (out.writableNeedDrain) await once(out, "drain");
  }
  data.commit();

  const defs = wb.addWorksheet(t.definitionsSheetName, { views: [{ rightToLeft: t.rtl }] });
  defs.columns = [{ width: 34 }, { width: 34 }, { width: 100 }];
  const h = defs.addRow(t.definitionHeaders);
  h.font = { bold: true };
  h.commit();
  for (const c of t.columns) defs.addRow([c.label, c.hxl, c.description]).commit();
  defs.addRow([]).commit();
  for (const n of t.notes) {
    const row = defs.addRow([n]);
    defs.mergeCells(row.number, 1, row.number, 3);
    row.alignment = { wrapText: true, vertical: "top" };
    row.commit();
  }
  defs.commit();
  await wb.commit();
}
