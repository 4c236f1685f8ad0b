import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import type { FieldErrors } from "../errors";
import { queryGapRows, type GapRow } from "../figures/gap-ranking";
import { FIGURES_INPUTS, resolveFiguresQuery } from "../figures/query";
import { getAreaTrend, getAreaWeekSummary, getWeekChange, listChildWeekSummaries, type AreaRef, type AreaWeekSummary, type TrendWeek, type WeekChange, type WeekFigures } from "../figures/read";
import { DEFAULT_THRESHOLDS } from "../figures/severity";
import type { SectorInfo } from "../sectors";
import type { MapMeasure } from "../validation/summary";
import { cachedSummary } from "./cache";

export const TOP_AREAS = 10;
export const DASHBOARD_TREND_WEEKS = 12;

export type DashboardData = {
  week: string;
  /** Weeks with data, most recent first; empty before the first report. */
  weeks: string[];
  errors: FieldErrors;
  summary: AreaWeekSummary;
  /** The change from the week before, like with like (lib/figures/read.ts getWeekChange). */
  change: WeekChange;
  trend: TrendWeek[];
  sectors: SectorInfo[];
  /** The level the top-ten lists rank (districts by default). */
  level: number;
  top: { sector: SectorInfo; rows: GapRow[] }[];
  governorates: (WeekFigures & { area: AreaRef })[];
  map: { measure: MapMeasure; sector: string };
};

/**
 * Everything the dashboard shows, for one week (the latest with data unless chosen): about a
 * dozen indexed reads in all, whatever the number of areas or weeks stored.
 */
export function loadDashboard(db: Db, actor: Actor | null, raw: Record<string, unknown>): DashboardData {
  return cachedSummary(db, actor, "dashboard", FIGURES_INPUTS.dashboard, raw, (reader) => computeDashboard(db, reader, raw));
}

function computeDashboard(db: Db, actor: Actor, raw: Record<string, unknown>): DashboardData {
  const { week, weeks, errors, sectors, sector, level, measure } = resolveFiguresQuery(db, actor, { view: "dashboard", raw, mode: "page" });
  const trend = getAreaTrend(db, actor, null, week, DASHBOARD_TREND_WEEKS);
  return {
    week,
    weeks,
    errors,
    summary: getAreaWeekSummary(db, actor, null, week),
    change: getWeekChange(db, actor, null, week),
    trend,
    sectors,
    level,
    top: sectors.map((s) => ({
      sector: s,
      rows: queryGapRows(
        db,
        actor,
        { from: week, to: week, level, parent: null, sector: s.code, show: "all", sort: "unmet", dir: "desc", ...DEFAULT_THRESHOLDS },
        { offset: 0, limit: TOP_AREAS },
      ).rows,
    })),
    governorates: listChildWeekSummaries(db, actor, null, week),
    map: { measure, sector: sector?.code ?? "" },
  };
}
