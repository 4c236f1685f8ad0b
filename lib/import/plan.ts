import { createHash } from "node:crypto";
import { inArray } from "drizzle-orm";
import { areas, weeklyReports } from "@/db/schema";
import type { AreaWithPath } from "../areas";
import type { Actor } from "../auth/actor";
import { coversArea, requireRole } from "../auth/authorize";
import type { Tx } from "../audit";
import type { RowError } from "../errors";
import { diffSnapshots, readReports, toSnapshot, type FieldChange, type ReportSnapshot, type WeeklyReport } from "../reports/model";
import { figuresForWarnings, reportWarnings, type ReportWarning } from "../reports/warnings";
import { rangeWarnings } from "../reports/range-rules";
import { boundsReader } from "../reports/range-rules-store";
import { activeSectors } from "../sectors";
import { isWeekLocked } from "../reports/deadlines";
import { EDITABLE_STATUSES, weeklyReportInput, type WeeklyReportValues } from "../validation/weekly-report";
import { issueToMsg } from "../validation/zod-messages";
import { addWeeks } from "../weeks";
import type { Field } from "./fields";
import { missingFields, recogniseColumns, type ChosenColumns, type Mapping } from "./mapping";
import type { Table } from "./read-table";
import { collectBetweenPhases, collectBetweenSlices } from "./collect";
import { fileReports, type FileReport } from "./rows";
import { noPause, PAUSE_EVERY, type Pause } from "./transaction";

/**
 * An import's plan (a dry run: nothing is written): for every report of the file, whether it is
 * created, changed (old → new per field) or unchanged, with the version it was planned against;
 * every refused row with its row, column and message; the entry form's plausibility warnings.
 * Apply (apply.ts) computes the same plan inside its transaction and writes it.
 */

export type PlanItem = {
  row: number;
  pcode: string;
  week: string;
  action: "create" | "update" | "unchanged";
  /** The stored version the plan was made against (0: none yet). */
  version: number;
  changes: FieldChange[];
  warnings: ReportWarning[];
};

export type ImportPlan = {
  mapping: Mapping;
  missing: Field[];
  /** Data rows read (the header and an HXL row not counted). */
  rows: number;
  create: number;
  update: number;
  unchanged: number;
  errors: RowError[];
  items: PlanItem[];
  /** What the plan was made against (every report's key and version): apply refuses if it changed. */
  fingerprint: string;
};

export type PlanOptions = {
  chosen?: ChosenColumns;
  saved?: Record<string, Field | null>;
  /** The status of every report whose row gives none ("draft" by default). */
  status?: (typeof EDITABLE_STATUSES)[number];
  /** Told as the work goes on (the CLI draws a bar; a page could stream it). */
  onProgress?: (phase: "check" | "write", done: number, total: number) => void;
};

/** A report of the file that passed the checks: where it is, and its figures as the form's validation gives them. */
type Checked = { row: number; pcode: string; week: string; data: WeeklyReportValues; area: AreaWithPath };

/** A planned write: what apply.ts saves for an item that is not unchanged. */
export type PlannedWrite = { item: PlanItem; area: AreaWithPath; data: WeeklyReportValues };

const STATUS_WORDS: Record<string, (typeof EDITABLE_STATUSES)[number]> = { draft: "draft", submitted: "submitted", "مسودة": "draft", "مرسل": "submitted", "مُرسَل": "submitted" };

/** The stored reports of the given areas in the given weeks, keyed "pcode week": one query per week. */
function storedReports(tx: Tx, weeks: Set<string>, areaIds: number[]): Map<string, WeeklyReport> {
  const out = new Map<string, WeeklyReport>();
  if (!areaIds.length) return out;
  for (const week of weeks) for (const r of readReports(tx, week, { subtree: inArray(weeklyReports.areaId, areaIds) })) out.set(`${r.pcode} ${r.week}`, r);
  return out;
}

export async function planFromTable(tx: Tx, actor: Actor | null, table: Table, opts: PlanOptions = {}, pause: Pause = noPause): Promise<{ plan: ImportPlan; writes: PlannedWrite[] }> {
  const me = requireRole(actor, "admin", "coordinator");
  const sectors = activeSectors(tx);
  const mapping = recogniseColumns(table.rows, sectors, { chosen: opts.chosen, saved: opts.saved });
  const rows = Math.max(0, table.rows.length - (mapping.hxlRow ? 2 : 1));
  const missing = missingFields(mapping);
  const empty = { mapping, missing, rows, create: 0, update: 0, unchanged: 0, items: [], fingerprint: "" };
  if (missing.length) return { plan: { ...empty, errors: [{ row: 1, column: "-", msg: { key: "figuresImport.file.missingColumns", values: { fields: missing.join(", ") } } }] }, writes: [] };
  if (!rows) return { plan: { ...empty, errors: [{ row: 1, column: "-", msg: { key: "figuresImport.file.noRows" } }] }, writes: [] };

  const { reports, errors } = fileReports(table.rows, mapping, sectors);
  collectBetweenPhases(reports.length);
  const pcodes = [...new Set(reports.map((r) => r.pcode))];
  const areaRows = new Map<string, AreaWithPath>();
  for (let i = 0; i < pcodes.length; i += 500)
    for (const a of tx
      .select({ id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level, path: areas.path })
      .from(areas)
      .where(inArray(areas.pcode, pcodes.slice(i, i + 500)))
      .all())
      areaRows.set(a.pcode, a);
  // A file holds a few weeks and each is looked up for every row: computed once per week.
  const lastWeeks = new Map<string, string>();
  const lastWeek = (week: string) => {
    let w = lastWeeks.get(week);
    if (w === undefined) lastWeeks.set(week, (w = addWeeks(week, -1)));
    return w;
  };
  const weeks = new Set<string>();
  for (const r of reports) weeks.add(r.week).add(lastWeek(r.week));
  const stored = storedReports(tx, weeks, [...areaRows.values()].map((a) => a.id));
  // The save path refuses a locked week too (assertWeekOpen); the preview says so row by row first.
  const locks = new Map(me.role === "admin" ? [] : [...new Set(reports.map((r) => r.week))].map((w) => [w, isWeekLocked(tx, w)]));

  const pcodeColumn = mapping.columns.find((c) => c.field === "pcode")!.header || "-";
  const parsed = new Map<string, Checked>();
  const total = reports.length;
  const pending: (FileReport | null)[] = reports;
  for (let n = 0; n < total; n++) {
    const r = pending[n]!;
    // Dropped once checked: the row's text and cell lookup are garbage then (tens of megabytes in a 50,000-row file).
    pending[n] = null;
    const key = `${r.pcode} ${r.week}`;
    if (n % 1000 === 0) opts.onProgress?.("check", n, total);
    if (n % PAUSE_EVERY === 0) await pause();
    collectBetweenSlices(n);
    const area = areaRows.get(r.pcode);
    if (!area) {
      errors.push({ row: r.row, column: pcodeColumn, msg: { key: "figuresImport.row.unknownPcode", values: { value: r.pcode.slice(0, 40) } } });
      continue;
    }
    if (!coversArea(me, area.path)) {
      errors.push({ row: r.row, column: pcodeColumn, msg: { key: "figuresImport.row.notYourArea", values: { pcode: r.pcode } } });
      continue;
    }
    if (locks.get(r.week)) {
      errors.push({ row: r.row, column: pcodeColumn, msg: { key: "figuresImport.row.weekLocked", values: { pcode: r.pcode, week: r.week } } });
      continue;
    }
    const existing = stored.get(key);
    if (existing?.status === "approved") {
      errors.push({ row: r.row, column: pcodeColumn, msg: { key: "figuresImport.row.locked", values: { pcode: r.pcode, week: r.week } } });
      continue;
    }
    const status = r.status === null || r.status === "" ? (opts.status ?? "draft") : STATUS_WORDS[r.status.trim().toLowerCase()];
    if (!status) {
      const col = mapping.columns.find((c) => c.field === "status")!;
      errors.push({ row: r.row, column: col.header || "-", msg: { key: "figuresImport.row.badStatus", values: { value: r.status!.slice(0, 40) } } });
      continue;
    }
    const result = weeklyReportInput.safeParse({ ...r.input, status, version: existing?.version ?? 0 }, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) {
        const path = issue.path.map(String).join(".");
        // A sector's message names the gap's cell when the sector has no cell of that name (e.g. "sectors.nfi").
        const where = r.cells.get(path) ?? r.cells.get(`${path}.gapPct`) ?? { column: "-", row: r.row };
        errors.push({ row: where.row, column: where.column, msg: issueToMsg(issue) });
      }
      continue;
    }
    parsed.set(key, { row: r.row, pcode: r.pcode, week: r.week, data: result.data, area });
  }
  opts.onProgress?.("check", total, total);
  collectBetweenPhases(total);

  const items: PlanItem[] = [];
  const writes: PlannedWrite[] = [];
  // The bounds of an area are the same for each of its weeks in the file.
  const readBounds = boundsReader(tx);
  const boundsByPath = new Map<string, ReturnType<typeof readBounds>>();
  const boundsOf = (path: string) => {
    let b = boundsByPath.get(path);
    if (b === undefined) boundsByPath.set(path, (b = readBounds(path)));
    return b;
  };
  let n = 0;
  for (const [key, r] of parsed) {
    const { data, area } = r;
    if (n % PAUSE_EVERY === 0) await pause();
    collectBetweenSlices(n++);
    const existing = stored.get(key);
    const next: ReportSnapshot = { pcode: r.pcode, week: r.week, status: data.status, ...figuresOf(data) };
    // A report to create lists no changes (the preview shows its figures instead): nothing to compare.
    const changes = existing ? diffSnapshots(toSnapshot(existing), next) : [];
    // Last week's figures: from this file when it holds them, else as stored.
    const previousWeek = lastWeek(r.week);
    const previousKey = `${r.pcode} ${previousWeek}`;
    const before = parsed.get(previousKey)?.data ?? stored.get(previousKey) ?? null;
    const warnings = [
      ...reportWarnings(figuresForWarnings(data), before ? { ...figuresForWarnings(before), week: previousWeek } : null),
      ...rangeWarnings(figuresForWarnings(data), boundsOf(area.path)),
    ];
    const action = !existing ? "create" : changes.length ? "update" : "unchanged";
    const item: PlanItem = { row: r.row, pcode: r.pcode, week: r.week, action, version: existing?.version ?? 0, changes, warnings };
    items.push(item);
    if (action !== "unchanged") writes.push({ item, area, data });
  }
  errors.sort((a, b) => a.row - b.row);
  const count = (a: PlanItem["action"]) => items.filter((i) => i.action === a).length;
  const fingerprint = createHash("sha256")
    .update(JSON.stringify(items.map((i) => [i.pcode, i.week, i.action, i.version])))
    .digest("hex")
    .slice(0, 32);
  return { plan: { mapping, missing, rows, create: count("create"), update: count("update"), unchanged: count("unchanged"), errors, items, fingerprint }, writes };
}

function figuresOf(d: WeeklyReportValues): Omit<ReportSnapshot, "pcode" | "week" | "status"> {
  return {
    newlyDisplacedFamilies: d.newlyDisplacedFamilies,
    repeatDisplacedFamilies: d.repeatDisplacedFamilies,
    totalDisplacedFamilies: d.totalDisplacedFamilies,
    individuals: d.individuals,
    sectors: d.sectors,
    notes: d.notes,
    source: d.source,
  };
}
