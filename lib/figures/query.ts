import type { z } from "zod";
import type { Db } from "@/db/client";
import { findAreaByPcode, type AreaWithPath } from "../areas";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { invalid, isAppError, type FieldErrors } from "../errors";
import { sectorsShownForWeeks, type SectorInfo } from "../sectors";
import {
  areaFiguresInput,
  areaWeekInput,
  dashboardInput,
  gapQueryInput,
  mapInput,
  parseQuery,
  type ChildSort,
  type MapMeasure,
} from "../validation/summary";
import { addWeeks, weekOf, weekStart } from "../weeks";
import type { GapQuery, GapShow, GapSort } from "./gap-ranking";
import { listWeeksWithData } from "./read";
import { DEFAULT_THRESHOLDS, type Thresholds } from "./severity";

/**
 * THE QUERY RESOLVER. Every view of the figures (the dashboard, an area's page, the map, the gap
 * report, the summary API and the exports) turns its request's parameters into a query here, so
 * each default is decided once and no two paths can disagree (docs/decisions/034-one-query-resolver.md):
 *
 * - area: the P-code in the path (area page, summary API, area table export; unknown → 404), or
 *   the gap report's `parent` (unknown → a field error); none means all of Syria.
 * - week: the one asked for; else the latest week with figures for the area (its own report or
 *   its sub-areas', which all roll up into its row); else the latest week with figures anywhere;
 *   else the current week (nothing reported yet).
 * - sector: the one asked for if it is an active sector; else a field error (never dropped
 *   silently) and the first active sector.
 * - level: the view's own (dashboard ranking: districts; map: governorates; gap report:
 *   districts, or the level below its parent); the area views list the level below the area.
 *
 * Pages ("page" mode) show the field errors and use the defaults instead; the API and the exports
 * ("api" mode) answer 422 with every field error, before any figure is read.
 */

export const FIGURES_VIEWS = ["dashboard", "map", "area-page", "area", "gaps"] as const;
export type FiguresView = (typeof FIGURES_VIEWS)[number];
export type ResolveMode = "page" | "api";

/** The parameters each view reads (anything else in the address is ignored, also by the summary cache's key). */
export const FIGURES_INPUTS: Record<FiguresView, z.ZodObject> = {
  dashboard: dashboardInput,
  map: mapInput,
  "area-page": areaFiguresInput,
  area: areaWeekInput,
  gaps: gapQueryInput,
};

/** Longest week range a gap report sums over: a quarter keeps every report a few indexed reads per area. */
export const MAX_RANGE_WEEKS = 13;
/** Rows per page of the gap report: on its page, and (larger, for scripts) through the API. */
export const GAP_PAGE_SIZE: Record<ResolveMode, number> = { page: 50, api: 100 };

export type FiguresQuery = {
  view: FiguresView;
  /** The area the figures are about (see above); null: all of Syria. */
  area: AreaWithPath | null;
  /** The week shown; for a range, its last week. */
  week: string;
  /** The range's first week: `week` unless the gap report sums several. */
  from: string;
  /** Weeks with figures for the area (for all of Syria without one), most recent first: what the week pickers
   * of the dashboard, the map and the area page offer (empty for the other views, which have none). */
  weeks: string[];
  sectors: SectorInfo[];
  /** The sector asked for, or the first active one; null only while no sector exists. */
  sector: SectorInfo | null;
  level: number;
  measure: MapMeasure;
  range: 12 | 26 | 52;
  childSort: { by: ChildSort; dir: "asc" | "desc" };
  thresholds: Thresholds;
  show: GapShow;
  gapSort: { by: GapSort; dir: "asc" | "desc" };
  page: number;
  limit: number;
  /** Parameters that were not understood (page mode only: the API mode throws them). */
  errors: FieldErrors;
};

export type FiguresRequest = {
  view: FiguresView;
  /** The request's query parameters (URL search params as an object). */
  raw: Record<string, unknown>;
  /** The P-code in the path, for the area views. */
  pcode?: string;
  mode: ResolveMode;
};

/** Every view's parameters under one type: the area page's `sort` is a column, the gap report's a ranking. */
type Values = {
  week?: string;
  from?: string;
  level?: number;
  parent?: string;
  sector?: string;
  critical?: number;
  high?: number;
  show?: GapShow;
  gapSort?: GapSort;
  childSort?: ChildSort;
  dir?: "asc" | "desc";
  page?: number;
  limit?: number;
  range?: 12 | 26 | 52;
  measure?: MapMeasure;
};

function parseView(view: FiguresView, raw: Record<string, unknown>): { values: Values; errors: FieldErrors } {
  switch (view) {
    case "dashboard":
      return parseQuery(dashboardInput, raw);
    case "map":
      return parseQuery(mapInput, raw);
    case "area":
      return parseQuery(areaWeekInput, raw);
    case "area-page": {
      const { values: { sort, ...rest }, errors } = parseQuery(areaFiguresInput, raw);
      return { values: { ...rest, childSort: sort }, errors };
    }
    case "gaps": {
      const { values: { sort, ...rest }, errors } = parseQuery(gapQueryInput, raw);
      return { values: { ...rest, gapSort: sort }, errors };
    }
  }
}

export const weeksBetween = (from: string, to: string) => Math.round((weekStart(to).getTime() - weekStart(from).getTime()) / (7 * 86_400_000)) + 1;

/** Text sorts (names, P-codes) ascend, figures descend: the largest need first. */
const defaultDir = (textual: boolean): "asc" | "desc" => (textual ? "asc" : "desc");

export function resolveFiguresQuery(db: Db, actor: Actor | null, request: FiguresRequest): FiguresQuery {
  const me = requireActor(actor);
  const { view, raw, mode } = request;
  // The area in the path is the resource: unknown is a 404 before any parameter is judged.
  const pathArea = view === "area" || view === "area-page" ? findAreaByPcode(db, request.pcode) : null;
  const { values: v, errors } = parseView(view, raw);

  let area = pathArea;
  if (view === "gaps" && v.parent) {
    try {
      area = findAreaByPcode(db, v.parent);
    } catch (e) {
      if (!isAppError(e)) throw e;
      errors.parent = { key: "validation.parentUnknown", values: { pcode: v.parent } };
    }
  }

  const picksWeeks = PICKS_WEEKS.has(view);
  const weeks = picksWeeks ? listWeeksWithData(db, me, area?.pcode ?? null) : [];
  const week = v.week ?? defaultWeek(db, me, area, picksWeeks ? weeks : null);

  let from = v.from ?? week;
  if (from > week) {
    errors.from = { key: "summary.validation.fromAfterTo" };
    from = week;
  } else if (weeksBetween(from, week) > MAX_RANGE_WEEKS) {
    errors.from = { key: "summary.validation.rangeTooLong", values: { max: MAX_RANGE_WEEKS } };
    from = addWeeks(week, -(MAX_RANGE_WEEKS - 1));
  }

  const sectors = sectorsShownForWeeks(db, from, week);
  let sector = sectors[0] ?? null;
  const askedSector = v.sector ?? (errors.sector && typeof raw.sector === "string" ? raw.sector : undefined);
  if (askedSector !== undefined) {
    const found = sectors.find((s) => s.code === askedSector);
    if (found) sector = found;
    else errors.sector = { key: "validation.sectorUnknown", values: { code: askedSector } };
  }

  let level = v.level ?? defaultLevel(view, area);
  if (view === "gaps" && area && level <= area.level) {
    errors.level = { key: "summary.validation.levelAboveParent" };
    level = Math.min(4, area.level + 1);
  }

  let thresholds: Thresholds = { critical: v.critical ?? DEFAULT_THRESHOLDS.critical, high: v.high ?? DEFAULT_THRESHOLDS.high };
  if (thresholds.high > thresholds.critical) {
    errors.high = { key: "summary.validation.highAboveCritical" };
    thresholds = DEFAULT_THRESHOLDS;
  }

  if (mode === "api" && Object.keys(errors).length) throw invalid(errors);
  const gapBy = v.gapSort ?? "unmet";
  const childBy = v.childSort ?? "name";
  return {
    view,
    area,
    week,
    from,
    weeks,
    sectors,
    sector,
    level,
    measure: v.measure ?? "gap",
    range: v.range ?? 12,
    childSort: { by: childBy, dir: v.dir ?? defaultDir(childBy === "name" || childBy === "pcode") },
    thresholds: { ...thresholds },
    show: v.show ?? "all",
    gapSort: { by: gapBy, dir: v.dir ?? defaultDir(gapBy === "pcode") },
    page: v.page ?? 1,
    limit: v.limit ?? GAP_PAGE_SIZE[mode],
    errors,
  };
}

/** Views whose page offers the weeks with figures to pick from (the others need only the latest). */
const PICKS_WEEKS: ReadonlySet<FiguresView> = new Set(["dashboard", "map", "area-page"]);

/**
 * THE DEFAULT WEEK: the latest week with figures for the area (or for all of Syria without one),
 * else the country's latest, else the current week. `known`: the area's weeks, when already read.
 */
function defaultWeek(db: Db, actor: Actor, area: AreaWithPath | null, known: string[] | null): string {
  const own = known ? known[0] : listWeeksWithData(db, actor, area?.pcode ?? null, 1)[0];
  return own ?? (area ? listWeeksWithData(db, actor, null, 1)[0] : undefined) ?? weekOf(new Date());
}

/** The level a view lists when the address names none. */
function defaultLevel(view: FiguresView, area: AreaWithPath | null): number {
  switch (view) {
    case "dashboard":
      return 2; // the top-ten rankings compare districts
    case "map":
      return 1;
    case "gaps":
      // Below the parent, and never below communities (level 4): a community as parent is then a clear error.
      return Math.min(4, Math.max(2, (area?.level ?? 0) + 1));
    case "area":
    case "area-page":
      return Math.min(4, (area?.level ?? 0) + 1); // the sub-areas' level
  }
}

/** The gap ranking's query (gap-ranking.ts) for a resolved request. */
export function gapQueryOf(q: FiguresQuery): GapQuery {
  // Every sector retired: a clear 422 on `sector` before anything is read or streamed, not a crash on the missing one.
  if (!q.sector) throw invalid({ sector: { key: "validation.noActiveSector" } });
  return {
    from: q.from,
    to: q.week,
    level: q.level,
    parent: q.area?.pcode ?? null,
    sector: q.sector.code,
    ...q.thresholds,
    show: q.show,
    sort: q.gapSort.by,
    dir: q.gapSort.dir,
  };
}

/** A gap ranking query as URL parameters, defaults included, so that a shared link shows the same report. */
export function gapQueryParams(q: GapQuery): Record<string, string> {
  const out: Record<string, string> = {
    week: q.to,
    level: String(q.level),
    sector: q.sector,
    critical: String(q.critical),
    high: String(q.high),
    show: q.show,
    sort: q.sort,
    dir: q.dir,
  };
  if (q.from !== q.to) out.from = q.from;
  if (q.parent) out.parent = q.parent;
  return out;
}

/** The gap page's link to another page of the same ranking: the page size a reader chose (`limit`) stays with it. */
export function gapPageParams(q: GapQuery, page: number, limit: number): Record<string, string> {
  return { ...gapQueryParams(q), page: String(page), ...(limit !== GAP_PAGE_SIZE.page ? { limit: String(limit) } : {}) };
}
