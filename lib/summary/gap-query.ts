import type { Db } from "@/db/client";
import { findAreaByPcode } from "../areas";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { invalid, isAppError, type FieldErrors } from "../errors";
import type { GapQuery } from "../rollup/gaps";
import { activeSectors, listWeeksWithData } from "../rollup/read";
import { gapQueryInput, parseQuery } from "../validation/summary";
import { addWeeks, weekOf, weekStart } from "../weeks";
import { DEFAULT_THRESHOLDS } from "./severity";

/** Longest week range a gap report sums over: a quarter keeps every report a few indexed reads per area. */
export const MAX_RANGE_WEEKS = 13;
export const GAP_PAGE_SIZE = 50;
export const DEFAULT_GAP_LEVEL = 2;

export type ResolvedGapQuery = {
  query: GapQuery;
  page: number;
  limit: number;
  /** Field errors of the input; a page shows them and used the defaults instead. */
  errors: FieldErrors;
  /** Weeks with data, most recent first (what the week pickers offer). */
  weeks: string[];
};

export const weeksBetween = (from: string, to: string) => Math.round((weekStart(to).getTime() - weekStart(from).getTime()) / (7 * 86_400_000)) + 1;

/**
 * Turns the query string of the gap report (page, API or export) into a complete query:
 * defaults from the data, cross-field checks. `strict` (the API) refuses any bad field with
 * 422; otherwise bad fields fall back to their defaults and are reported.
 */
export function resolveGapQuery(db: Db, actor: Actor | null, raw: Record<string, unknown>, strict = false): ResolvedGapQuery {
  requireActor(actor);
  const { values: v, errors } = parseQuery(gapQueryInput, raw);
  const weeks = listWeeksWithData(db, actor, null);
  const to = v.week ?? weeks[0] ?? weekOf(new Date());
  let from = v.from ?? to;
  if (from > to) {
    errors.from = { key: "summary.validation.fromAfterTo" };
    from = to;
  } else if (weeksBetween(from, to) > MAX_RANGE_WEEKS) {
    errors.from = { key: "summary.validation.rangeTooLong", values: { max: MAX_RANGE_WEEKS } };
    from = addWeeks(to, -(MAX_RANGE_WEEKS - 1));
  }
  let parent: { pcode: string; level: number } | null = null;
  if (v.parent) {
    try {
      parent = findAreaByPcode(db, v.parent);
    } catch (e) {
      if (!isAppError(e)) throw e;
      errors.parent = { key: "validation.parentUnknown", values: { pcode: v.parent } };
    }
  }
  let level = v.level ?? Math.max(DEFAULT_GAP_LEVEL, (parent?.level ?? 0) + 1);
  if (parent && level <= parent.level) {
    errors.level = { key: "summary.validation.levelAboveParent" };
    level = Math.min(4, parent.level + 1);
  }
  const sectors = activeSectors(db);
  let sector = v.sector ?? sectors[0]?.code ?? "";
  if (!sectors.some((s) => s.code === sector)) {
    errors.sector = { key: "validation.sectorUnknown", values: { code: sector } };
    sector = sectors[0]?.code ?? "";
  }
  let critical = v.critical ?? DEFAULT_THRESHOLDS.critical;
  let high = v.high ?? DEFAULT_THRESHOLDS.high;
  if (high > critical) {
    errors.high = { key: "summary.validation.highAboveCritical" };
    [critical, high] = [DEFAULT_THRESHOLDS.critical, DEFAULT_THRESHOLDS.high];
  }
  if (strict && Object.keys(errors).length) throw invalid(errors);
  const sort = v.sort ?? "unmet";
  return {
    query: {
      from,
      to,
      level,
      parent: parent?.pcode ?? null,
      sector,
      critical,
      high,
      show: v.show ?? "all",
      sort,
      dir: v.dir ?? (sort === "pcode" ? "asc" : "desc"),
    },
    page: v.page ?? 1,
    limit: v.limit ?? GAP_PAGE_SIZE,
    errors,
    weeks,
  };
}

/** The query as URL parameters, defaults included, so that a shared link shows the same report. */
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
