import { and, asc, desc, eq, gt, gte, inArray, isNull, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, areaWeekFigures, areaWeekSectorFigures, areaWeekStock, userAreas, users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { findAreaByPcode, subtreeOf } from "../areas";
import { invalid } from "../errors";
import { sectorsShownForWeeks, type SectorInfo } from "../sectors";
import { addWeeks, parseWeek } from "../weeks";
import { combine, gapPercent, stockOf, sumFigures, type Figures, type Rollup, type Stock } from "./rule";
import { appendTo } from "../append-to";
import { carryForwardWeeks } from "./maintain";

/**
 * Reads of the figures maintained on write (area_week_figures, area_week_sector_figures; see
 * maintain.ts): an area's week, its children's, a level's, a trend, the weeks with figures.
 * Never the reports themselves, so a read costs a few indexed lookups whatever the history.
 */

/** A sector's figures; families in need and unmet are null where the area has no figure for the sector. */
export type SectorFigure = { code: string; nameEn: string; nameAr: string; gapPct: number | null; familiesInNeed: number | null; unmetFamilies: number | null };

/** The part of a total displaced carried forward from earlier weeks (rule.ts stockOf): how much, from how many areas, since when. */
export type Carried = { families: number; areas: number; since: string };

export type AreaRef = { pcode: string; nameEn: string; nameAr: string; level: number };

export type WeekFigures = {
  week: string;
  /** "direct": the area's own report; "children": the sum of that many sub-areas; "none": no figure. */
  basis: "direct" | "children" | "none";
  childrenCount: number;
  newlyDisplacedFamilies: number | null;
  repeatDisplacedFamilies: number | null;
  /** A stock: includes the totals carried forward from areas that did not report (`carried`). */
  totalDisplacedFamilies: number | null;
  carried: Carried | null;
  individuals: number | null;
  sectors: SectorFigure[];
  /** Set when a direct report and the sum of the sub-areas' figures disagree. */
  discrepancy: { newly: number; repeat: number; total: number } | null;
};

export type AreaWeekSummary = WeekFigures & { area: AreaRef | null; completeness: Completeness };

type FigureRow = typeof areaWeekFigures.$inferSelect;
type SectorRow = { areaId: number; week: string; sectorId: number; gapNeed: number; need: number; unmet: number };
type StockRow = typeof areaWeekStock.$inferSelect;

export function requireWeek(week: string | undefined | null, field = "week"): string {
  const w = week ? parseWeek(week) : null;
  if (!w) throw invalid({ [field]: { key: "validation.week" } });
  return w;
}

function toWeekFigures(week: string, row: FigureRow | undefined, sectorRows: SectorRow[], all: SectorInfo[], stock: Pick<StockRow, "total" | "carriedTotal" | "carriedAreas" | "carriedSince"> | undefined): WeekFigures {
  const byId = new Map(sectorRows.map((s) => [s.sectorId, s]));
  const sectorsOut = all.map((s) => {
    const f = byId.get(s.id);
    return { code: s.code, nameEn: s.nameEn, nameAr: s.nameAr, gapPct: gapPercent(f), familiesInNeed: f?.need ?? null, unmetFamilies: f?.unmet ?? null };
  });
  const total = stock?.total ?? null;
  const carried = stock && stock.carriedTotal > 0 && stock.carriedSince ? { families: stock.carriedTotal, areas: stock.carriedAreas, since: stock.carriedSince } : null;
  if (!row)
    return {
      week,
      basis: "none",
      childrenCount: 0,
      newlyDisplacedFamilies: null,
      repeatDisplacedFamilies: null,
      totalDisplacedFamilies: total,
      carried,
      individuals: null,
      sectors: sectorsOut,
      discrepancy: null,
    };
  const disagree =
    row.basis === "direct" &&
    row.childrenNewly !== null &&
    (row.childrenNewly !== row.newly || row.childrenRepeat !== row.repeat || row.childrenTotal !== row.total);
  return {
    week,
    basis: row.basis,
    childrenCount: row.childrenWithFigures,
    newlyDisplacedFamilies: row.newly,
    repeatDisplacedFamilies: row.repeat,
    totalDisplacedFamilies: total,
    carried,
    individuals: row.individuals,
    sectors: sectorsOut,
    discrepancy: disagree ? { newly: row.childrenNewly!, repeat: row.childrenRepeat!, total: row.childrenTotal! } : null,
  };
}

/**
 * The whole country is no area with a stored row: its figure is the rule applied to the
 * governorates' stored figures (the sum of its children, rule.ts), shaped as a stored row.
 */
function countryRow(week: string, rows: FigureRow[], sectorRows: SectorRow[]): { row: FigureRow | undefined; sectors: SectorRow[] } {
  const parts = new Map<number, Figures>(rows.map((r) => [r.areaId, { newly: r.newly, repeat: r.repeat, total: r.total, individuals: r.individuals, sectors: new Map() }]));
  for (const s of sectorRows) parts.get(s.areaId)?.sectors.set(s.sectorId, { gapNeed: s.gapNeed, need: s.need, unmet: s.unmet });
  return figuresRow(week, combine(null, [...parts.values()]));
}

/** A computed rollup shaped as a stored row, for toWeekFigures. */
function figuresRow(week: string, r: Rollup | null): { row: FigureRow | undefined; sectors: SectorRow[] } {
  if (!r) return { row: undefined, sectors: [] };
  const f = r.figures;
  return {
    row: { areaId: 0, week, basis: r.basis, newly: f.newly, repeat: f.repeat, total: f.total, individuals: f.individuals, childrenWithFigures: r.childrenWithFigures, childrenNewly: null, childrenRepeat: null, childrenTotal: null },
    sectors: [...f.sectors].map(([sectorId, x]) => ({ areaId: 0, week, sectorId, ...x })),
  };
}

/** The country's stock: the sum of the governorates' (rule.ts stockOf). */
function countryStock(rows: StockRow[]): Stock | undefined {
  return stockOf(null, rows, null) ?? undefined;
}

const topAreaIds = (db: Db) => db.select({ id: areas.id }).from(areas).where(isNull(areas.parentId)).all().map((a) => a.id);
const inSubtree = (path: string | null) => (path ? subtreeOf(path) : undefined);

/** Reporting units with a figure, of those expected; `carryForwardWeeks` says how long a unit stays expected after its last report. */
export type Completeness = {
  reported: number;
  expected: number;
  carryForwardWeeks: number;
  /**
   * When no unit lies in the area but a coordinator assigned above it covers it (coverage is inherited
   * by descendants): the unit that covers it, where its completeness is counted.
   */
  coveredBy?: { pcode: string; nameEn: string; nameAr: string };
};

/** The reporting units of a week (see unitsByWeek) and which of them have reported. */
export type WeekUnits = { units: { id: number; path: string }[]; reported: Set<number> };

/**
 * THE REPORTING UNITS per week (docs/decisions/016 and 036): the lowest of the areas assigned
 * to an active coordinator and of the areas that reported themselves this week or in the
 * carry-forward weeks before it — an area that reported lately is expected again, whoever
 * entered its figures. A unit has reported when it has a figure this week; a total carried
 * forward is not a report. Completeness counts these; the reporting-rate page lists them.
 */
export function unitsByWeek(db: Db, path: string | null, weeks: string[]): Map<string, WeekUnits> {
  const inside = assignedAreas(db).filter((a) => !path || a.path.startsWith(path));
  const out = new Map<string, WeekUnits>();
  for (const week of weeks) {
    const recent = db
      .select({ id: areas.id, path: areas.path })
      .from(areaWeekStock)
      .innerJoin(areas, eq(areas.id, areaWeekStock.areaId))
      .where(and(eq(areaWeekStock.week, week), inArray(areaWeekStock.basis, ["direct", "carried"]), inSubtree(path)))
      .all();
    const units = lowest([...inside, ...recent]);
    const reported = new Set<number>();
    for (let i = 0; i < units.length; i += 500)
      for (const r of db
        .select({ id: areaWeekFigures.areaId })
        .from(areaWeekFigures)
        .where(and(eq(areaWeekFigures.week, week), inArray(areaWeekFigures.areaId, units.slice(i, i + 500).map((u) => u.id))))
        .all())
        reported.add(r.id);
    out.set(week, { units, reported });
  }
  return out;
}

const assignedAreas = (db: Db) =>
  db
    .selectDistinct({ id: areas.id, path: areas.path, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr })
    .from(userAreas)
    .innerJoin(users, and(eq(users.id, userAreas.userId), eq(users.active, true), eq(users.role, "coordinator")))
    .innerJoin(areas, eq(areas.id, userAreas.areaId))
    .all();

/** Completeness per week: how many of the reporting units (unitsByWeek) have reported. */
function completenessByWeek(db: Db, path: string | null, weeks: string[]): Map<string, Completeness> {
  // The nearest assigned ancestor: its coordinator reports for this area too, as part of the larger one.
  const above = path ? assignedAreas(db).filter((a) => path.startsWith(a.path) && a.path !== path).sort((a, b) => b.path.length - a.path.length)[0] : undefined;
  const coveredBy = above ? { coveredBy: { pcode: above.pcode, nameEn: above.nameEn, nameAr: above.nameAr } } : {};
  const carry = carryForwardWeeks(db);
  const out = new Map<string, Completeness>();
  for (const [week, { units, reported }] of unitsByWeek(db, path, weeks))
    out.set(week, { reported: reported.size, expected: units.length, carryForwardWeeks: carry, ...(units.length ? {} : coveredBy) });
  return out;
}

/** The areas with none of the others below them (paths sort each area right before its descendants). */
function lowest(list: { id: number; path: string }[]): { id: number; path: string }[] {
  const sorted = [...new Map(list.map((a) => [a.id, { id: a.id, path: a.path }])).values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sorted.filter((a, i) => !sorted[i + 1]?.path.startsWith(a.path));
}

/** The week's figures for one area (or the whole country when `pcode` is null), with how they were obtained. */
export function getAreaWeekSummary(db: Db, actor: Actor | null, pcode: string | null, weekInput: string): AreaWeekSummary {
  requireActor(actor);
  const week = requireWeek(weekInput);
  const all = sectorsShownForWeeks(db, week);
  if (pcode === null) {
    const tops = topAreaIds(db);
    const rows = db.select().from(areaWeekFigures).where(and(eq(areaWeekFigures.week, week), inArray(areaWeekFigures.areaId, tops))).all();
    const srows = db.select().from(areaWeekSectorFigures).where(and(eq(areaWeekSectorFigures.week, week), inArray(areaWeekSectorFigures.areaId, tops))).all();
    const stock = db.select().from(areaWeekStock).where(and(eq(areaWeekStock.week, week), inArray(areaWeekStock.areaId, tops))).all();
    const sum = countryRow(week, rows, srows);
    return { ...toWeekFigures(week, sum.row, sum.sectors, all, countryStock(stock)), area: null, completeness: completenessByWeek(db, null, [week]).get(week)! };
  }
  const area = findAreaByPcode(db, pcode);
  const row = db.select().from(areaWeekFigures).where(and(eq(areaWeekFigures.areaId, area.id), eq(areaWeekFigures.week, week))).get();
  const srows = db.select().from(areaWeekSectorFigures).where(and(eq(areaWeekSectorFigures.areaId, area.id), eq(areaWeekSectorFigures.week, week))).all();
  const stock = db.select().from(areaWeekStock).where(and(eq(areaWeekStock.areaId, area.id), eq(areaWeekStock.week, week))).get();
  return {
    ...toWeekFigures(week, row, srows, all, stock),
    area: { pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr, level: area.level },
    completeness: completenessByWeek(db, area.path, [week]).get(week)!,
  };
}

export type WeekChange = {
  previousWeek: string;
  /** This week's and the week before's figures of the same areas: those with figures in both weeks. */
  now: WeekFigures;
  before: WeekFigures;
  /** How many areas were compared, and how many had figures in only one of the two weeks (left out). */
  compared: number;
  leftOut: number;
};

type Pair = { now: Figures; before: Figures; compared: number; leftOut: number };

/**
 * The change from the week before, like with like (docs/decisions/036): an area that reported
 * itself in both weeks is compared with itself; otherwise, going down, only the sub-areas with
 * figures in both weeks are compared, and the others are counted as left out. A governorate
 * that has not reported yet is left out instead of reading as a fall. Totals here are the
 * reported ones, without carried-forward parts, which would only compare a figure with itself.
 */
export function getWeekChange(db: Db, actor: Actor | null, pcode: string | null, weekInput: string): WeekChange {
  requireActor(actor);
  const week = requireWeek(weekInput);
  const previousWeek = addWeeks(week, -1);
  const area = pcode === null ? null : findAreaByPcode(db, pcode);
  const rowsOf = (w: string) =>
    db
      .select({ figures: areaWeekFigures, parentId: areas.parentId })
      .from(areaWeekFigures)
      .innerJoin(areas, eq(areas.id, areaWeekFigures.areaId))
      .where(and(eq(areaWeekFigures.week, w), inSubtree(area?.path ?? null)))
      .all();
  const sectorsOf = (w: string) =>
    db
      .select({ s: areaWeekSectorFigures })
      .from(areaWeekSectorFigures)
      .innerJoin(areas, eq(areas.id, areaWeekSectorFigures.areaId))
      .where(and(eq(areaWeekSectorFigures.week, w), inSubtree(area?.path ?? null)))
      .all()
      .map((r) => r.s);
  const children = new Map<number | null, Set<number>>();
  const load = (w: string) => {
    const out = new Map<number, { basis: FigureRow["basis"]; figures: Figures }>();
    for (const { figures: r, parentId } of rowsOf(w)) {
      out.set(r.areaId, { basis: r.basis, figures: { newly: r.newly, repeat: r.repeat, total: r.total, individuals: r.individuals, sectors: new Map() } });
      const kids = children.get(parentId) ?? new Set<number>();
      children.set(parentId, kids.add(r.areaId));
    }
    for (const x of sectorsOf(w)) out.get(x.areaId)?.figures.sectors.set(x.sectorId, { gapNeed: x.gapNeed, need: x.need, unmet: x.unmet });
    return out;
  };
  const now = load(week);
  const before = load(previousWeek);
  const add = (acc: Pair | null, p: Pair): Pair =>
    acc ? { now: sumFigures([acc.now, p.now])!, before: sumFigures([acc.before, p.before])!, compared: acc.compared + p.compared, leftOut: acc.leftOut + p.leftOut } : p;
  const over = (ids: Iterable<number>): Pair | null => {
    let acc: Pair | null = null;
    let leftOut = 0;
    for (const id of ids) {
      const p = pairOf(id);
      if (p) acc = add(acc, p);
      else leftOut++;
    }
    return acc ? { ...acc, leftOut: acc.leftOut + leftOut } : leftOut ? { now: EMPTY, before: EMPTY, compared: 0, leftOut } : null;
  };
  const pairOf = (id: number): Pair | null => {
    const a = now.get(id);
    const b = before.get(id);
    if (!a || !b) return null;
    const whole = { now: a.figures, before: b.figures, compared: 1, leftOut: 0 };
    if (a.basis === "direct" && b.basis === "direct") return whole;
    const below = over(children.get(id) ?? []);
    if (below?.compared) return below;
    // A direct report on one side covers the whole area as the other side's sum does.
    if (a.basis === "direct" || b.basis === "direct") return whole;
    return below ?? { now: EMPTY, before: EMPTY, compared: 0, leftOut: 0 };
  };
  const pair = (area ? pairOf(area.id) : over(children.get(null) ?? [])) ?? { now: EMPTY, before: EMPTY, compared: 0, leftOut: 0 };
  const all = sectorsShownForWeeks(db, previousWeek, week);
  const shaped = (w: string, f: Figures) => {
    const r = figuresRow(w, pair.compared ? { basis: "children", figures: f, childrenWithFigures: pair.compared, childrenSum: null } : null);
    return toWeekFigures(w, r.row, r.sectors, all, pair.compared ? { total: f.total, carriedTotal: 0, carriedAreas: 0, carriedSince: null } : undefined);
  };
  return { previousWeek, now: shaped(week, pair.now), before: shaped(previousWeek, pair.before), compared: pair.compared, leftOut: pair.leftOut };
}

const EMPTY: Figures = { newly: 0, repeat: 0, total: 0, individuals: null, sectors: new Map() };

/** Figures of the given areas for one week: three indexed reads, whatever the number of areas. */
function figuresOf(db: Db, week: string, all: SectorInfo[], list: (AreaRef & { id: number })[]): (WeekFigures & { area: AreaRef })[] {
  if (!list.length) return [];
  const ids = list.map((k) => k.id);
  const rows = new Map(
    db.select().from(areaWeekFigures).where(and(eq(areaWeekFigures.week, week), inArray(areaWeekFigures.areaId, ids))).all().map((r) => [r.areaId, r]),
  );
  const stock = new Map(db.select().from(areaWeekStock).where(and(eq(areaWeekStock.week, week), inArray(areaWeekStock.areaId, ids))).all().map((r) => [r.areaId, r]));
  const byArea = new Map<number, SectorRow[]>();
  for (const s of db.select().from(areaWeekSectorFigures).where(and(eq(areaWeekSectorFigures.week, week), inArray(areaWeekSectorFigures.areaId, ids))).all())
    appendTo(byArea, s.areaId, s);
  return list.map((k) => ({
    ...toWeekFigures(week, rows.get(k.id), byArea.get(k.id) ?? [], all, stock.get(k.id)),
    area: { pcode: k.pcode, nameEn: k.nameEn, nameAr: k.nameAr, level: k.level },
  }));
}

const areaCols = { id: areas.id, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr, level: areas.level };

/** The week's figures of each child of an area (governorates when `pcode` is null), figures or not. */
export function listChildWeekSummaries(db: Db, actor: Actor | null, pcode: string | null, weekInput: string): (WeekFigures & { area: AreaRef })[] {
  requireActor(actor);
  const week = requireWeek(weekInput);
  const parent = pcode === null ? null : findAreaByPcode(db, pcode);
  const kids = db
    .select(areaCols)
    .from(areas)
    .where(parent ? eq(areas.parentId, parent.id) : isNull(areas.parentId))
    .orderBy(asc(areas.pcode))
    .all();
  return figuresOf(db, week, sectorsShownForWeeks(db, week), kids);
}

/**
 * The same rows as listChildWeekSummaries, a page at a time (P-code order), for exports: an
 * area with thousands of sub-areas is never held whole. Authorisation runs at the first page.
 */
export function* iterateChildWeekSummaries(
  db: Db,
  actor: Actor | null,
  pcode: string,
  weekInput: string,
  pageSize = 500,
): Generator<(WeekFigures & { area: AreaRef })[], void, undefined> {
  requireActor(actor);
  const week = requireWeek(weekInput);
  const parent = findAreaByPcode(db, pcode);
  const all = sectorsShownForWeeks(db, week);
  let after = "";
  for (;;) {
    const kids = db
      .select(areaCols)
      .from(areas)
      .where(and(eq(areas.parentId, parent.id), gt(areas.pcode, after)))
      .orderBy(asc(areas.pcode))
      .limit(pageSize)
      .all();
    if (!kids.length) return;
    yield figuresOf(db, week, all, kids);
    if (kids.length < pageSize) return;
    after = kids.at(-1)!.pcode;
  }
}

/** Every area of one level (1 governorates, 2 districts…) with its figures for the week: what a map colours. */
export function listLevelWeekSummaries(db: Db, actor: Actor | null, weekInput: string, level: number): (WeekFigures & { area: AreaRef })[] {
  requireActor(actor);
  const week = requireWeek(weekInput);
  if (![1, 2, 3, 4].includes(level)) throw invalid({ level: { key: "validation.oneOf", values: { options: "1, 2, 3, 4" } } });
  const list = db.select(areaCols).from(areas).where(eq(areas.level, level)).orderBy(asc(areas.pcode)).all();
  return figuresOf(db, week, sectorsShownForWeeks(db, week), list);
}

/**
 * Weeks with a counted figure for an area (anywhere, when `pcode` is null), most recent first.
 * Every figure rolls up to its governorate, so the governorates' weeks are all the weeks there are.
 */
export function listWeeksWithData(db: Db, actor: Actor | null, pcode: string | null, limit = 156): string[] {
  requireActor(actor);
  const ids = pcode === null ? topAreaIds(db) : [findAreaByPcode(db, pcode).id];
  return db
    .selectDistinct({ week: areaWeekFigures.week })
    .from(areaWeekFigures)
    .where(inArray(areaWeekFigures.areaId, ids))
    .orderBy(desc(areaWeekFigures.week))
    .limit(limit)
    .all()
    .map((r) => r.week);
}

/** A week of a trend, with its completeness: a week some units have not reported yet is marked on the charts. */
export type TrendWeek = WeekFigures & { completeness: Completeness };

/** `weeks` consecutive weeks ending at `endWeek` for an area (or the country), oldest first; weeks without data have basis "none". */
export function getAreaTrend(db: Db, actor: Actor | null, pcode: string | null, endWeekInput: string, weeks: number): TrendWeek[] {
  requireActor(actor);
  const end = requireWeek(endWeekInput);
  if (![12, 26, 52].includes(weeks)) throw invalid({ weeks: { key: "validation.oneOf", values: { options: "12, 26, 52" } } });
  const start = addWeeks(end, -(weeks - 1));
  const all = sectorsShownForWeeks(db, start, end);
  const area = pcode === null ? null : findAreaByPcode(db, pcode);
  const ids = area ? [area.id] : topAreaIds(db);
  const range = (t: typeof areaWeekFigures | typeof areaWeekSectorFigures | typeof areaWeekStock) => and(inArray(t.areaId, ids), gte(t.week, start), lte(t.week, end));
  const rowsByWeek = new Map<string, FigureRow[]>();
  for (const r of db.select().from(areaWeekFigures).where(range(areaWeekFigures)).all()) appendTo(rowsByWeek, r.week, r);
  const sectorsByWeek = new Map<string, SectorRow[]>();
  for (const s of db.select().from(areaWeekSectorFigures).where(range(areaWeekSectorFigures)).all()) appendTo(sectorsByWeek, s.week, s);
  const stockByWeek = new Map<string, StockRow[]>();
  for (const s of db.select().from(areaWeekStock).where(range(areaWeekStock)).all()) appendTo(stockByWeek, s.week, s);
  const list: string[] = [];
  for (let w = start, i = 0; i < weeks; i++, w = addWeeks(w, 1)) list.push(w);
  const complete = completenessByWeek(db, area?.path ?? null, list);
  return list.map((w) => {
    const wr = rowsByWeek.get(w) ?? [];
    const ws = sectorsByWeek.get(w) ?? [];
    const st = stockByWeek.get(w) ?? [];
    const figures = area ? toWeekFigures(w, wr[0], ws, all, st[0]) : (({ row, sectors }) => toWeekFigures(w, row, sectors, all, countryStock(st)))(countryRow(w, wr, ws));
    return { ...figures, completeness: complete.get(w)! };
  });
}
