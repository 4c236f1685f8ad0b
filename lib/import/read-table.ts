import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { AppError, type Msg } from "../errors";
import { IMPORT_LIMITS } from "./limits";
import { collectBeforeLargeFile, collectBetweenPhases } from "./collect";

/**
 * Reads an uploaded figures file (CSV or XLSX) into rows of text, refusing early and with a
 * plain message what cannot be read: too large, empty, binary, not UTF-8/UTF-16, an XLSX that
 * would inflate beyond reason, too many columns or rows, a cell too long. Row 1 is the header,
 * as a spreadsheet numbers it.
 */

export type Table = { kind: "csv" | "xlsx"; rows: string[][]; sheets: string[]; sheet: string | null };

/** A file that cannot be read at all: the whole file is refused with this message. */
export const unreadable = (key: string, values?: Msg["values"]) => new AppError("invalid", { key: `figuresImport.file.${key}`, values });

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export async function readTable(bytes: Uint8Array, opts: { sheet?: string | null } = {}): Promise<Table> {
  if (bytes.length === 0) throw unreadable("empty");
  if (bytes.length > IMPORT_LIMITS.bytes) throw unreadable("tooLarge", { max: IMPORT_LIMITS.bytes / 1024 / 1024 });
  collectBeforeLargeFile(bytes.length);
  const table = isZip(bytes) ? await readXlsx(bytes, opts.sheet ?? null) : readCsv(bytes);
  checkShape(table.rows);
  // Parsing a large file leaves its text and the parser's buffers as garbage the next phase would grow the heap over.
  collectBetweenPhases(table.rows.length);
  return table;
}

function checkShape(rows: string[][]): void {
  while (rows.length && rows.at(-1)!.every((c) => c === "")) rows.pop();
  if (!rows.length) throw unreadable("empty");
  const widest = Math.max(...rows.map((r) => r.length));
  if (widest > IMPORT_LIMITS.columns) throw unreadable("tooManyColumns", { max: IMPORT_LIMITS.columns, got: widest });
  if (rows.length - 1 > IMPORT_LIMITS.rows + 1) throw unreadable("tooManyRows", { max: IMPORT_LIMITS.rows });
  rows.forEach((r, i) => {
    const long = r.findIndex((c) => c.length > IMPORT_LIMITS.cell);
    if (long >= 0) throw unreadable("cellTooLong", { row: i + 1, column: long + 1, max: IMPORT_LIMITS.cell });
  });
}

/** UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused, never read as mojibake. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw unreadable("encoding");
    }
    text = text.replace(/^\uFEFF/, "");
  }
  // Control characters other than tab and line breaks: a binary file, whatever its name.
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(text)) throw unreadable("binary");
  return text;
}

/** The separator of a CSV: whichever of `,` `;` tab appears most in the first line, outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return n > 0 ? best : ",";
}

function readCsv(bytes: Uint8Array): Table {
  const text = decodeText(bytes);
  try {
    const rows = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      // A row past the limit stops the parse: a huge file is not held whole as records.
      to_line: IMPORT_LIMITS.rows + 10,
      max_record_size: IMPORT_LIMITS.cell * IMPORT_LIMITS.columns,
    }) as string[][];
    // Trimmed in place: a copy of every row is megabytes of garbage for a 50,000-row file.
    for (const r of rows) for (let i = 0; i < r.length; i++) r[i] = r[i]!.trim();
    return { kind: "csv", rows, sheets: [], sheet: null };
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw unreadable("csvSyntax", { line: line ?? 0 });
  }
}

/**
 * The zip's central directory states every part's inflated size: their sum is checked before
 * exceljs opens the file, so a small file that inflates to gigabytes is refused unopened.
 */
export function zipInflatedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 65_557); at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    let p = view.getUint32(at + 16, true);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) return null;
      total += view.getUint32(p + 24, true);
      p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    }
    return total;
  }
  return null;
}

/** A cell as text: formulas are read as their text (never evaluated, never their cached result), dates as ISO days. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("formula" in v || "sharedFormula" in v) return `=${"formula" in v ? v.formula : v.sharedFormula}`;
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("text" in v) return String(v.text);
    if ("error" in v) return String(v.error);
  }
  return String(v);
}

async function readXlsx(bytes: Uint8Array, sheetName: string | null): Promise<Table> {
  const inflated = zipInflatedSize(bytes);
  if (inflated === null) throw unreadable("xlsxBroken");
  if (inflated > IMPORT_LIMITS.xlsxInflated) throw unreadable("xlsxTooLarge");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw unreadable("xlsxBroken");
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName === null ? workbook.worksheets[0] : workbook.getWorksheet(sheetName);
  if (!sheet) throw sheetName === null ? unreadable("empty") : unreadable("noSheet", { sheet: sheetName, sheets: sheets.join(", ") });
  if (sheet.actualColumnCount > IMPORT_LIMITS.columns) throw unreadable("tooManyColumns", { max: IMPORT_LIMITS.columns, got: sheet.actualColumnCount });
  if (sheet.actualRowCount > IMPORT_LIMITS.rows + 2) throw unreadable("tooManyRows", { max: IMPORT_LIMITS.rows });
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value).trim();
    });
    rows[n - 1] = Array.from(cells, (c) => c ?? "");
  });
  return { kind: "xlsx", rows: Array.from(rows, (r) => r ?? []), sheets, sheet: sheet.name };
}
