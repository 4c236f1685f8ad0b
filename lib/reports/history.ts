import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reportRevisions, users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import type { ReportKeyInput } from "../validation/weekly-report";
import { diffSnapshots, findReportArea, findReportRow, requireReportWeek, type FieldChange } from "./model";

export type ReportRevision = {
  version: number;
  action: string;
  reason: string | null;
  changedAt: string;
  changedBy: string | null;
  /** Fields that differ from the previous revision (for the first one: every field it set). */
  changes: FieldChange[];
};

/** Every revision of a report, newest first, each with who, when and what changed from what to what. */
export function listReportRevisions(db: Db, actor: Actor | null, input: ReportKeyInput): ReportRevision[] {
  requireActor(actor);
  const area = findReportArea(db, input.pcode);
  const week = requireReportWeek(input.week);
  const row = findReportRow(db, area.id, week);
  if (!row) return [];
  const revisions = db
    .select({
      version: reportRevisions.version,
      action: reportRevisions.action,
      reason: reportRevisions.reason,
      snapshot: reportRevisions.snapshot,
      changedAt: reportRevisions.changedAt,
      changedBy: users.name,
    })
    .from(reportRevisions)
    .leftJoin(users, eq(users.id, reportRevisions.changedBy))
    .where(eq(reportRevisions.reportId, row.id))
    .orderBy(asc(reportRevisions.version))
    .all();
  return revisions
    .map((r, i) => ({
      version: r.version,
      action: r.action,
      reason: r.reason,
      changedAt: r.changedAt,
      changedBy: r.changedBy,
      changes: diffSnapshots(i > 0 ? revisions[i - 1]!.snapshot : {}, r.snapshot),
    }))
    .reverse();
}
