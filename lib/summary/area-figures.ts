import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import type { FieldErrors } from "../errors";
import { FIGURES_INPUTS, resolveFiguresQuery } from "../figures/query";
import { getAreaTrend, getAreaWeekSummary, getWeekChange, listChildWeekSummaries, type AreaRef, type AreaWeekSummary, type TrendWeek, type WeekChange, type WeekFigures } from "../figures/read";
import { listReportedWeeks, type ReportedWeek } from "../reports/reported-weeks";
import type { SectorInfo } from "../sectors";
import type { ChildSort } from "../validation/summary";
import { cachedSummary } from "./cache";
import { sortChildren } from "./sort-children";

export type AreaFiguresData = {
  week: string;
  /** This area's weeks with data, most recent first. */
  weeks: string[];
  errors: FieldErrors;
  summary: AreaWeekSummary;
  /** The change from the week before, like with like (lib/figures/read.ts getWeekChange). */
  change: WeekChange;
  range: 12 | 26 | 52;
  trend: TrendWeek[];
  sectors: SectorInfo[];
  children: (WeekFigures & { area: AreaRef })[];
  sort: { by: ChildSort; dir: "asc" | "desc"; sector: string };
  /** The weeks this area reported itself (lib/reports/reported-weeks.ts). */
  reportedWeeks: { rows: ReportedWeek[]; hasMore: boolean; includesDrafts: boolean };
};

/**
 * The weekly figures section of an area's page: the week (resolved by lib/figures/query.ts), its
 * trend, its children's figures sorted as asked, and the weeks the area reported itself.
 */
export function loadAreaFigures(db: Db, actor: Actor | null, pcode: string, raw: Record<string, unknown>, locale: string): AreaFiguresData {
  // The figures are the same for every reader; the reported weeks are not (drafts show to their editors), so they stay out of the cache.
  const figures = cachedSummary(db, actor, "area-figures", FIGURES_INPUTS["area-page"], raw, (reader) => computeAreaFigures(db, reader, pcode, raw, locale), `${pcode}\u0000${locale}`);
  const before = typeof raw.before === "string" && /^\d{4}-W\d{2}$/.test(raw.before) ? raw.before : null;
  return { ...figures, reportedWeeks: listReportedWeeks(db, actor, pcode, { before }) };
}

function computeAreaFigures(db: Db, actor: Actor, pcode: string, raw: Record<string, unknown>, locale: string): Omit<AreaFiguresData, "reportedWeeks"> {
  const q = resolveFiguresQuery(db, actor, { view: "area-page", raw, pcode, mode: "page" });
  const { week, range } = q;
  const trend = getAreaTrend(db, actor, pcode, week, range);
  const sector = q.sector?.code ?? "";
  const { by, dir } = q.childSort;
  return {
    week,
    weeks: q.weeks,
    errors: q.errors,
    summary: getAreaWeekSummary(db, actor, pcode, week),
    change: getWeekChange(db, actor, pcode, week),
    range,
    trend,
    sectors: q.sectors,
    children: sortChildren(listChildWeekSummaries(db, actor, pcode, week), by, dir, sector, locale),
    sort: { by, dir, sector },
  };
}
