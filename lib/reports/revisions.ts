import { asc, eq } from "drizzle-orm";
import { findAreaByPcode } from "../areas";
import type { Db } from "@/db/client";
import { reportRevisions, users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import type { ReportKeyInput } from "../validation/weekly-report";
import { canSeeReport } from "./visibility";
import { diffSnapshots, findReportRow, requireReportWeek, type FieldChange } from "./model";

export type ReportRevision = {
  version: number;
  action: string;
  reason: string | null;
  /** Saved over a newer version on purpose, after a conflict ("keep mine"). */
  keptMine: boolean;
  changedAt: string;
  changedBy: string | null;
  /** Fields that differ from the previous revision (for the first one: every field it set). */
  changes: FieldChange[];
};

/**
 * Every revision of a report this actor may see, newest first, each with who, when and what
 * changed from what to what. Someone who may not see drafts of the area (canSeeReport) gets no
 * revision of a report that is a draft now, and of any other report only the revisions whose
 * snapshot was submitted or approved, each compared with the previous one they see: compared
 * with the hidden draft before it, its "from" values would show the draft's figures.
 */
export function listReportRevisions(db: Db, actor: Actor | null, input: ReportKeyInput): ReportRevision[] {
  const me = requireActor(actor);
  const area = findAreaByPcode(db, input.pcode);
  const week = requireReportWeek(input.week);
  const row = findReportRow(db, area.id, week);
  if (!row || !canSeeReport(me, { areaPath: area.path, status: row.status })) return [];
  const revisions = db
    .select({
      version: reportRevisions.version,
      action: reportRevisions.action,
      reason: reportRevisions.reason,
      keptMine: reportRevisions.keptMine,
      snapshot: reportRevisions.snapshot,
      changedAt: reportRevisions.changedAt,
      changedBy: users.name,
    })
    .from(reportRevisions)
    .leftJoin(users, eq(users.id, reportRevisions.changedBy))
    .where(eq(reportRevisions.reportId, row.id))
    .orderBy(asc(reportRevisions.version))
    .all();
  const seen = revisions.filter((r) => canSeeReport(me, { areaPath: area.path, status: snapshotStatus(r.snapshot) }));
  return seen
    .map((r, i) => ({
      version: r.version,
      action: r.action,
      reason: r.reason,
      keptMine: r.keptMine,
      changedAt: r.changedAt,
      changedBy: r.changedBy,
      changes: diffSnapshots(i > 0 ? seen[i - 1]!.snapshot : {}, r.snapshot),
    }))
    .reverse();
}

/** A stored snapshot's status; undefined when the snapshot does not name one (and so counts as unpublished). */
function snapshotStatus(snapshot: unknown): unknown {
  return snapshot !== null && typeof snapshot === "object" && "status" in snapshot ? snapshot.status : undefined;
}
