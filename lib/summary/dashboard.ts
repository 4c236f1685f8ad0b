import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import type { FieldErrors } from "../errors";
import { queryGapRows, type GapRow } from "../rollup/gaps";
import {
  activeSectors,
  getAreaTrend,
  getAreaWeekSummary,
  listChildWeekSummaries,
  listWeeksWithData,
  type AreaRef,
  type AreaWeekSummary,
  type SectorInfo,
  type WeekFigures,
} from "../rollup/read";
import { dashboardInput, parseQuery, type MapMeasure } from "../validation/summary";
import { weekOf } from "../weeks";
import { cachedSummary } from "./cache";
import { DEFAULT_THRESHOLDS } from "./severity";

export const TOP_AREAS = 10;
export const DASHBOARD_TREND_WEEKS = 12;

export type DashboardData = {
  week: string;
  /** Weeks with data, most recent first; empty before the first report. */
  weeks: string[];
  errors: FieldErrors;
  summary: AreaWeekSummary;
  /** The week before, for "change from the previous week" (basis "none" when it had no figures). */
  previous: WeekFigures;
  trend: WeekFigures[];
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
  return cachedSummary(db, actor, "dashboard", dashboardInput, raw, (reader) => computeDashboard(db, reader, raw));
}

function computeDashboard(db: Db, actor: Actor, raw: Record<string, unknown>): DashboardData {
  const { values: v, errors } = parseQuery(dashboardInput, raw);
  const weeks = listWeeksWithData(db, actor, null);
  const week = v.week ?? weeks[0] ?? weekOf(new Date());
  const sectors = activeSectors(db);
  const level = v.level ?? 2;
  const trend = getAreaTrend(db, actor, null, week, DASHBOARD_TREND_WEEKS);
  const sector = sectors.some((s) => s.code === v.sector) ? v.sector! : (sectors[0]?.code ?? "");
  if (v.sector && sector !== v.sector) errors.sector = { key: "validation.sectorUnknown", values: { code: v.sector } };
  return {
    week,
    weeks,
    errors,
    summary: getAreaWeekSummary(db, actor, null, week),
    previous: trend.at(-2)!,
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
    map: { measure: v.measure ?? "gap", sector },
  };
}
