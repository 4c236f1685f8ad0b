import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { findAreaByPcode } from "../areas";
import type { Db } from "@/db/client";
import { weeklyReports } from "@/db/schema";
import type { ReportStatus } from "@/lib/report-statuses";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { canSeeReport, PUBLISHED_STATUSES } from "./visibility";

/** One week an area reported itself (not one report's revisions: that is revisions.ts). */
export type ReportedWeek = { week: string; status: ReportStatus; updatedAt: string; version: number };
export const REPORTED_WEEKS_PAGE_SIZE = 13;

/**
 * The weeks this area reported directly, most recent first, a page at a time (`before` is the
 * last week shown). Drafts are work in progress: only someone who may edit the area sees them (canSeeReport).
 */
export function listReportedWeeks(
  db: Db,
  actor: Actor | null,
  pcode: string,
  opts: { before?: string | null; limit?: number } = {},
): { rows: ReportedWeek[]; hasMore: boolean; includesDrafts: boolean } {
  const me = requireActor(actor);
  const area = findAreaByPcode(db, pcode);
  // Filtered in SQL so that a page is always a full page: the rule is asked once, for a draft of this area.
  const includesDrafts = canSeeReport(me, { areaPath: area.path, status: "draft" });
  const limit = opts.limit ?? REPORTED_WEEKS_PAGE_SIZE;
  const rows = db
    .select({ week: weeklyReports.week, status: weeklyReports.status, updatedAt: weeklyReports.updatedAt, version: weeklyReports.version })
    .from(weeklyReports)
    .where(
      and(
        eq(weeklyReports.areaId, area.id),
        opts.before ? lt(weeklyReports.week, opts.before) : undefined,
        includesDrafts ? undefined : inArray(weeklyReports.status, [...PUBLISHED_STATUSES]),
      ),
    )
    .orderBy(desc(weeklyReports.week))
    .limit(limit + 1)
    .all();
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit, includesDrafts };
}
