import type { RowError } from "../errors";
import type { SectorInfo } from "../sectors";
import { weekOfText } from "../weeks";
import { normaliseHeader, type Field } from "./fields";
import type { Mapping } from "./mapping";
import { collectBetweenSlices } from "./collect";

/**
 * The file's rows as reports: one per row in the wide layout, one per (area, week) in the long
 * layout (a row per sector). The figures stay text here: lib/validation/weekly-report.ts reads
 * them as the entry form's do (Arabic-Indic digits, thousands separators, `٫`, `%`).
 */

export type FileReport = {
  /** The spreadsheet row (1 = header) of the report's first row. */
  row: number;
  pcode: string;
  week: string;
  /** What weeklyReportInput parses, as the form would send it. */
  input: { [k: string]: unknown; sectors: Record<string, { gapPct?: string; familiesInNeed?: string }> };
  status: string | null;
  /** Input path ("sectors.nfi.gapPct") → the column it came from, and the row (long layout). */
  cells: CellLookup;
};

type Cell = { column: string; row: number };
type CellLookup = { get(path: string): Cell | undefined };

/**
 * Where a wide-layout report's inputs came from, without a map per row (a 50,000-row file held
 * 50,000 of them): the columns are the same for every row, the row is the report's, and a sector's
 * cell counts only when the row filled it.
 */
class WideCells implements CellLookup {
  constructor(
    private readonly columns: Map<string, string>,
    private readonly report: Pick<FileReport, "row" | "input">,
  ) {}
  get(path: string): Cell | undefined {
    const column = this.columns.get(path);
    if (column === undefined) return undefined;
    const [head, code, prop] = path.split(".");
    if (head === "sectors" && this.report.input.sectors[code!]?.[prop as "gapPct" | "familiesInNeed"] === undefined) return undefined;
    return { column, row: this.report.row };
  }
}

const BASE_INPUT: [Field, string][] = [
  ["newly", "newlyDisplacedFamilies"],
  ["repeat", "repeatDisplacedFamilies"],
  ["total", "totalDisplacedFamilies"],
  ["individuals", "individuals"],
  ["notes", "notes"],
  ["source", "source"],
];

/** A column's name in messages: its header, or its letter when it has none. */
export function columnName(header: string, index: number): string {
  if (header) return header;
  let n = index + 1;
  let s = "";
  while (n > 0) [s, n] = [String.fromCharCode(65 + ((n - 1) % 26)) + s, Math.floor((n - 1) / 26)];
  return s;
}

function sectorOf(value: string, sectors: SectorInfo[]): SectorInfo | undefined {
  const v = normaliseHeader(value);
  return sectors.find((s) => [s.code, s.nameEn, s.nameAr].some((x) => normaliseHeader(x) === v));
}

/** What a consumed row is replaced with. */
const NO_CELLS: string[] = [];

/** Reads the data rows into reports, consuming them: each row of `rows` is emptied once read, so the caller's table is spent. */
export function fileReports(rows: string[][], mapping: Mapping, sectors: SectorInfo[]): { reports: FileReport[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const first = mapping.hxlRow ? 2 : 1;
  const cols = mapping.columns.filter((c) => c.field);
  const pcodeCols = cols.filter((c) => c.field === "pcode");
  // The first column mapped to each field, as cols.find gave it: looked up for every cell of every row.
  const byField = new Map<Field, (typeof cols)[number]>();
  for (const c of cols) if (c.field && !byField.has(c.field)) byField.set(c.field, c);
  const reports = new Map<string, FileReport>();
  const sectorsSeen = new Map<string, number>();
  const order: FileReport[] = [];
  const longCellsOf = new Map<FileReport, Map<string, Cell>>();
  const wideColumns = new Map<string, string>();
  for (const [field, input] of BASE_INPUT) {
    const c = cols.find((x) => x.field === field);
    if (c) wideColumns.set(input, columnName(c.header, c.index));
  }
  for (const c of cols) {
    const [kind, code] = (c.field as string).split(":");
    if (code && (kind === "gap" || kind === "need")) wideColumns.set(`sectors.${code}.${kind === "gap" ? "gapPct" : "familiesInNeed"}`, columnName(c.header, c.index));
  }

  for (let i = 0; first + i < rows.length; i++) {
    const cells = rows[first + i]!;
    // Consumed: the row's array is garbage once read (its cells live on in the report as long as needed).
    rows[first + i] = NO_CELLS;
    const row = first + i + 1;
    collectBetweenSlices(i);
    if (cells.every((c) => c === "")) continue;
    const at = (f: Field) => byField.get(f);
    const cell = (f: Field) => {
      const c = at(f);
      return c ? (cells[c.index] ?? "") : "";
    };
    const named = (f: Field) => {
      const c = at(f)!;
      return columnName(c.header, c.index);
    };
    const formula = cols.find((c) => (cells[c.index] ?? "").startsWith("="));
    if (formula) {
      errors.push({ row, column: columnName(formula.header, formula.index), msg: { key: "figuresImport.row.formula", values: { value: cells[formula.index]!.slice(0, 40) } } });
      continue;
    }
    // The deepest P-code given: exports list adm1…adm4 from left to right.
    const pcodeCol = [...pcodeCols].reverse().find((c) => (cells[c.index] ?? "") !== "");
    const pcode = pcodeCol ? cells[pcodeCol.index]!.toUpperCase() : "";
    if (!pcode) {
      errors.push({ row, column: pcodeCols[0] ? columnName(pcodeCols[0].header, pcodeCols[0].index) : "-", msg: { key: "figuresImport.row.missingPcode" } });
      continue;
    }
    const weekText = cell("week");
    const week = weekText ? weekOfText(weekText) : null;
    if (!week) {
      errors.push({ row, column: named("week"), msg: weekText ? { key: "figuresImport.row.badWeek", values: { value: weekText.slice(0, 40) } } : { key: "figuresImport.row.missingWeek" } });
      continue;
    }
    const key = `${pcode}\u0000${week}`;
    let report = reports.get(key);
    if (report && mapping.layout === "wide") {
      errors.push({ row, column: named("pcode"), msg: { key: "figuresImport.row.duplicate", values: { pcode, week, first: report.row } } });
      continue;
    }
    if (!report) {
      const input: FileReport["input"] = { sectors: {} };
      const longCells = mapping.layout === "long" ? new Map<string, Cell>() : null;
      report = { row, pcode, week, input, status: at("status") ? cell("status") || null : null, cells: longCells ?? new WideCells(wideColumns, { row, input }) };
      if (longCells) longCellsOf.set(report, longCells);
      reports.set(key, report);
      order.push(report);
      for (const [field, name] of BASE_INPUT) {
        const c = at(field);
        if (!c) continue;
        input[name] = cells[c.index] ?? "";
        longCells?.set(name, { column: columnName(c.header, c.index), row });
      }
    } else {
      // A later row of the same report (long layout) must not contradict the first on the shared figures.
      for (const [field, input] of BASE_INPUT) {
        const c = at(field);
        const v = c ? (cells[c.index] ?? "") : "";
        if (c && v !== "" && v !== report.input[input]) errors.push({ row, column: columnName(c.header, c.index), msg: { key: "figuresImport.row.differs", values: { first: report.row } } });
      }
    }
    if (mapping.layout === "wide") {
      for (const c of cols) {
        const [kind, code] = (c.field as string).split(":");
        if (!code || (kind !== "gap" && kind !== "need")) continue;
        const prop = kind === "gap" ? "gapPct" : "familiesInNeed";
        const value = cells[c.index] ?? "";
        if (value === "") continue;
        (report.input.sectors[code] ??= {})[prop] = value;
      }
    } else {
      const sectorText = cell("sector");
      if (!sectorText) continue;
      const sector = sectorOf(sectorText, sectors);
      if (!sector) {
        errors.push({ row, column: named("sector"), msg: { key: "figuresImport.row.unknownSector", values: { value: sectorText.slice(0, 40) } } });
        continue;
      }
      const seen = sectorsSeen.get(`${key}\u0000${sector.code}`);
      if (seen) {
        errors.push({ row, column: named("sector"), msg: { key: "figuresImport.row.sectorTwice", values: { sector: sector.code, pcode, week, first: seen } } });
        continue;
      }
      sectorsSeen.set(`${key}\u0000${sector.code}`, row);
      const gap = cell("gap");
      const need = at("need") ? cell("need") : "";
      report.input.sectors[sector.code] = { ...(gap !== "" ? { gapPct: gap } : {}), ...(need !== "" ? { familiesInNeed: need } : {}) };
      const longCells = longCellsOf.get(report)!;
      if (at("gap")) longCells.set(`sectors.${sector.code}.gapPct`, { column: named("gap"), row });
      if (at("need")) longCells.set(`sectors.${sector.code}.familiesInNeed`, { column: named("need"), row });
    }
  }
  return { reports: order, errors };
}
