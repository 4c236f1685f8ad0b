import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, areaWeekFigures, areaWeekSectorFigures, userAreas, users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { findAreaByPcode } from "../areas";
import { invalid } from "../errors";
import { activeSectors, type SectorInfo } from "../sectors";
import { addWeeks, parseWeek } from "../weeks";
import { combine, gapPercent, type Figures } from "./rule";
import { appendTo } from "../append-to";

/**
 * Reads of the figures maintained on write (area_week_figures, area_week_sector_figures; see
 * maintain.ts): an area's week, its children's, a level's, a trend, the weeks with figures.
 * Never the reports themselves, so a read costs a few indexed lookups whatever the history.
 */

export type SectorFigure = { code: string; nameEn: string; nameAr: string; gapPct: number | null; familiesInNeed: number; unmetFamilies: number };

export type AreaRef = { pcode: string; nameEn: string; nameAr: string; level: number };

export type WeekFigures = {
  week: string;
  /** "direct": the area's own report; "children": the sum of that many sub-areas; "none": no figure. */
  basis: "direct" | "children" | "none";
  childrenCount: number;
  newlyDisplacedFamilies: number | null;
  repeatDisplacedFamilies: number | null;
  totalDisplacedFamilies: number | null;
  individuals: number | null;
  sectors: SectorFigure[];
  /** Set when a direct report and the sum of the sub-areas' figures disagree. */
  discrepancy: { newly: number; repeat: number; total: number } | null;
};

export type Completeness = {
  reported: number;
  expected: number;
  /**
   * When no unit lies in the area but a coordinator assigned above it covers it (coverage is inherited
   * by descendants): the unit that covers it, where its completeness is counted.
   */
  coveredBy?: { pcode: string; nameEn: string; nameAr: string };
};
export type AreaWeekSummary = WeekFigures & { area: AreaRef | null; completeness: Completeness };

type FigureRow = typeof areaWeekFigures.$inferSelect;
type SectorRow = { areaId: number; week: string; sectorId: number; gapNeed: number; need: number; unmet: number };

export function requireWeek(week: string | undefined | null, field = "week"): string {
  const w = week ? parseWeek(week) : null;
  if (!w) throw invalid({ [field]: { key: "validation.week" } });
  return w;
}

function toWeekFigures(week: string, row: FigureRow | undefined, sectorRows: SectorRow[], all: SectorInfo[]): WeekFigures {
  const byId = new Map(sectorRows.map((s) => [s.sectorId, s]));
  const sectorsOut = all.map((s) => {
    const f = byId.get(s.id);
    return { code: s.code, nameEn: s.nameEn, nameAr: s.nameAr, gapPct: gapPercent(f), familiesInNeed: f?.need ?? 0, unmetFamilies: f?.unmet ?? 0 };
  });
  if (!row)
    return {
      week,
      basis: "none",
      childrenCount: 0,
      newlyDisplacedFamilies: null,
      repeatDisplacedFamilies: null,
      totalDisplacedFamilies: null,
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
    totalDisplacedFamilies: row.total,
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
  const r = combine(null, [...parts.values()]);
  if (!r) return { row: undefined, sectors: [] };
  const f = r.figures;
  return {
    row: { areaId: 0, week, basis: r.basis, newly: f.newly, repeat: f.repeat, total: f.total, individuals: f.individuals, childrenWithFigures: r.childrenWithFigures, childrenNewly: null, childrenRepeat: null, childrenTotal: null },
    sectors: [...f.sectors].map(([sectorId, x]) => ({ areaId: 0, week, sectorId, ...x })),
  };
}

/**
 * Reporting units: areas assigned to an active coordinator with no assigned area below them.
 * An area's completeness counts the units in its subtree that have a figure this week.
 */
function completeness(db: Db, path: string | null, week: string): Completeness {
  const assigned = db
    .selectDistinct({ id: areas.id, path: areas.path, pcode: areas.pcode, nameEn: areas.nameEn, nameAr: areas.nameAr })
    .from(userAreas)
    .innerJoin(users, and(eq(users.id, userAreas.userId), eq(users.active, true), eq(users.role, "coordinator")))
    .innerJoin(areas, eq(areas.id, userAreas.areaId))
    .all();
  const units = assigned.filter((a) => !assigned.some((b) => b.id !== a.id && b.path.startsWith(a.path)) && (!path || a.path.startsWith(path)));
  if (!units.length) {
    // The nearest assigned ancestor: its coordinator reports for this area too, as part of the larger one.
    const above = path ? assigned.filter((a) => path.startsWith(a.path) && a.path !== path).sort((a, b) => b.path.length - a.path.length)[0] : undefined;
    return above ? { reported: 0, expected: 0, coveredBy: { pcode: above.pcode, nameEn: above.nameEn, nameAr: above.nameAr } } : { reported: 0, expected: 0 };
  }
  const reported = db
    .select({ n: sql<number>`count(*)` })
    .from(areaWeekFigures)
    .where(and(eq(areaWeekFigures.week, week), inArray(areaWeekFigures.areaId, units.map((u) => u.id))))
    .get()!.n;
  return { reported, expected: units.length };
}

/** The week's figures for one area (or the whole country when `pcode` is null), with how they were obtained. */
export function getAreaWeekSummary(db: Db, actor: Actor | null, pcode: string | null, weekInput: string): AreaWeekSummary {
  requireActor(actor);
  const week = requireWeek(weekInput);
  const all = activeSectors(db);
  if (pcode === null) {
    const tops = db.select({ id: areas.id }).from(areas).where(isNull(areas.parentId)).all().map((a) => a.id);
    const rows = db.select().from(areaWeekFigures).where(and(eq(areaWeekFigures.week, week), inArray(areaWeekFigures.areaId, tops))).all();
    const srows = db.select().from(areaWeekSectorFigures).where(and(eq(areaWeekSectorFigures.week, week), inArray(areaWeekSectorFigures.areaId, tops))).all();
    const sum = countryRow(week, rows, srows);
    return { ...toWeekFigures(week, sum.row, sum.sectors, all), area: null, completeness: completeness(db, null, week) };
  }
  const area = findAreaByPcode(db, pcode);
  const row = db.select().from(areaWeekFigures).where(and(eq(areaWeekFigures.areaId, area.id), eq(areaWeekFigures.week, week))).get();
  const srows = db.select().from(areaWeekSectorFigures).where(and(eq(areaWeekSectorFigures.areaId, area.id), eq(areaWeekSectorFigures.week, week))).all();
  return {
    ...toWeekFigures(week, row, srows, all),
    area: { pcode: area.pcode, nameEn: area.nameEn, nameAr: area.nameAr, level: area.level },
    completeness: completeness(db, area.path, week),
  };
}

/** Figures of the given areas for one week: three indexed reads, whatever the number of areas. */
function figuresOf(db: Db, week: string, all: SectorInfo[], list: (AreaRef & { id: number })[]): (WeekFigures & { area: AreaRef })[] {
  if (!list.length) return [];
  const ids = list.map((k) => k.id);
  const rows = new Map(
    db.select().from(areaWeekFigures).where(and(eq(areaWeekFigures.week, week), inArray(areaWeekFigures.areaId, ids))).all().map((r) => [r.areaId, r]),
  );
  const byArea = new Map<number, SectorRow[]>();
  for (const s of db.select().from(areaWeekSectorFigures).where(and(eq(areaWeekSectorFigures.week, week), inArray(areaWeekSectorFigures.areaId, ids))).all())
    appendTo(byArea, s.areaId, s);
  return list.map((k) => ({
    ...toWeekFigures(week, rows.get(k.id), byArea.get(k.id) ?? [], all),
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
  return figuresOf(db, week, activeSectors(db), kids);
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
  const all = activeSectors(db);
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
  return figuresOf(db, week, activeSectors(db), list);
}

/**
 * Weeks with a counted figure for an area (anywhere, when `pcode` is null), most recent first.
 * Every figure rolls up to its governorate, so the governorates' weeks are all the weeks there are.
 */
export function listWeeksWithData(db: Db, actor: Actor | null, pcode: string | null, limit = 156): string[] {
  requireActor(actor);
  const ids = pcode === null ? db.select({ id: areas.id }).from(areas).where(isNull(areas.parentId)).all().map((a) => a.id) : [findAreaByPcode(db, pcode).id];
  return db
    .selectDistinct({ week: areaWeekFigures.week })
    .from(areaWeekFigures)
    .where(inArray(areaWeekFigures.areaId, ids))
    .orderBy(desc(areaWeekFigures.week))
    .limit(limit)
    .all()
    .map((r) => r.week);
}

/** `weeks` consecutive weeks ending at `endWeek` for an area (or the country), oldest first; weeks without data have basis "none". */
export function getAreaTrend(db: Db, actor: Actor | null, pcode: string | null, endWeekInput: string, weeks: number): WeekFigures[] {
  requireActor(actor);
  const end = requireWeek(endWeekInput);
  if (![12, 26, 52].includes(weeks)) throw invalid({ weeks: { key: "validation.oneOf", values: { options: "12, 26, 52" } } });
  const start = addWeeks(end, -(weeks - 1));
  const all = activeSectors(db);
  const ids = pcode === null ? db.select({ id: areas.id }).from(areas).where(isNull(areas.parentId)).all().map((a) => a.id) : [findAreaByPcode(db, pcode).id];
  const range = (t: typeof areaWeekFigures | typeof areaWeekSectorFigures) => and(inArray(t.areaId, ids), gte(t.week, start), lte(t.week, end));
  const rows = db.select().from(areaWeekFigures).where(range(areaWeekFigures)).all();
  const srows = db.select().from(areaWeekSectorFigures).where(range(areaWeekSectorFigures)).all();
  const rowsByWeek = new Map<string, FigureRow[]>();
  for (const r of rows) appendTo(rowsByWeek, r.week, r);
  const sectorsByWeek = new Map<string, SectorRow[]>();
  for (const s of srows) appendTo(sectorsByWeek, s.week, s);
  const out: WeekFigures[] = [];
  for (let w = start, i = 0; i < weeks; i++, w = addWeeks(w, 1)) {
    const wr = rowsByWeek.get(w) ?? [];
    const ws = sectorsByWeek.get(w) ?? [];
    if (pcode === null) {
      const sum = countryRow(w, wr, ws);
      out.push(toWeekFigures(w, sum.row, sum.sectors, all));
    } else out.push(toWeekFigures(w, wr[0], ws, all));
  }
  return out;
}
