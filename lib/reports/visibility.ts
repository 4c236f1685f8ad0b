import type { ReportStatus } from "@/lib/report-statuses";
import type { Actor } from "../auth/actor";
import { coversArea } from "../auth/authorize";

/** Statuses every reader sees (and the only ones that count in rollups); a path filtering in SQL uses this list. */
export const PUBLISHED_STATUSES = ["submitted", "approved"] as const satisfies readonly ReportStatus[];
const PUBLISHED: ReadonlySet<unknown> = new Set<ReportStatus>(PUBLISHED_STATUSES);

/**
 * WHO SEES A DRAFT (docs/design.md, "Who sees a draft"): a submitted or approved report is read by
 * everyone signed in; anything else (a draft, or a status an old revision snapshot does not
 * name) only by those who may edit its area: admins everywhere, coordinators in their assigned
 * areas and below. Everyone else reads the area as if that report did not exist.
 *
 * This is the one rule. Every read path asks it (API list and single read, the report page,
 * revision histories, the area's report history, My week), so the paths cannot disagree; a
 * path that filters in SQL asks it with `status: "draft"` to learn whether drafts are included.
 * It is its own name rather than a bare `coversArea` so that a later change to who may read
 * drafts is made here once; today it is the edit rule.
 */
export function canSeeReport(actor: Actor | null, report: { areaPath: string; status: unknown }): boolean {
  if (!actor) return false;
  return PUBLISHED.has(report.status) || coversArea(actor, report.areaPath);
}

/**
 * The actor a result shared between readers (lib/summary/cache.ts) is computed as: signed in,
 * but editing nowhere, so `canSeeReport` refuses it every draft. Whatever such a result holds is
 * what the least privileged reader may see, so handing it to any other reader leaks nothing.
 */
export function sharedReader(actor: Actor): Actor {
  return { ...actor, role: "viewer", areas: [] };
}
