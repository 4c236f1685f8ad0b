import { and, eq, sql, type Placeholder } from "drizzle-orm";
import { preparedIn } from "../prepared";
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
    /** Many reports in one transaction (a file import): the caller recomputes the rollups once for all of them (recomputeRollupsOf). */
    deferRollups?: (areaId: number, week: string) => void;
  },
): WeeklyReport {
  const stored = readReports(tx, change.week, { areaId: change.area.id })[0]!;
  const snapshot = toSnapshot(stored);
  preparedIn(tx, insertRevisionQuery).run({
    reportId: change.reportId,
    version: stored.version,
    action: change.action,
    snapshot,
    reason: change.reason ?? null,
    changedBy: who.id,
    changedAt: change.at,
  });
  const reason = change.reason ? { reason: change.reason } : {};
  const warnings = change.warnings?.length ? { warnings: change.warnings } : {};
  writeAudit(tx, who, {
    action: `report.${change.action}`,
    entityType: "report",
    entityId: reportEntityId(change.area.pcode, change.week),
    oldValues: change.before ? { ...change.before, version: stored.version - 1 } : undefined,
    newValues: { ...snapshot, version: stored.version, ...reason, ...warnings },
  });
  if (change.deferRollups) change.deferRollups(change.area.id, change.week);
  else recomputeRollups(tx, change.area.id, change.week);
  return stored;
}

const insertRevisionQuery = (tx: Tx) =>
  tx
    .insert(reportRevisions)
    .values({
      reportId: sql.placeholder("reportId"),
      version: sql.placeholder("version"),
      action: sql.placeholder("action"),
      snapshot: sql.placeholder("snapshot"),
      reason: sql.placeholder("reason"),
      changedBy: sql.placeholder("changedBy"),
      changedAt: sql.placeholder("changedAt"),
    })
    .prepare();

type ReportSet = Partial<typeof weeklyReports.$inferInsert>;

/** Bumps the version only if nobody else did meanwhile (the transaction already holds the write lock; this is belt and braces). */
export function bumpReport(tx: Tx, reportId: number, fromVersion: number, set: ReportSet): void {
  // As drizzle's own update does, a key set to undefined is left alone.
  const values = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  const columns = Object.keys(values) as (keyof ReportSet)[];
  const res = preparedIn(tx, `bumpReport:${columns.join(",")}`, () => bumpQuery(tx, columns)).all({ ...values, reportId, fromVersion, version: fromVersion + 1 });
  if (res.length !== 1) throw conflict({ key: "errors.reportChangedUnknown" });
}

function bumpQuery(tx: Tx, columns: (keyof ReportSet)[]) {
  // Drizzle binds a placeholder in an update to its column (JSON columns encoded) though its types do not say so.
  const set: Record<string, Placeholder> = Object.fromEntries([...columns, "version"].map((c) => [c, sql.placeholder(c)]));
  return tx
    .update(weeklyReports)
    .set(set)
    .where(and(eq(weeklyReports.id, sql.placeholder("reportId")), eq(weeklyReports.version, sql.placeholder("fromVersion"))))
    .returning({ version: weeklyReports.version })
    .prepare();
}
