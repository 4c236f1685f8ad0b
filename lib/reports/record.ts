import { and, eq } from "drizzle-orm";
import { type AreaWithPath } from "../areas";
import { reportRevisions, weeklyReports } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { writeAudit, type Tx } from "../audit";
import { conflict } from "../errors";
import { recomputeRollups } from "../figures/maintain";
import { readReports, reportEntityId, toSnapshot, type ReportSnapshot, type WeeklyReport } from "./model";
import type { ReportWarning } from "./warnings";

export type RevisionAction = "create" | "update" | "submit" | "approve" | "reopen" | "return";

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
    /** A save's plausibility warnings, which the person saving confirmed: the audit row keeps them. */
    warnings?: ReportWarning[];
    /** The author kept their figures over a newer version after a conflict: the revision and the audit row say so. */
    keptMine?: boolean;
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
      keptMine: change.keptMine ?? false,
      changedBy: who.id,
      changedAt: change.at,
    })
    .run();
  const reason = change.reason ? { reason: change.reason } : {};
  const warnings = change.warnings?.length ? { warnings: change.warnings } : {};
  const keptMine = change.keptMine ? { keptMine: true } : {};
  writeAudit(tx, who, {
    action: `report.${change.action}`,
    entityType: "report",
    entityId: reportEntityId(change.area.pcode, change.week),
    oldValues: change.before ? { ...change.before, version: stored.version - 1 } : undefined,
    newValues: { ...snapshot, version: stored.version, ...reason, ...warnings, ...keptMine },
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
