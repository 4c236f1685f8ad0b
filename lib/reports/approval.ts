import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, weeklyReports } from "@/db/schema";
import { subtreeOf, findAreaByPcode, type AreaWithPath } from "../areas";
import type { Actor } from "../auth/actor";
import { requireActor, requireRole } from "../auth/authorize";
import type { ReportStatus } from "@/lib/report-statuses";
import type { Tx } from "../audit";
import { conflict, invalid, notFound } from "../errors";
import { openFlagCount } from "./flags";
import {
  reportApproveAllInput,
  reportApproveInput,
  reportReopenInput,
  reportReturnInput,
  type ReportApproveAllInput,
  type ReportApproveInput,
  type ReportReopenInput,
  type ReportReturnInput,
} from "../validation/weekly-report";
import { parseInput } from "../validation/zod-messages";
import { findReportRow, readReports, requireReportWeek, toSnapshot, type WeeklyReport } from "./model";
import { bumpReport, recordReportChange } from "./record";
import { assertWeekOpen } from "./deadlines";

/** Admin-only writes on one report: 401, then 404 for an unknown area, then 403 for anyone but an admin. */
function adminOnReport(db: Db, actor: Actor | null, pcode: unknown, week: unknown) {
  const me = requireActor(actor);
  const area = findAreaByPcode(db, pcode);
  const admin = requireRole(me, "admin");
  return { admin, area, week: requireReportWeek(week) };
}

/** The statuses an admin moves a report between, each from one status only, with its refusal when the report is elsewhere. */
const TRANSITIONS = {
  approve: { from: "submitted", to: "approved", notThere: "errors.reportNotSubmitted" },
  reopen: { from: "approved", to: "submitted", notThere: "errors.reportNotApproved" },
  return: { from: "submitted", to: "draft", notThere: "errors.reportNotSubmitted" },
} as const satisfies Record<string, { from: ReportStatus; to: ReportStatus; notThere: string }>;

/**
 * One admin status change, in the caller's transaction: the report must exist, be in the
 * transition's starting status and, when a version is given, still be at that version; then
 * its status moves, and the revision, the audit row and the rollups follow (recordReportChange).
 */
function changeStatus(
  tx: Tx,
  admin: Actor,
  area: AreaWithPath,
  week: string,
  action: keyof typeof TRANSITIONS,
  opts: { version?: number; reason?: string; confirmFollowUps?: boolean } = {},
): WeeklyReport {
  assertWeekOpen(tx, admin, week);
  const { from, to, notThere } = TRANSITIONS[action];
  const row = findReportRow(tx, area.id, week);
  if (!row) throw notFound("errors.reportNotFound");
  if (row.status !== from) throw conflict({ key: notThere, values: { status: row.status } });
  if (opts.version !== undefined && opts.version !== row.version)
    throw conflict({ key: "errors.reportChangedBeforeApproval", values: { version: row.version } });
  // Approving over an open follow-up asks first, with the same required box as every other step that does (decision 040).
  if (action === "approve" && !opts.confirmFollowUps) {
    const open = openFlagCount(tx, row.id);
    if (open) throw invalid({ confirm: { key: "validation.confirmFollowUps", values: { count: open } } }, { key: "errors.openFollowUps", values: { count: open, area: area.pcode } });
  }
  const before = toSnapshot(readReports(tx, week, { areaId: area.id })[0]!);
  const at = new Date().toISOString();
  const approval = to === "approved" ? { approvedBy: admin.id, approvedAt: at } : { approvedBy: null, approvedAt: null };
  bumpReport(tx, row.id, row.version, { status: to, ...approval, updatedBy: admin.id, updatedAt: at });
  return recordReportChange(tx, admin, { area, week, reportId: row.id, action, before, reason: opts.reason, at });
}

/** Approves one submitted report, which locks it. `version`, when given, must still be the stored one. */
export function approveReport(db: Db, actor: Actor | null, input: ReportApproveInput): WeeklyReport {
  const { admin, area, week } = adminOnReport(db, actor, input.pcode, input.week);
  const { version, confirmFollowUps } = parseInput(reportApproveInput, input);
  return db.transaction((tx) => changeStatus(tx, admin, area, week, "approve", { version, confirmFollowUps }), { behavior: "immediate" });
}

function submittedIn(tx: Tx, area: AreaWithPath, week: string) {
  return tx
    .select({ id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level, path: areas.path, version: weeklyReports.version })
    .from(weeklyReports)
    .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
    .where(and(eq(weeklyReports.week, week), eq(weeklyReports.status, "submitted"), subtreeOf(area.path)))
    .orderBy(areas.pcode)
    .all();
}

/**
 * Approves, in the area and below it, exactly the reports the admin confirmed, at the versions
 * they saw, each with its own revision and audit row. A report submitted or changed after the
 * confirmation was shown is not approved unseen: it stays in the queue, and `skipped` names it.
 */
export function approveAllSubmitted(db: Db, actor: Actor | null, input: ReportApproveAllInput): { approved: WeeklyReport[]; skipped: string[] } {
  const { admin, area, week } = adminOnReport(db, actor, input.pcode, input.week);
  const { reports: confirmed, confirmFollowUps } = parseInput(reportApproveAllInput, input);
  return db.transaction(
    (tx) => {
      const submitted = submittedIn(tx, area, week);
      const seen = new Map(confirmed.map((c) => [c.pcode, c.version]));
      const approvable = submitted.filter((r) => seen.get(r.pcode) === r.version);
      const approved = approvable.map((a) => changeStatus(tx, admin, a, week, "approve", { version: a.version, confirmFollowUps }));
      // Confirmed but no longer approvable (changed, returned, approved meanwhile), or never confirmed.
      const done = new Set(approvable.map((r) => r.pcode));
      const skipped = [...new Set([...confirmed.map((c) => c.pcode), ...submitted.map((r) => r.pcode)])].filter((p) => !done.has(p)).sort();
      return { approved, skipped };
    },
    { behavior: "immediate" },
  );
}

/** Unlocks an approved report: it goes back to "submitted", so the coordinator can correct it and an admin approve it again. */
export function reopenReport(db: Db, actor: Actor | null, input: ReportReopenInput): WeeklyReport {
  const { admin, area, week } = adminOnReport(db, actor, input.pcode, input.week);
  const { reason, version } = parseInput(reportReopenInput, input);
  return db.transaction((tx) => changeStatus(tx, admin, area, week, "reopen", { version, reason }), { behavior: "immediate" });
}

/**
 * Sends a submitted report back to its coordinator with a comment: it becomes a draft again (so
 * it leaves the rollups until it is submitted again), and the comment shows on My week and on the
 * report until then. Refused unless the admin saw the stored version.
 */
export function returnReport(db: Db, actor: Actor | null, input: ReportReturnInput): WeeklyReport {
  const { admin, area, week } = adminOnReport(db, actor, input.pcode, input.week);
  const { comment, version } = parseInput(reportReturnInput, input);
  return db.transaction((tx) => changeStatus(tx, admin, area, week, "return", { version, reason: comment }), { behavior: "immediate" });
}
