import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reportComments, users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { writeAudit } from "../audit";
import { reportCommentInput, type ReportCommentInput } from "../validation/follow-up";
import type { ReportKeyInput } from "../validation/weekly-report";
import { parseInput } from "../validation/zod-messages";
import { reportEntityId } from "./model";
import { visibleReport } from "./report-key";

export type ReportComment = { id: number; body: string; at: string; author: string };

function readComments(db: Db, reportId: number): ReportComment[] {
  return db
    .select({ id: reportComments.id, body: reportComments.body, at: reportComments.createdAt, author: users.name })
    .from(reportComments)
    .innerJoin(users, eq(users.id, reportComments.authorId))
    .where(eq(reportComments.reportId, reportId))
    .orderBy(asc(reportComments.id))
    .all();
}

/**
 * The comment thread of a report, oldest first. Whoever may read the report reads its thread:
 * the one draft-visibility rule (canSeeReport, decision 031) decides, so a hidden draft's
 * comments are as hidden as its figures (404, as for a report that does not exist).
 */
export function listReportComments(db: Db, actor: Actor | null, input: ReportKeyInput): ReportComment[] {
  const me = requireActor(actor);
  const { row } = visibleReport(db, me, input);
  return readComments(db, row.id);
}

/** Adds a comment (1–2000 characters) to a report the actor may read; viewers included, as any reader may ask about a figure. */
export function addReportComment(db: Db, actor: Actor | null, input: ReportCommentInput): ReportComment {
  const me = requireActor(actor);
  const { area, week, row } = visibleReport(db, me, input);
  const { body } = parseInput(reportCommentInput, input);
  return db.transaction(
    (tx) => {
      const at = new Date().toISOString();
      const { id } = tx.insert(reportComments).values({ reportId: row.id, authorId: me.id, body, createdAt: at }).returning({ id: reportComments.id }).get();
      writeAudit(tx, me, { action: "report.comment", entityType: "report", entityId: reportEntityId(area.pcode, week), newValues: { comment: id, body } });
      return { id, body, at, author: me.name };
    },
    { behavior: "immediate" },
  );
}
