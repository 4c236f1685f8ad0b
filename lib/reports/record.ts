import { getTableColumns } from "drizzle-orm";
import { jsonText, rowsOf, run } from "../statements";
import { type AreaWithPath } from "../areas";
import { weeklyReports } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { writeAudit, type Tx } from "../audit";
import { conflict } from "../errors";
import { recomputeRollups } from "../figures/maintain";
import { readReports, reportEntityId, toSnapshot, type ReportSnapshot, type WeeklyReport } from "./model";
import type { ReportWarning } from "./warnings";

export type RevisionAction = "create" | "update" | "submit" | "approve" | "reopen" | "return";

/**
 * The bookkeeping every change to a report does, in the caller's transaction: take the
 * stored result (read back unless the caller built it), keep its snapshot as a revision, write the audit row, and bring the
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
    /** The report as the caller has just written it (saveReportInTx builds it); read back when absent. */
    stored?: WeeklyReport;
  },
): WeeklyReport {
  const stored = change.stored ?? readReports(tx, change.week, { areaId: change.area.id })[0]!;
  const snapshot = toSnapshot(stored);
  run(
    tx,
    "insert into report_revisions (report_id, version, action, snapshot, reason, kept_mine, changed_by, changed_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
    change.reportId,
    stored.version,
    change.action,
    jsonText(snapshot),
    change.reason ?? null,
    // A boolean column, stored as drizzle's boolean mode stores it.
    change.keptMine ? 1 : 0,
    who.id,
    change.at,
  );
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

type ReportSet = Partial<typeof weeklyReports.$inferInsert>;

/** Bumps the version only if nobody else did meanwhile (the transaction already holds the write lock; this is belt and braces). */
export function bumpReport(tx: Tx, reportId: number, fromVersion: number, set: ReportSet): void {
  // As drizzle's own update does, a key set to undefined is left alone.
  const columns = (Object.keys(set) as (keyof ReportSet)[]).filter((c) => set[c] !== undefined);
  const values = columns.map((c) => (c === "savedWarnings" ? jsonText(set[c]) : set[c]));
  const assign = columns.map((c) => `${REPORT_COLUMNS[c]} = ?`).join(", ");
  const res = rowsOf(tx, `update weekly_reports set ${assign}, version = ? where id = ? and version = ? returning version`, ...values, fromVersion + 1, reportId, fromVersion);
  if (res.length !== 1) throw conflict({ key: "errors.reportChangedUnknown" });
}

/** The SQL name of every column of weekly_reports (the names the SQL above is written with). */
const REPORT_COLUMNS = Object.fromEntries(Object.entries(getTableColumns(weeklyReports)).map(([key, col]) => [key, col.name])) as Record<keyof ReportSet, string>;
