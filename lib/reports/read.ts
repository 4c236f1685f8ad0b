import { openFlagCounts } from "./flags";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, areaWeekFigures, reportRevisions, users, weeklyReports } from "@/db/schema";
import { REPORT_STATUSES, type ReportStatus } from "@/lib/report-statuses";
import { subtreeOf, findAreaByPcode, type AreaWithPath } from "../areas";
import type { Actor } from "../auth/actor";
import { coversArea, requireActor, requireRole } from "../auth/authorize";
import { invalid } from "../errors";
import type { ReportKeyInput } from "../validation/weekly-report";
import { addWeeks } from "../weeks";
import { listReportRevisions, type ReportRevision } from "./revisions";
import { activeSectors, sectorsShownForWeeks } from "../sectors";
import { canSeeReport } from "./visibility";
import { findReportRow, readGaps, readReports, requireReportWeek, type SectorFigures, type WeeklyReport } from "./model";
import type { ReportWarning } from "./warnings";
import { readStatusNotes, type StatusNote } from "./status-note";
import { weekLock, type WeekDeadline } from "./deadlines";

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
  /** The week's reporting deadline (an instant) and whether the week is locked (decision 057). */
  deadline: string;
  weekLocked: boolean;
  revisions: ReportRevision[];
  /** Set after an admin's reopening until the report is submitted again: who, when and why, for the coordinator to see at once. */
  reopened: AdminNote | null;
  /** Set after an admin returned the report to its coordinator, until it is submitted again: who, when and the comment. */
  returned: AdminNote | null;
};

export type AdminNote = Omit<StatusNote, "kind">;

/** One rule for both notes (lib/reports/status-note.ts): a report carries at most one, the newest. */
function notesOf(note: StatusNote | null | undefined): { reopened: AdminNote | null; returned: AdminNote | null } {
  const body = note ? { by: note.by, at: note.at, reason: note.reason } : null;
  return { reopened: note?.kind === "reopen" ? body : null, returned: note?.kind === "return" ? body : null };
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
  const active = activeSectors(db).map(({ code, nameEn, nameAr }) => ({ code, nameEn, nameAr }));
  const isAdmin = me.role === "admin";
  const lock = weekLock(db, week);
  // A locked week is read-only for everyone but admins; the save path refuses it again (assertWeekOpen).
  const open = isAdmin || !lock.locked;
  const revisions = listReportRevisions(db, actor, { pcode: area.pcode, week });
  const row = report ? findReportRow(db, area.id, week) : undefined;
  return {
    area: { pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr, level: area.level },
    week,
    report,
    previous,
    sectors: active,
    canEdit: coversArea(me, area.path) && report?.status !== "approved" && open,
    deadline: lock.deadline,
    weekLocked: lock.locked,
    canApprove: isAdmin && report?.status === "submitted",
    canReopen: isAdmin && report?.status === "approved",
    revisions,
    // Only for a report this reader sees: a returned draft is hidden from readers, its note with it.
    ...notesOf(report && row ? readStatusNotes(db, [row.id]).get(row.id) : null),
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
  /** Reopened by an admin, not submitted since: the coordinator sees why, on the row. */
  reopened: AdminNote | null;
  /** Returned by an admin with a comment, not submitted since. */
  returned: AdminNote | null;
  /**
   * For a reporting unit (the lowest of the coordinator's assigned areas): whether it has reported
   * by the completeness rule (a counted figure this week), else due or overdue by the week's
   * deadline. Null for the sub-areas listed for convenience, which nobody expects.
   */
  due: DueState | null;
};

export type DueState = "submitted" | "due" | "overdue";

export type MyWeek = { week: string; deadline: WeekDeadline; rows: MyWeekRow[] };

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
export function listMyWeek(db: Db, actor: Actor | null, input: { week: unknown }, now: Date = new Date()): MyWeek {
  const me = requireRole(actor, "coordinator", "admin");
  const week = requireReportWeek(input.week);
  const deadline = weekLock(db, week, now);
  if (!me.areas.length) return { week, deadline, rows: [] };
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
        reportId: weeklyReports.id,
      })
      .from(weeklyReports)
      .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
      .leftJoin(users, eq(users.id, weeklyReports.updatedBy))
      .where(and(eq(weeklyReports.week, week), subtreeOf(root.path)))
      .all(),
  );
  // Every report found lies in the actor's own areas, so this hides nothing today; it keeps My
  // week on the same rule as every other read should the walk above ever reach further.
  const reported = stored.filter((r) => canSeeReport(me, { areaPath: r.path, status: r.status }));
  const reportOf = new Map(reported.map((r) => [r.id, r]));
  // Who, when and why from the admin's revision itself, by the same rule as the report page.
  const notes = readStatusNotes(db, reported.map((r) => r.reportId));
  const rows = new Map<number, Omit<MyWeekRow, "due"> & { key: string }>();
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
      ...notesOf(r ? notes.get(r.reportId) : null),
    });
  };
  for (const r of roots) add(r, 0);
  for (const c of children) add(c, 1);
  for (const r of reported) {
    const root = roots.find((x) => r.path.startsWith(x.path));
    add(r, root ? r.level - root.level : 1);
  }
  // Units: the assigned areas with none of the others below them (decision 016's rule).
  const units = roots.filter((a) => !roots.some((b) => b.id !== a.id && b.path.startsWith(a.path))).map((a) => a.id);
  const counted = new Set(
    db
      .select({ id: areaWeekFigures.areaId })
      .from(areaWeekFigures)
      .where(and(eq(areaWeekFigures.week, week), inArray(areaWeekFigures.areaId, units)))
      .all()
      .map((r) => r.id),
  );
  const overdue = now.getTime() >= Date.parse(deadline.deadline);
  const dueOf = (id: number): DueState | null => (!units.includes(id) ? null : counted.has(id) ? "submitted" : overdue ? "overdue" : "due");
  return {
    week,
    deadline,
    rows: [...rows.entries()]
      .sort(([, a], [, b]) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(([id, r]) => ({
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
        returned: r.returned,
        due: dueOf(id),
      })),
  };
}

export type AwaitingApproval = {
  pcode: string;
  nameEn: string;
  nameAr: string;
  level: number;
  version: number;
  newlyDisplacedFamilies: number;
  repeatDisplacedFamilies: number;
  totalDisplacedFamilies: number;
  /** Per active sector code, as entered; a sector the report left empty is absent. */
  sectors: Record<string, SectorFigures>;
  /** The plausibility warnings the submitter confirmed to save these figures (empty: none raised). */
  warnings: ReportWarning[];
  /** Who submitted the figures, and when: the newest save, not an admin's reopening after it. */
  submittedBy: string | null;
  submittedAt: string;
  governorate: { pcode: string; nameEn: string; nameAr: string };
  /** Flags not yet cleared: approving asks first while there are any. */
  openFollowUps: number;
};

/** Saves, as opposed to an admin's status changes: the newest one is who submitted a submitted report. */
const SAVE_ACTIONS = ["create", "update", "submit"];

/**
 * For admins: the week's submitted reports, grouped by governorate (the order they are listed in),
 * each with its figures, the warnings confirmed to save it, and who submitted it when; and the
 * active sectors the figures are shown for.
 */
export function listReportsAwaitingApproval(
  db: Db,
  actor: Actor | null,
  input: { week: unknown },
): { week: string; sectors: { code: string; nameEn: string; nameAr: string }[]; reports: AwaitingApproval[] } {
  requireRole(actor, "admin");
  const week = requireReportWeek(input.week);
  const rows = db
    .select({
      id: weeklyReports.id,
      pcode: areas.pcode,
      nameEn: areas.nameEn,
      nameAr: areas.nameAr,
      level: areas.level,
      path: areas.path,
      version: weeklyReports.version,
      newlyDisplacedFamilies: weeklyReports.newlyDisplacedFamilies,
      repeatDisplacedFamilies: weeklyReports.repeatDisplacedFamilies,
      totalDisplacedFamilies: weeklyReports.totalDisplacedFamilies,
      savedWarnings: weeklyReports.savedWarnings,
      updatedAt: weeklyReports.updatedAt,
      updatedBy: users.name,
    })
    .from(weeklyReports)
    .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
    .leftJoin(users, eq(users.id, weeklyReports.updatedBy))
    .where(and(eq(weeklyReports.week, week), eq(weeklyReports.status, "submitted")))
    .all();
  const ids = rows.map((r) => r.id);
  const gaps = readGaps(db, ids);
  const submitted = new Map<number, { at: string; by: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const saves = db
      .select({ reportId: reportRevisions.reportId, at: reportRevisions.changedAt, by: users.name })
      .from(reportRevisions)
      .leftJoin(users, eq(users.id, reportRevisions.changedBy))
      .where(and(inArray(reportRevisions.reportId, ids.slice(i, i + 500)), inArray(reportRevisions.action, SAVE_ACTIONS)))
      .orderBy(desc(reportRevisions.version))
      .all();
    for (const s of saves) if (!submitted.has(s.reportId)) submitted.set(s.reportId, { at: s.at, by: s.by });
  }
  const openFlags = openFlagCounts(db, ids);
  const topIds = [...new Set(rows.map((r) => Number(r.path.split("/")[1])))];
  const tops = topIds.length
    ? db.select({ id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr }).from(areas).where(inArray(areas.id, topIds)).all()
    : [];
  const topOf = new Map(tops.map((t) => [t.id, { pcode: t.pcode, nameEn: t.nameEn, nameAr: t.nameAr }]));
  const active = sectorsShownForWeeks(db, week).map(({ code, nameEn, nameAr }) => ({ code, nameEn, nameAr }));
  return {
    week,
    sectors: active,
    reports: rows
      .map(({ id, path, savedWarnings, updatedAt, updatedBy, ...r }) => ({
        ...r,
        sectors: gaps.get(id) ?? {},
        warnings: asWarnings(savedWarnings),
        openFollowUps: openFlags.get(id) ?? 0,
        submittedBy: submitted.get(id)?.by ?? updatedBy,
        submittedAt: submitted.get(id)?.at ?? updatedAt,
        governorate: topOf.get(Number(path.split("/")[1]))!,
      }))
      .sort((a, b) => a.governorate.pcode.localeCompare(b.governorate.pcode) || a.pcode.localeCompare(b.pcode)),
  };
}

const WARNING_KINDS = new Set<string>(["rise", "fall", "gapChange", "totalBelowNew"]);

/** The stored JSON, kept to the warnings it can show: a row from before the column holds "[]". */
function asWarnings(value: unknown): ReportWarning[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (w): w is ReportWarning =>
      w !== null && typeof w === "object" && typeof w.field === "string" && WARNING_KINDS.has(w.kind) && typeof w.current === "number",
  );
}
