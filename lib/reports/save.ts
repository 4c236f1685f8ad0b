import { and, eq } from "drizzle-orm";
import { findAreaByPcode } from "../areas";
import type { Db } from "@/db/client";
import { reportRevisions, type weeklyReports } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireActor, requireAreaWrite } from "../auth/authorize";
import type { Tx } from "../audit";
import { AppError, conflict, invalid, type FieldErrors } from "../errors";
import { weeklyReportInput, type WeeklyReportValues } from "../validation/weekly-report";
import { parseInput } from "../validation/zod-messages";
import { jsonText, rowOf, rowsOf, run } from "../statements";
import { addWeeks } from "../weeks";
import { diffSnapshots, findReportRow, pctToTenths, readReports, requireReportWeek, tenthsToPct, toSnapshot, type WeeklyReport } from "./model";
import { bumpReport, recordReportChange, type RevisionAction } from "./record";
import { assertWeekOpen } from "./deadlines";
import { figuresForWarnings, reportWarnings, type ReportWarning } from "./warnings";
import { rangeWarningsFor } from "./range-rules-store";

export type SaveReportCommand = {
  pcode: unknown;
  week: unknown;
  /** The figures, as the form or the API sent them: parsed here with `weeklyReportInput`. */
  input: unknown;
  /** The entry form asks for warnings to be confirmed; the API does not (it answers them instead). */
  requireConfirmedWarnings?: boolean;
  /** See recordReportChange: a file import recomputes the rollups once, after all its saves. */
  deferRollups?: (areaId: number, week: string) => void;
  /** Warnings the caller has computed (a file import compares with the file's own previous week too). */
  warnings?: ReportWarning[];
};

export type SavedReport = { report: WeeklyReport; reportId: number; created: boolean; warnings: ReportWarning[] };

/** Approved figures are locked for everyone: an admin reopens them (with a reason) before they change. */
export const reportLocked = () => new AppError("forbidden", { key: "errors.reportLocked" });

type SectorRow = { id: number; code: string; active: number };

/**
 * Every sector in display order (as a report's gaps are read), and the active ones' ids by code;
 * codes that are unknown or retired are field errors on that sector.
 */
function resolveSectors(tx: Tx, codes: string[]): { all: SectorRow[]; active: Map<string, number> } {
  const all = rowsOf<SectorRow>(tx, "select id, code, active from sectors order by sort_order, code");
  const active = new Map<string, number>();
  for (const s of all) if (s.active) active.set(s.code, s.id);
  const errors: FieldErrors = {};
  for (const code of codes) if (!active.has(code)) errors[`sectors.${code}`] = { key: "validation.sectorUnknown", values: { code } };
  if (Object.keys(errors).length) throw invalid(errors);
  return { all, active };
}

/**
 * The gaps as stored after replaceGaps, in the order readReports gives them: the active sectors'
 * from this save (rounded to tenths as stored), a retired sector's as it was before.
 */
function writtenGaps(all: SectorRow[], figures: WeeklyReportValues["sectors"], before: WeeklyReport | null): WeeklyReport["sectors"] {
  const out: WeeklyReport["sectors"] = {};
  for (const { code, active } of all) {
    const g = active ? figures[code] : before?.sectors[code];
    if (g) out[code] = { gapPct: tenthsToPct(pctToTenths(g.gapPct)), familiesInNeed: g.familiesInNeed ?? null };
  }
  return out;
}

/**
 * Refuses an edit that started from another version than the stored one, naming who
 * changed the report, when, and which fields differ from what the editor started from.
 */
function staleEdit(tx: Tx, reportId: number, current: WeeklyReport, from: number, byYou: boolean) {
  const base =
    from > 0
      ? tx
          .select({ snapshot: reportRevisions.snapshot })
          .from(reportRevisions)
          .where(and(eq(reportRevisions.reportId, reportId), eq(reportRevisions.version, from)))
          .get()?.snapshot
      : {};
  const fields = base === undefined ? [] : diffSnapshots(base, toSnapshot(current)).map((c) => c.field);
  return conflict({
    key: "errors.reportChanged",
    // `byYou`: the newer version came from this same person (another tab or device), not "someone else".
    values: { by: current.updatedBy ?? "—", at: current.updatedAt, version: current.version, fields: fields.join(", ") || "—", byYou: byYou ? 1 : 0 },
  });
}

/**
 * Creates or updates the report of (area, week): the report, its sector gaps, a revision, an
 * audit row and the rollups, in one immediate transaction. Refusals, in order: 401 no actor,
 * 404 unknown area, 403 role or area, 422 bad week or figures, 423 locked week (not for admins,
 * deadlines.ts), 403 approved (locked),
 * 422 unknown sector, 409 stale version (or creating one that exists), 422 unconfirmed warnings.
 */
export function saveWeeklyReport(db: Db, actor: Actor | null, cmd: SaveReportCommand): SavedReport {
  const me = requireActor(actor);
  const area = findAreaByPcode(db, cmd.pcode);
  requireAreaWrite(me, area.path);
  const week = requireReportWeek(cmd.week);
  const data = parseInput(weeklyReportInput, cmd.input);
  return db.transaction((tx) => saveReportInTx(tx, me, area, week, data, cmd), { behavior: "immediate" });
}

/**
 * The save itself, inside a caller's write transaction, once the area, the writer's right to it,
 * the week and the figures have been checked: what the form, the API and a file import (which
 * saves many reports in one transaction, lib/import/apply.ts) all go through.
 */
export function saveReportInTx(
  tx: Tx,
  me: Actor,
  area: ReturnType<typeof findAreaByPcode>,
  week: string,
  data: WeeklyReportValues,
  cmd: Pick<SaveReportCommand, "requireConfirmedWarnings" | "deferRollups" | "warnings">,
): SavedReport {
  assertWeekOpen(tx, me, week);
  const row = findReportRow(tx, area.id, week);
  const before = row ? readReports(tx, week, { areaId: area.id })[0]! : null;
  if (row?.status === "approved") throw reportLocked();
  const sectors = resolveSectors(tx, Object.keys(data.sectors));
  if (row && before && data.version !== row.version) throw staleEdit(tx, row.id, before, data.version, row.updatedBy === me.id);
  if (!row && data.version !== 0) throw conflict({ key: "errors.reportNotCreated", values: { version: data.version } });

  const previous = cmd.warnings ? null : (readReports(tx, addWeeks(week, -1), { areaId: area.id })[0] ?? null);
  const warnings = cmd.warnings ?? [
    ...reportWarnings(figuresForWarnings(data), previous ? { ...figuresForWarnings(previous), week: previous.week } : null),
    ...rangeWarningsFor(tx, area, data),
  ];
  if (cmd.requireConfirmedWarnings && warnings.length && !data.acknowledgeWarnings)
    throw invalid({ acknowledgeWarnings: { key: "validation.confirmWarnings" } }, { key: "errors.reportWarnings" });

  const at = new Date().toISOString();
  const figures = {
    newlyDisplacedFamilies: data.newlyDisplacedFamilies,
    repeatDisplacedFamilies: data.repeatDisplacedFamilies,
    totalDisplacedFamilies: data.totalDisplacedFamilies,
    individuals: data.individuals,
    notes: data.notes,
    source: data.source,
    status: data.status,
    // What was overridden to save these figures stays with them, for whoever approves them.
    savedWarnings: warnings,
    updatedBy: me.id,
    updatedAt: at,
  };
  let reportId: number;
  if (row) {
    reportId = row.id;
    bumpReport(tx, row.id, row.version, figures);
  } else reportId = insertReport(tx, { ...figures, areaId: area.id, week, createdBy: me.id, createdAt: at });
  replaceGaps(tx, reportId, data.sectors, sectors.active, !row);

  // What was just written, as readReports would read it back: a file import saves tens of
  // thousands of reports in one transaction, and reading each back allocated a sixth of its garbage.
  // Same keys in the same order (the API answers with it); tests/integration/saved-report.test.ts compares the two.
  const stored: WeeklyReport = {
    pcode: area.pcode,
    nameEn: area.nameEn,
    nameAr: area.nameAr,
    level: area.level,
    week,
    status: data.status,
    newlyDisplacedFamilies: data.newlyDisplacedFamilies,
    repeatDisplacedFamilies: data.repeatDisplacedFamilies,
    totalDisplacedFamilies: data.totalDisplacedFamilies,
    individuals: data.individuals,
    notes: data.notes,
    source: data.source,
    version: row ? row.version + 1 : 1,
    createdAt: before ? before.createdAt : at,
    createdBy: before ? before.createdBy : me.name,
    updatedAt: at,
    updatedBy: me.name,
    approvedAt: before ? before.approvedAt : null,
    approvedBy: before ? before.approvedBy : null,
    sectors: writtenGaps(sectors.all, data.sectors, before),
  };

  const action: RevisionAction = !row ? "create" : row.status !== "submitted" && data.status === "submitted" ? "submit" : "update";
  // "Keep mine" only means something over an existing report: creating one overwrites nothing.
  const keptMine = !!row && data.keepMine;
  const report = recordReportChange(tx, me, { area, week, reportId, action, before: before && toSnapshot(before), at, warnings, keptMine, deferRollups: cmd.deferRollups, stored });
  return { report, reportId, created: !row, warnings };
}

type NewReport = Omit<typeof weeklyReports.$inferInsert, "id" | "version" | "approvedBy" | "approvedAt">;

function insertReport(tx: Tx, r: NewReport): number {
  return rowOf<{ id: number }>(
    tx,
    `insert into weekly_reports (area_id, week, newly_displaced_families, repeat_displaced_families, total_displaced_families, individuals, notes, source, status, saved_warnings, version, created_by, created_at, updated_by, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?)
     returning id`,
    r.areaId,
    r.week,
    r.newlyDisplacedFamilies,
    r.repeatDisplacedFamilies,
    r.totalDisplacedFamilies,
    r.individuals ?? null,
    r.notes ?? "",
    r.source ?? "",
    r.status ?? "draft",
    jsonText(r.savedWarnings ?? []),
    r.createdBy ?? null,
    r.createdAt,
    r.updatedBy ?? null,
    r.updatedAt,
  )!.id;
}

/** The set of gaps is replaced for the active sectors; a retired sector's stored gap is history and stays. */
function replaceGaps(tx: Tx, reportId: number, figures: WeeklyReportValues["sectors"], sectorIds: Map<string, number>, created: boolean): void {
  // A report inserted just now has no gaps to replace.
  if (!created) run(tx, "delete from report_sector_gaps where report_id = ? and sector_id in (select id from sectors where active = 1)", reportId);
  const gaps = Object.entries(figures).flatMap(([code, s]) => [reportId, sectorIds.get(code)!, pctToTenths(s.gapPct), s.familiesInNeed]);
  // One statement for all of them: its text depends only on how many (at most the active sectors).
  if (gaps.length) run(tx, `insert into report_sector_gaps (report_id, sector_id, gap_tenths, families_in_need) values ${Array(gaps.length / 4).fill("(?, ?, ?, ?)").join(", ")}`, ...gaps);
}
