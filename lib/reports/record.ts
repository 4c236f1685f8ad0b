import { and, eq } from "drizzle-orm";
import { type AreaWithPath } from "../areas";
import { reportRevisions, weeklyReports } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { writeAudit, type Tx } from "../audit";
import { conflict } from "../errors";
import { recomputeRollups } from "../figures/maintain";
import { readReports, reportEntityId, toSnapshot, type ReportSnapshot, type WeeklyReport } from "./model";

export type RevisionAction = "create" | "update" | "submit" | "approve" | "reopen";

/**
 * The bookkeeping every change to a report does, in the caller's transaction: read the
 * stored result back, keep its snapshot as a revision, write the audit row, and bring the
 * rollups of the area and its ancestors up to date.
 */
export function recordReportChange(
  tx: Tx,
  who: Actor,
  change: {
    area: AreaWithPath;
    week: string;
    reportId: number;
    action: RevisionAction;
    before: ReportSnapshot | null;
    reason?: string;
    at: string;
    /** Many reports in one transaction (a file import): the caller recomputes the rollups once for all of them (recomputeRollupsOf). */
    deferRollups?: (areaId: number, week: string) => void;
  },
): WeeklyReport {
  const stored = readReports(tx, change.week, { areaId: change.area.id })[0]!;
  const snapshot = toSnapshot(stored);
  tx.insert(reportRevisions)
    .values({
      reportId: change.reportId,
      version: stored.version,
      action: change.action,
      snapshot,
      reason: change.reason ?? null,
      changedBy: who.id,
      changedAt: change.at,
    })
    .run();
  const reason = change.reason ? { reason: change.reason } : {};
  writeAudit(tx, who, {
    action: `report.${change.action}`,
    entityType: "report",
    entityId: reportEntityId(change.area.pcode, change.week),
    oldValues: change.before ? { ...change.before, version: stored.version - 1 } : undefined,
    newValues: { ...snapshot, version: stored.version, ...reason },
  });
  if (change.deferRollups) change.deferRollups(change.area.id, change.week);
  else recomputeRollups(tx, change.area.id, change.week);
  return stored;
}

/** Bumps the version only if nobody else did meanwhile (the transaction already holds the write lock; this is belt and braces). */
export function bumpReport(tx: Tx, reportId: number, fromVersion: number, set: Partial<typeof weeklyReports.$inferInsert>): void {
  const res = tx
    .update(weeklyReports)
    .set({ ...set, version: fromVersion + 1 })
    .where(and(eq(weeklyReports.id, reportId), eq(weeklyReports.version, fromVersion)))
    .returning({ version: weeklyReports.version })
    .all();
  if (res.length !== 1) throw conflict({ key: "errors.reportChangedUnknown" });
}
