import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, weeklyReports } from "@/db/schema";
import { subtreeOf, findAreaByPcode, type AreaWithPath } from "../areas";
import type { Actor } from "../auth/actor";
import { requireActor, requireRole } from "../auth/authorize";
import type { Tx } from "../audit";
import { conflict, notFound } from "../errors";
import { reportApproveInput, reportKeyInput, reportReopenInput, type ReportApproveInput, type ReportKeyInput, type ReportReopenInput } from "../validation/weekly-report";
import { parseInput } from "../validation/zod-messages";
import { findReportRow, readReports, requireReportWeek, toSnapshot, type WeeklyReport } from "./model";
import { bumpReport, recordReportChange } from "./record";

/** Admin-only writes on one report: 401, then 404 for an unknown area, then 403 for anyone but an admin. */
function adminOnReport(db: Db, actor: Actor | null, pcode: unknown, week: unknown) {
  const me = requireActor(actor);
  const area = findAreaByPcode(db, pcode);
  const admin = requireRole(me, "admin");
  return { admin, area, week: requireReportWeek(week) };
}

function approveOne(tx: Tx, admin: Actor, area: AreaWithPath, week: string, expectVersion?: number): WeeklyReport {
  const row = findReportRow(tx, area.id, week);
  if (!row) throw notFound("errors.reportNotFound");
  if (row.status !== "submitted") throw conflict({ key: "errors.reportNotSubmitted", values: { status: row.status } });
  if (expectVersion !== undefined && expectVersion !== row.version)
    throw conflict({ key: "errors.reportChangedBeforeApproval", values: { version: row.version } });
  const before = toSnapshot(readReports(tx, week, { areaId: area.id })[0]!);
  const at = new Date().toISOString();
  bumpReport(tx, row.id, row.version, { status: "approved", approvedBy: admin.id, approvedAt: at, updatedBy: admin.id, updatedAt: at });
  return recordReportChange(tx, admin, { area, week, reportId: row.id, action: "approve", before, at });
}

/** Approves one submitted report, which locks it. `version`, when given, must still be the stored one. */
export function approveReport(db: Db, actor: Actor | null, input: ReportApproveInput): WeeklyReport {
  const { admin, area, week } = adminOnReport(db, actor, input.pcode, input.week);
  const { version } = parseInput(reportApproveInput, input);
  return db.transaction((tx) => approveOne(tx, admin, area, week, version), { behavior: "immediate" });
}

/** Approves every submitted report for the week in the area and below it, each with its own revision and audit row. */
export function approveAllSubmitted(db: Db, actor: Actor | null, input: ReportKeyInput): { approved: WeeklyReport[] } {
  const { admin, area, week } = adminOnReport(db, actor, input.pcode, input.week);
  parseInput(reportKeyInput, input);
  return db.transaction(
    (tx) => {
      const submitted = tx
        .select({ id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level, path: areas.path })
        .from(weeklyReports)
        .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
        .where(and(eq(weeklyReports.week, week), eq(weeklyReports.status, "submitted"), subtreeOf(area.path)))
        .orderBy(areas.pcode)
        .all();
      return { approved: submitted.map((a) => approveOne(tx, admin, a, week)) };
    },
    { behavior: "immediate" },
  );
}

/** Unlocks an approved report: it goes back to "submitted", so the coordinator can correct it and an admin approve it again. */
export function reopenReport(db: Db, actor: Actor | null, input: ReportReopenInput): WeeklyReport {
  const { admin, area, week } = adminOnReport(db, actor, input.pcode, input.week);
  const { reason, version } = parseInput(reportReopenInput, input);
  return db.transaction(
    (tx) => {
      const row = findReportRow(tx, area.id, week);
      if (!row) throw notFound("errors.reportNotFound");
      if (row.status !== "approved") throw conflict({ key: "errors.reportNotApproved", values: { status: row.status } });
      if (version !== undefined && version !== row.version) throw conflict({ key: "errors.reportChangedBeforeApproval", values: { version: row.version } });
      const before = toSnapshot(readReports(tx, week, { areaId: area.id })[0]!);
      const at = new Date().toISOString();
      bumpReport(tx, row.id, row.version, { status: "submitted", approvedBy: null, approvedAt: null, updatedBy: admin.id, updatedAt: at });
      return recordReportChange(tx, admin, { area, week, reportId: row.id, action: "reopen", before, reason, at });
    },
    { behavior: "immediate" },
  );
}
