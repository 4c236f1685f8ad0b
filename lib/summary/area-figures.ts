import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import type { FieldErrors } from "../errors";
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
import { areaFiguresInput, parseQuery, type ChildSort } from "../validation/summary";
import { weekOf } from "../weeks";
import { cachedSummary } from "./cache";
import { listAreaReportHistory, type ReportHistoryRow } from "./history";
import { sortChildren } from "./sort-children";

export type AreaFiguresData = {
  week: string;
  /** This area's weeks with data, most recent first. */
  weeks: string[];
  errors: FieldErrors;
  summary: AreaWeekSummary;
  previous: WeekFigures;
  range: 12 | 26 | 52;
  trend: WeekFigures[];
  sectors: SectorInfo[];
  children: (WeekFigures & { area: AreaRef })[];
  sort: { by: ChildSort; dir: "asc" | "desc"; sector: string };
  history: { rows: ReportHistoryRow[]; hasMore: boolean; includesDrafts: boolean };
};

/**
 * The weekly figures section of an area's page: the week (this area's latest with data unless
 * chosen), its trend, its children's figures sorted as asked, and its own reports' history.
 */
export function loadAreaFigures(db: Db, actor: Actor | null, pcode: string, raw: Record<string, unknown>, locale: string): AreaFiguresData {
  // The figures are the same for every reader; the history is not (drafts show to their editors), so it stays out of the cache.
  const figures = cachedSummary(db, actor, "area-figures", areaFiguresInput, raw, (reader) => computeAreaFigures(db, reader, pcode, raw, locale), `${pcode}\u0000${locale}`);
  const before = typeof raw.before === "string" && /^\d{4}-W\d{2}$/.test(raw.before) ? raw.before : null;
  return { ...figures, history: listAreaReportHistory(db, actor, pcode, { before }) };
}

function computeAreaFigures(db: Db, actor: Actor, pcode: string, raw: Record<string, unknown>, locale: string): Omit<AreaFiguresData, "history"> {
  const { values: v, errors } = parseQuery(areaFiguresInput, raw);
  const weeks = listWeeksWithData(db, actor, pcode);
  const week = v.week ?? weeks[0] ?? listWeeksWithData(db, actor, null, 1)[0] ?? weekOf(new Date());
  const range = v.range ?? 12;
  // The chart needs the range; the week before is its second-last point whatever the range.
  const trend = getAreaTrend(db, actor, pcode, week, range);
  const sectors = activeSectors(db);
  const sector = sectors.some((s) => s.code === v.sector) ? v.sector! : (sectors[0]?.code ?? "");
  const by = v.sort ?? "name";
  const dir = v.dir ?? (by === "name" || by === "pcode" ? "asc" : "desc");
  return {
    week,
    weeks,
    errors,
    summary: getAreaWeekSummary(db, actor, pcode, week),
    previous: trend.at(-2)!,
    range,
    trend,
    sectors,
    children: sortChildren(listChildWeekSummaries(db, actor, pcode, week), by, dir, sector, locale),
    sort: { by, dir, sector },
  };
}
