import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alias } from "drizzle-orm/sqlite-core";
import { areas, reportRevisions, sectors, users, weeklyReports } from "@/db/schema";
import { REPORT_STATUSES, type ReportStatus } from "@/lib/report-statuses";
import { subtreeOf, findAreaByPcode, type AreaWithPath } from "../areas";
import type { Actor } from "../auth/actor";
import { coversArea, requireActor, requireRole } from "../auth/authorize";
import { invalid } from "../errors";
import type { ReportKeyInput } from "../validation/weekly-report";
import { addWeeks } from "../weeks";
import { listReportRevisions, type ReportRevision } from "./revisions";
import { canSeeReport } from "./visibility";
import { readReports, requireReportWeek, type WeeklyReport } from "./model";

/** The admin who reopened a report (a second join on users, beside the last editor). */
const reopener = alias(users, "reopener");

/**
 * One report, or null when the area has none for that week, or only one this actor may not see
 * (a draft, to anyone who may not edit the area: canSeeReport). 404 for an unknown area, 422 for a bad week.
 */
export function getWeeklyReport(db: Db, actor: Actor | null, input: ReportKeyInput): WeeklyReport | null {
  const me = requireActor(actor);
  const area = findAreaByPcode(db, input.pcode);
  const week = requireReportWeek(input.week);
  return readReports(db, week, { areaId: area.id }, { visibleTo: me })[0] ?? null;
}

export type ReportEntry = {
  area: Omit<AreaWithPath, "path" | "id">;
  week: string;
  report: WeeklyReport | null;
  /** The previous week's report of the same area: the base for "copy last week" and for warnings. */
  previous: WeeklyReport | null;
  sectors: { code: string; nameEn: string; nameAr: string }[];
  canEdit: boolean;
  canApprove: boolean;
  canReopen: boolean;
  revisions: ReportRevision[];
  /** Set while the last change was an admin's reopening: who, when and why, for the coordinator to see at once. */
  reopened: Reopened | null;
};

export type Reopened = { by: string | null; at: string; reason: string };

/** The report was reopened and nothing happened to it since: its newest revision is the reopening. */
function reopenedFrom(revisions: ReportRevision[], version: number | undefined): Reopened | null {
  const last = revisions[0];
  return last && last.version === version && last.action === "reopen" ? { by: last.changedBy, at: last.changedAt, reason: last.reason ?? "" } : null;
}

/**
 * Everything the report page shows, with what this actor may do there (lib/ checks again on every
 * write). A reader who may not see the week's draft gets the week as if nobody had reported it:
 * no figures, no notes, no revisions; the same for last week's.
 */
export function getReportEntry(db: Db, actor: Actor | null, input: ReportKeyInput): ReportEntry {
  const me = requireActor(actor);
  const area = findAreaByPcode(db, input.pcode);
  const week = requireReportWeek(input.week);
  const report = readReports(db, week, { areaId: area.id }, { visibleTo: me })[0] ?? null;
  const previous = readReports(db, addWeeks(week, -1), { areaId: area.id }, { visibleTo: me })[0] ?? null;
  const active = db
    .select({ code: sectors.code, nameEn: sectors.nameEn, nameAr: sectors.nameAr })
    .from(sectors)
    .where(eq(sectors.active, true))
    .orderBy(asc(sectors.sortOrder), asc(sectors.code))
    .all();
  const isAdmin = me.role === "admin";
  const revisions = listReportRevisions(db, actor, { pcode: area.pcode, week });
  return {
    area: { pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr, level: area.level },
    week,
    report,
    previous,
    sectors: active,
    canEdit: coversArea(me, area.path) && report?.status !== "approved",
    canApprove: isAdmin && report?.status === "submitted",
    canReopen: isAdmin && report?.status === "approved",
    revisions,
    reopened: reopenedFrom(revisions, report?.version),
  };
}

const STATUS_FILTER = new Set<string>(REPORT_STATUSES);

/**
 * For GET /api/v1/reports: the week's reports in an area's subtree (every area when none is
 * named) that this actor may see; a draft is listed only to those who may edit its area.
 */
export function listReportsForApi(
  db: Db,
  actor: Actor | null,
  input: { week?: unknown; area?: unknown; status?: unknown },
): { week: string; area: string | null; reports: WeeklyReport[] } {
  const me = requireActor(actor);
  const area = input.area === undefined || input.area === null || input.area === "" ? null : findAreaByPcode(db, input.area);
  const week = requireReportWeek(input.week);
  if (input.status !== undefined && input.status !== "" && !STATUS_FILTER.has(String(input.status)))
    throw invalid({ status: { key: "validation.oneOf", values: { options: REPORT_STATUSES.join(", ") } } });
  const reports = readReports(db, week, { subtree: area ? subtreeOf(area.path) : undefined }, { visibleTo: me });
  const status = input.status ? String(input.status) : null;
  return { week, area: area?.pcode ?? null, reports: status ? reports.filter((r) => r.status === status) : reports };
}

export type MyWeekRow = {
  pcode: string;
  nameEn: string;
  nameAr: string;
  level: number;
  /** 0 for an assigned area, 1 for its sub-areas, more for deeper areas that have a report this week. */
  depth: number;
  status: ReportStatus | "missing";
  version: number;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Reopened by an admin and untouched since: the coordinator sees why, on the row. */
  reopened: Reopened | null;
};

/** Tree order: a parent before its children, children together (paths compared id by id, not as text). */
const treeKey = (path: string) =>
  path
    .split("/")
    .filter(Boolean)
    .map((id) => id.padStart(10, "0"))
    .join("/");

/**
 * A coordinator's week: each assigned area, its sub-areas, and any deeper area of theirs that
 * already has a report that week, each with the report's status ("missing" when there is none).
 */
export function listMyWeek(db: Db, actor: Actor | null, input: { week: unknown }): { week: string; rows: MyWeekRow[] } {
  const me = requireRole(actor, "coordinator", "admin");
  const week = requireReportWeek(input.week);
  if (!me.areas.length) return { week, rows: [] };
  const cols = { id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level, path: areas.path };
  const rootIds = me.areas.map((a) => a.id);
  const roots = db.select(cols).from(areas).where(inArray(areas.id, rootIds)).all();
  const children = db.select(cols).from(areas).where(inArray(areas.parentId, rootIds)).all();
  const stored = roots.flatMap((root) =>
    db
      .select({
        ...cols,
        status: weeklyReports.status,
        version: weeklyReports.version,
        updatedAt: weeklyReports.updatedAt,
        updatedBy: users.name,
        reopenReason: reportRevisions.reason,
        reopenedAt: reportRevisions.changedAt,
        reopenedBy: reopener.name,
      })
      .from(weeklyReports)
      .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
      .leftJoin(users, eq(users.id, weeklyReports.updatedBy))
      // The newest revision, when it is a reopening: the last thing that happened to the report.
      .leftJoin(
        reportRevisions,
        and(eq(reportRevisions.reportId, weeklyReports.id), eq(reportRevisions.version, weeklyReports.version), eq(reportRevisions.action, "reopen")),
      )
      .leftJoin(reopener, eq(reopener.id, reportRevisions.changedBy))
      .where(and(eq(weeklyReports.week, week), subtreeOf(root.path)))
      .all(),
  );
  // Every report found lies in the actor's own areas, so this hides nothing today; it keeps My
  // week on the same rule as every other read should the walk above ever reach further.
  const reported = stored.filter((r) => canSeeReport(me, { areaPath: r.path, status: r.status }));
  const reportOf = new Map(reported.map((r) => [r.id, r]));
  const rows = new Map<number, MyWeekRow & { key: string }>();
  const add = (a: (typeof roots)[number], depth: number) => {
    if (rows.has(a.id)) return;
    const r = reportOf.get(a.id);
    rows.set(a.id, {
      key: treeKey(a.path),
      pcode: a.pcode,
      nameEn: a.nameEn,
      nameAr: a.nameAr,
      level: a.level,
      depth,
      status: r?.status ?? "missing",
      version: r?.version ?? 0,
      updatedAt: r?.updatedAt ?? null,
      updatedBy: r?.updatedBy ?? null,
      // Who, when and why from the reopening revision itself, as the report page reads it (reopenedFrom).
      reopened: r && r.reopenReason !== null && r.reopenedAt !== null ? { by: r.reopenedBy, at: r.reopenedAt, reason: r.reopenReason } : null,
    });
  };
  for (const r of roots) add(r, 0);
  for (const c of children) add(c, 1);
  for (const r of reported) {
    const root = roots.find((x) => r.path.startsWith(x.path));
    add(r, root ? r.level - root.level : 1);
  }
  return {
    week,
    rows: [...rows.entries()]
      .sort(([, a], [, b]) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(([, r]) => ({
        pcode: r.pcode,
        nameEn: r.nameEn,
        nameAr: r.nameAr,
        level: r.level,
        depth: r.depth,
        status: r.status,
        version: r.version,
        updatedAt: r.updatedAt,
        updatedBy: r.updatedBy,
        reopened: r.reopened,
      })),
  };
}

export type AwaitingApproval = {
  pcode: string;
  nameEn: string;
  nameAr: string;
  level: number;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
  governorate: { pcode: string; nameEn: string; nameAr: string };
};

/** For admins: the week's submitted reports, grouped by governorate (the order they are listed in). */
export function listReportsAwaitingApproval(db: Db, actor: Actor | null, input: { week: unknown }): { week: string; reports: AwaitingApproval[] } {
  requireRole(actor, "admin");
  const week = requireReportWeek(input.week);
  const rows = db
    .select({
      pcode: areas.pcode,
      nameEn: areas.nameEn,
      nameAr: areas.nameAr,
      level: areas.level,
      path: areas.path,
      version: weeklyReports.version,
      updatedAt: weeklyReports.updatedAt,
      updatedBy: users.name,
    })
    .from(weeklyReports)
    .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
    .leftJoin(users, eq(users.id, weeklyReports.updatedBy))
    .where(and(eq(weeklyReports.week, week), eq(weeklyReports.status, "submitted")))
    .all();
  const topIds = [...new Set(rows.map((r) => Number(r.path.split("/")[1])))];
  const tops = topIds.length
    ? db.select({ id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr }).from(areas).where(inArray(areas.id, topIds)).all()
    : [];
  const topOf = new Map(tops.map((t) => [t.id, { pcode: t.pcode, nameEn: t.nameEn, nameAr: t.nameAr }]));
  return {
    week,
    reports: rows
      .map(({ path, ...r }) => ({ ...r, governorate: topOf.get(Number(path.split("/")[1]))! }))
      .sort((a, b) => a.governorate.pcode.localeCompare(b.governorate.pcode) || a.pcode.localeCompare(b.pcode)),
  };
}
