import { aliasedTable, and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, reportFlags, sectors, users, weeklyReports } from "@/db/schema";
import type { ReportStatus } from "@/lib/report-statuses";
import { findAreaByPcode, subtreeOf } from "../areas";
import type { Actor } from "../auth/actor";
import { requireActor, requireAreaWrite } from "../auth/authorize";
import { writeAudit, type Tx } from "../audit";
import { conflict, invalid, notFound } from "../errors";
import { flagClearInput, followUpFilter, reportFlagInput, type FlagClearInput, type FollowUpFilter, type ReportFlagInput } from "../validation/follow-up";
import type { ReportKeyInput } from "../validation/weekly-report";
import { parseInput } from "../validation/zod-messages";
import { parseWeek } from "../weeks";
import { activeSectors } from "../sectors";
import { findReportRow, reportEntityId, requireReportWeek } from "./model";
import { visibleReport } from "./report-key";
import { readableReports } from "./readable-sql";

export type ReportFlag = {
  id: number;
  field: string;
  reason: string;
  createdAt: string;
  createdBy: string;
  clearedAt: string | null;
  clearedBy: string | null;
  clearNote: string | null;
};

export type FollowUpRow = ReportFlag & {
  pcode: string;
  nameEn: string;
  nameAr: string;
  level: number;
  week: string;
  status: ReportStatus;
};

const clearer = aliasedTable(users, "clearer");
const flagCols = {
  id: reportFlags.id,
  field: reportFlags.field,
  reason: reportFlags.reason,
  createdAt: reportFlags.createdAt,
  createdBy: users.name,
  clearedAt: reportFlags.clearedAt,
  clearedBy: clearer.name,
  clearNote: reportFlags.clearNote,
};

/** The sector a flagged figure belongs to, which must be active: a retired sector takes no new entries, flags included. */
function sectorOfField(tx: Tx, field: string): number | null {
  const m = /^sectors\.([^.]+)\./.exec(field);
  if (!m) return null;
  const row = tx.select({ id: sectors.id, active: sectors.active }).from(sectors).where(eq(sectors.code, m[1]!)).get();
  if (!row || !row.active) throw invalid({ field: { key: "validation.sectorUnknown", values: { code: m[1]! } } });
  return row.id;
}

/**
 * Flags one figure of a report for follow-up, with a reason. Who may: an admin, or a
 * coordinator of the report's area (or above it): those who answer for the figures. Any status:
 * a flag on an approved report asks for a correction through reopening, it changes no figure.
 */
export function flagReportFigure(db: Db, actor: Actor | null, input: { [K in keyof ReportFlagInput]: unknown }): ReportFlag {
  const me = requireActor(actor);
  const area = findAreaByPcode(db, input.pcode);
  requireAreaWrite(me, area.path);
  const week = requireReportWeek(input.week);
  const { field, reason } = parseInput(reportFlagInput, input);
  return db.transaction(
    (tx) => {
      const row = findReportRow(tx, area.id, week);
      if (!row) throw notFound("errors.reportNotFound");
      const sectorId = sectorOfField(tx, field);
      const at = new Date().toISOString();
      const { id } = tx.insert(reportFlags).values({ reportId: row.id, field, sectorId, reason, createdBy: me.id, createdAt: at }).returning({ id: reportFlags.id }).get();
      writeAudit(tx, me, { action: "report.flag", entityType: "report", entityId: reportEntityId(area.pcode, week), newValues: { flag: id, field, reason } });
      return { id, field, reason, createdAt: at, createdBy: me.name, clearedAt: null, clearedBy: null, clearNote: null };
    },
    { behavior: "immediate" },
  );
}

/** Clears an open flag with a note; the flag, its reason and who raised it stay, as history. Same people as flagging. */
export function clearReportFlag(db: Db, actor: Actor | null, input: FlagClearInput): ReportFlag {
  const me = requireActor(actor);
  const { id, note } = parseInput(flagClearInput, input);
  const found = db
    .select({ reportId: reportFlags.reportId, clearedAt: reportFlags.clearedAt, field: reportFlags.field, path: areas.path, pcode: areas.pcode, week: weeklyReports.week })
    .from(reportFlags)
    .innerJoin(weeklyReports, eq(weeklyReports.id, reportFlags.reportId))
    .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
    .where(eq(reportFlags.id, id))
    .get();
  if (!found) throw notFound("errors.flagNotFound");
  requireAreaWrite(me, found.path);
  return db.transaction(
    (tx) => {
      const at = new Date().toISOString();
      // The condition on cleared_at makes a second clear (another tab, a replay) a conflict rather than a silent overwrite.
      const done = tx
        .update(reportFlags)
        .set({ clearedAt: at, clearedBy: me.id, clearNote: note })
        .where(and(eq(reportFlags.id, id), isNull(reportFlags.clearedAt)))
        .run();
      if (done.changes === 0) throw conflict({ key: "errors.flagAlreadyCleared" });
      writeAudit(tx, me, { action: "report.flag_clear", entityType: "report", entityId: reportEntityId(found.pcode, found.week), oldValues: { flag: id, field: found.field }, newValues: { flag: id, note } });
      return readFlags(tx, eq(reportFlags.id, id))[0]!;
    },
    { behavior: "immediate" },
  );
}

function readFlags(tx: Tx, where: SQL | undefined): ReportFlag[] {
  return tx
    .select(flagCols)
    .from(reportFlags)
    .innerJoin(users, eq(users.id, reportFlags.createdBy))
    .leftJoin(clearer, eq(clearer.id, reportFlags.clearedBy))
    .where(where)
    .orderBy(asc(reportFlags.id))
    .all();
}

/** The flags of one report (open and cleared, oldest first), for whoever may read the report. */
export function listReportFlags(db: Db, actor: Actor | null, input: ReportKeyInput): ReportFlag[] {
  const me = requireActor(actor);
  const { row } = visibleReport(db, me, input);
  return readFlags(db, eq(reportFlags.reportId, row.id));
}

/** How many flags of a report are still open: approving it asks first while any is (lib/reports/approval.ts). */
export function openFlagCount(tx: Tx, reportId: number): number {
  return tx.select({ n: sql<number>`count(*)` }).from(reportFlags).where(and(eq(reportFlags.reportId, reportId), isNull(reportFlags.clearedAt))).get()!.n;
}

/** Open flags per report, for many reports at once (the approval queue). */
export function openFlagCounts(tx: Tx, reportIds: number[]): Map<number, number> {
  const out = new Map<number, number>();
  for (let i = 0; i < reportIds.length; i += 500) {
    const rows = tx
      .select({ reportId: reportFlags.reportId, n: sql<number>`count(*)` })
      .from(reportFlags)
      .where(and(inArray(reportFlags.reportId, reportIds.slice(i, i + 500)), isNull(reportFlags.clearedAt)))
      .groupBy(reportFlags.reportId)
      .all();
    for (const r of rows) out.set(r.reportId, r.n);
  }
  return out;
}

export const FOLLOW_UP_PAGE_SIZE = 25;

/**
 * The follow-up list: flags (open by default) of the reports this actor may read, filtered by
 * area (and below), week and sector, newest first, a page at a time.
 */
export function listFollowUps(db: Db, actor: Actor | null, filter: FollowUpFilter = {}) {
  const me = requireActor(actor);
  const f = parseInput(followUpFilter, filter);
  const where: (SQL | undefined)[] = [readableReports(me)];
  const area = f.area ? findAreaByPcode(db, f.area) : null;
  if (area) where.push(subtreeOf(area.path));
  const week = f.week ? parseWeek(f.week) : null;
  if (week) where.push(eq(weeklyReports.week, week));
  const sector = f.sector ? db.select({ id: sectors.id, code: sectors.code }).from(sectors).where(eq(sectors.code, f.sector)).get() : undefined;
  if (sector) where.push(eq(reportFlags.sectorId, sector.id));
  if (f.state === "open") where.push(isNull(reportFlags.clearedAt));
  if (f.state === "cleared") where.push(isNotNull(reportFlags.clearedAt));
  const cond = and(...where);
  const rows = db
    .select({ ...flagCols, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level, week: weeklyReports.week, status: weeklyReports.status })
    .from(reportFlags)
    .innerJoin(weeklyReports, eq(weeklyReports.id, reportFlags.reportId))
    .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
    .innerJoin(users, eq(users.id, reportFlags.createdBy))
    .leftJoin(clearer, eq(clearer.id, reportFlags.clearedBy))
    .where(cond)
    .orderBy(desc(weeklyReports.week), asc(areas.pcode), desc(reportFlags.id))
    .limit(FOLLOW_UP_PAGE_SIZE + 1)
    .offset((f.page - 1) * FOLLOW_UP_PAGE_SIZE)
    .all();
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(reportFlags)
    .innerJoin(weeklyReports, eq(weeklyReports.id, reportFlags.reportId))
    .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
    .where(cond)
    .get()!.n;
  return {
    filter: { area: area?.pcode ?? null, week, sector: sector?.code ?? null, state: f.state, page: f.page },
    sectors: activeSectors(db).map(({ code, nameEn, nameAr }) => ({ code, nameEn, nameAr })),
    total,
    hasMore: rows.length > FOLLOW_UP_PAGE_SIZE,
    rows: rows.slice(0, FOLLOW_UP_PAGE_SIZE) as FollowUpRow[],
  };
}

export type OpenFollowUp = { id: number; pcode: string; path: string; week: string; field: string; reason: string };

/**
 * Open flags in an area's subtree over a range of weeks, for the marks on the area page and the
 * gap report. Read per request and never kept with the shared summaries: a flag on a draft shows
 * only to those who see the draft.
 */
export function listOpenFollowUps(db: Db, actor: Actor | null, input: { area: string | null; from: string; to: string }): OpenFollowUp[] {
  const me = requireActor(actor);
  const area = input.area ? findAreaByPcode(db, input.area) : null;
  const from = requireReportWeek(input.from);
  const to = requireReportWeek(input.to);
  return db
    .select({ id: reportFlags.id, pcode: areas.pcode, path: areas.path, week: weeklyReports.week, field: reportFlags.field, reason: reportFlags.reason })
    .from(reportFlags)
    .innerJoin(weeklyReports, eq(weeklyReports.id, reportFlags.reportId))
    .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
    .where(and(isNull(reportFlags.clearedAt), gte(weeklyReports.week, from), lte(weeklyReports.week, to), area ? subtreeOf(area.path) : undefined, readableReports(me)))
    .orderBy(asc(areas.pcode), asc(reportFlags.id))
    .limit(1000)
    .all();
}
