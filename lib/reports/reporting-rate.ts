import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, userAreas, users } from "@/db/schema";
import { findAreaByPcode, type AreaWithPath } from "../areas";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/authorize";
import { invalid, isAppError, type FieldErrors } from "../errors";
import { unitsByWeek, type AreaRef } from "../figures/read";
import { reportingRateQuery, RATE_SORTS } from "../validation/reporting-rate";
import { parseQuery } from "../validation/summary";
import { addWeeks, parseWeek, weekOf } from "../weeks";

/**
 * The reporting rate (decision 058): per area and week, how many of the reporting units inside
 * the area reported, of those expected — the completeness rule itself (unitsByWeek in
 * lib/figures/read.ts), read once per week for the whole selection and counted per area — and,
 * for each unit that has not, the coordinators responsible for it (assigned to it or above it).
 */

export const RATE_WEEKS = 12;
export const RATE_PAGE_SIZE = 50;

export type Responsible = { name: string; email: string };
export type MissingUnit = AreaRef & { coordinators: Responsible[] };
export type RateRow = {
  area: AreaRef;
  week: string;
  reported: number;
  expected: number;
  /** reported / expected in percent, one decimal. */
  ratePct: number;
  missing: MissingUnit[];
};

export type RateQuery = {
  level: number;
  area: string | null;
  /** One week of the window, or null for all of them. */
  week: string | null;
  /** The window: RATE_WEEKS weeks ending here (the current week by default). */
  end: string;
  weeks: string[];
  sort: (typeof RATE_SORTS)[number];
  dir: "asc" | "desc";
  page: number;
};

export type ReportingRate = RateQuery & { rows: RateRow[]; total: number; pageSize: number; totals: { reported: number; expected: number }; errors: FieldErrors };

/** Reads the query; on a page a bad field falls back to its default and is shown, in the API it is a 422. */
export function resolveRateQuery(db: Db, raw: Record<string, unknown>, mode: "page" | "api", now: Date): { query: RateQuery; parent: AreaWithPath | null; errors: FieldErrors } {
  const { values: v, errors } = parseQuery(reportingRateQuery, raw);
  let parent: AreaWithPath | null = null;
  if (v.area) {
    try {
      parent = findAreaByPcode(db, v.area);
    } catch (e) {
      if (!isAppError(e)) throw e;
      errors.area = { key: "validation.parentUnknown", values: { pcode: v.area } };
    }
  }
  const end = (v.end && parseWeek(v.end)) || weekOf(now);
  if (v.end && !parseWeek(v.end)) errors.end = { key: "validation.week" };
  const weeks: string[] = [];
  for (let i = RATE_WEEKS - 1; i >= 0; i--) weeks.push(addWeeks(end, -i));
  let week = v.week ? parseWeek(v.week) : null;
  if (v.week && (!week || !weeks.includes(week))) {
    errors.week = { key: "round.rate.weekOutside" };
    week = null;
  }
  let level = v.level ?? (parent ? Math.min(4, parent.level + 1) : 1);
  if (parent && level < parent.level) {
    errors.level = { key: "summary.validation.levelAboveParent" };
    level = parent.level;
  }
  if (mode === "api" && Object.keys(errors).length) throw invalid(errors);
  const sort = v.sort ?? "week";
  return {
    query: { level, area: parent?.pcode ?? null, week, end, weeks, sort, dir: v.dir ?? (sort === "area" ? "asc" : sort === "week" ? "desc" : "asc"), page: v.page ?? 1 },
    parent,
    errors,
  };
}

const ids = (path: string) => path.split("/").filter(Boolean).map(Number);

/** Every row of the selection, sorted (no paging): the page slices it, the exports stream it. */
function allRows(db: Db, q: RateQuery, parent: AreaWithPath | null): RateRow[] {
  const weeks = q.week ? [q.week] : q.weeks;
  const byWeek = unitsByWeek(db, parent?.path ?? null, weeks);
  // Each unit is counted in its ancestor at the chosen level; a unit above that level (a coordinator
  // assigned a whole governorate, rows by district) is a row of its own, as nothing smaller holds it.
  const rowAreaOf = (path: string) => {
    const chain = ids(path);
    return chain.length >= q.level ? chain[q.level - 1]! : chain.at(-1)!;
  };
  const unitIds = new Set<number>();
  for (const { units } of byWeek.values()) for (const u of units) unitIds.add(u.id);
  const areaIds = new Set<number>([...unitIds]);
  for (const { units } of byWeek.values()) for (const u of units) areaIds.add(rowAreaOf(u.path));
  const info = new Map<number, AreaRef & { path: string }>();
  const list = [...areaIds];
  for (let i = 0; i < list.length; i += 500)
    for (const a of db
      .select({ id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level, path: areas.path })
      .from(areas)
      .where(inArray(areas.id, list.slice(i, i + 500)))
      .all())
      info.set(a.id, { pcode: a.pcode, nameEn: a.nameEn, nameAr: a.nameAr, level: a.level, path: a.path });
  const assignments = db
    .select({ path: areas.path, name: users.name, email: users.email })
    .from(userAreas)
    .innerJoin(users, and(eq(users.id, userAreas.userId), eq(users.active, true), eq(users.role, "coordinator")))
    .innerJoin(areas, eq(areas.id, userAreas.areaId))
    .all();
  const responsibleFor = (path: string): Responsible[] =>
    [...new Map(assignments.filter((a) => path.startsWith(a.path)).map((a) => [a.email, { name: a.name, email: a.email }])).values()].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  const ref = (id: number): AreaRef => {
    const a = info.get(id)!;
    return { pcode: a.pcode, nameEn: a.nameEn, nameAr: a.nameAr, level: a.level };
  };
  const rows: RateRow[] = [];
  for (const [week, { units, reported }] of byWeek) {
    const groups = new Map<number, { reported: number; expected: number; missing: MissingUnit[] }>();
    for (const u of units) {
      const key = rowAreaOf(u.path);
      const g = groups.get(key) ?? { reported: 0, expected: 0, missing: [] };
      g.expected++;
      if (reported.has(u.id)) g.reported++;
      else g.missing.push({ ...ref(u.id), coordinators: responsibleFor(u.path) });
      groups.set(key, g);
    }
    for (const [id, g] of groups)
      rows.push({ area: ref(id), week, reported: g.reported, expected: g.expected, ratePct: Math.round((g.reported / g.expected) * 1000) / 10, missing: g.missing.sort((a, b) => a.pcode.localeCompare(b.pcode)) });
  }
  const sign = q.dir === "asc" ? 1 : -1;
  const byArea = (a: RateRow, b: RateRow) => a.area.pcode.localeCompare(b.area.pcode);
  const byWeekKey = (a: RateRow, b: RateRow) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0);
  const primary: Record<RateQuery["sort"], (a: RateRow, b: RateRow) => number> = {
    week: byWeekKey,
    area: byArea,
    rate: (a, b) => a.ratePct - b.ratePct,
    missing: (a, b) => a.missing.length - b.missing.length,
  };
  return rows.sort((a, b) => sign * primary[q.sort](a, b) || (q.sort === "week" ? byArea(a, b) : -byWeekKey(a, b) || byArea(a, b)));
}

/** The reporting-rate page and API: admins only (it names who has not reported). */
export function getReportingRate(db: Db, actor: Actor | null, raw: Record<string, unknown>, mode: "page" | "api" = "page", now: Date = new Date()): ReportingRate {
  requireRole(actor, "admin");
  const { query, parent, errors } = resolveRateQuery(db, raw, mode, now);
  const rows = allRows(db, query, parent);
  const pages = Math.max(1, Math.ceil(rows.length / RATE_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return {
    ...query,
    page,
    rows: rows.slice((page - 1) * RATE_PAGE_SIZE, page * RATE_PAGE_SIZE),
    total: rows.length,
    pageSize: RATE_PAGE_SIZE,
    totals: rows.reduce((t, r) => ({ reported: t.reported + r.reported, expected: t.expected + r.expected }), { reported: 0, expected: 0 }),
    errors,
  };
}

/** Every row of the selection, a page at a time, for the exports (authorised and checked before the first page). */
export function iterateReportingRate(db: Db, actor: Actor | null, raw: Record<string, unknown>, now: Date = new Date(), pageSize = 500): { query: RateQuery; pages: Generator<RateRow[], void, undefined> } {
  requireRole(actor, "admin");
  const { query, parent } = resolveRateQuery(db, raw, "api", now);
  const rows = allRows(db, query, parent);
  function* pages(): Generator<RateRow[], void, undefined> {
    for (let i = 0; i < rows.length; i += pageSize) yield rows.slice(i, i + pageSize);
  }
  return { query, pages: pages() };
}
