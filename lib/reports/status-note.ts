import { desc, eq, inArray } from "drizzle-orm";
import { reportRevisions, users } from "@/db/schema";
import type { Tx } from "../audit";

/**
 * An admin's status change that the coordinator must see at once, with who, when and why:
 * a reopening (approved → submitted, with a reason) or a return (submitted → draft, with a comment).
 */
export type StatusNote = { kind: "reopen" | "return"; by: string | null; at: string; reason: string };

/** The admin changes that leave a note for the coordinator. */
const NOTE_ACTIONS = new Set<string>(["reopen", "return"]);

type RevisionForNote = { action: string; status: unknown; reason: string | null; changedAt: string; changedBy: string | null };

/**
 * The note the newest of these revisions (newest first) leaves, if any. It holds until the
 * report is submitted again (a save that leaves it submitted, or an approval): the coordinator's
 * drafts in between keep it in view, since they are the work the note asked for.
 */
export function statusNoteOf(newestFirst: RevisionForNote[]): StatusNote | null {
  for (const r of newestFirst) {
    if (NOTE_ACTIONS.has(r.action)) return { kind: r.action as StatusNote["kind"], by: r.changedBy, at: r.changedAt, reason: r.reason ?? "" };
    if (r.action === "approve" || r.status === "submitted") return null;
  }
  return null;
}

const statusOf = (snapshot: unknown): unknown =>
  snapshot !== null && typeof snapshot === "object" && "status" in snapshot ? snapshot.status : undefined;

/** The note of each of these reports that has one (the report page and My week read it here, one rule for both). */
export function readStatusNotes(tx: Tx, reportIds: number[]): Map<number, StatusNote> {
  const out = new Map<number, StatusNote>();
  if (!reportIds.length) return out;
  const rows = tx
    .select({
      reportId: reportRevisions.reportId,
      action: reportRevisions.action,
      snapshot: reportRevisions.snapshot,
      reason: reportRevisions.reason,
      changedAt: reportRevisions.changedAt,
      changedBy: users.name,
    })
    .from(reportRevisions)
    .leftJoin(users, eq(users.id, reportRevisions.changedBy))
    .where(inArray(reportRevisions.reportId, reportIds))
    .orderBy(desc(reportRevisions.version))
    .all();
  const byReport = new Map<number, RevisionForNote[]>();
  for (const r of rows) {
    const list = byReport.get(r.reportId) ?? [];
    list.push({ action: r.action, status: statusOf(r.snapshot), reason: r.reason, changedAt: r.changedAt, changedBy: r.changedBy });
    byReport.set(r.reportId, list);
  }
  for (const [id, list] of byReport) {
    const note = statusNoteOf(list);
    if (note) out.set(id, note);
  }
  return out;
}
