import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, areaWeekFigures, areaWeekSectorFigures, sectors, userAreas, users } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { subtreeOf, findAreaByPcode } from "../areas";
import { invalid } from "../errors";
import { addWeeks, parseWeek } from "../weeks";
import { gapPercent } from "./combine";
import { appendTo } from "../append-to";

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

export type AreaWeekSummary = WeekFigures & { area: AreaRef | null; completeness: { reported: number; expected: number } };

type FigureRow = typeof areaWeekFigures.$inferSelect;
type SectorRow = { areaId: number; week: string; sectorId: number; gapNeed: number; need: number; unmet: number };
export type SectorInfo = { id: number; code: string; nameEn: string; nameAr: string };

export function requireWeek(week: string | undefined | null, field = "week"): string {
  const w = week ? parseWeek(week) : null;
  if (!w) throw invalid({ [field]: { key: "validation.week" } });
  return w;
}

/** Active sectors in display order (no actor: callers have checked theirs). */
export function activeSectors(db: Db): SectorInfo[] {
  return db
    .select({ id: sectors.id, code: sectors.code, nameEn: sectors.nameEn, nameAr: sectors.nameAr })
    .from(sectors)
    .where(eq(sectors.active, true))
    .orderBy(asc(sectors.sortOrder), asc(sectors.code))
    .all();
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

/** Sums several areas' stored rows of one week into a "children" figure (used for the whole country). */
function sumRows(week: string, rows: FigureRow[], sectorRows: SectorRow[]): { row: FigureRow | undefined; sectors: SectorRow[] } {
  if (!rows.length) return { row: undefined, sectors: [] };
  const row: FigureRow = {
    areaId: 0,
    week,
    basis: "children",
    newly: 0,
    repeat: 0,
    total: 0,
    individuals: null,
    childrenWithFigures: rows.length,
    childrenNewly: null,
    childrenRepeat: null,
    childrenTotal: null,
  };
  for (const r of rows) {
    row.newly += r.newly;
    row.repeat += r.repeat;
    row.total += r.total;
    if (r.individuals !== null) row.individuals = (row.individuals ?? 0) + r.individuals;
  }
  const acc = new Map<number, SectorRow>();
  for (const s of sectorRows) {
    const a = acc.get(s.sectorId) ?? { areaId: 0, week, sectorId: s.sectorId, gapNeed: 0, need: 0, unmet: 0 };
    acc.set(s.sectorId, { ...a, gapNeed: a.gapNeed + s.gapNeed, need: a.need + s.need, unmet: a.unmet + s.unmet });
  }
  return { row, sectors: [...acc.values()] };
}

/**
 * Reporting units: areas assigned to an active coordinator with no assigned area below them.
 * An area's completeness counts the units in its subtree that have a figure this week.
 */
function completeness(db: Db, path: string | null, week: string): { reported: number; expected: number } {
  const assigned = db
    .selectDistinct({ id: areas.id, path: areas.path })
    .from(userAreas)
    .innerJoin(users, and(eq(users.id, userAreas.userId), eq(users.active, true), eq(users.role, "coordinator")))
    .innerJoin(areas, eq(areas.id, userAreas.areaId))
    .all();
  const units = assigned.filter((a) => !assigned.some((b) => b.id !== a.id && b.path.startsWith(a.path)) && (!path || a.path.startsWith(path)));
  if (!units.length) return { reported: 0, expected: 0 };
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
    const sum = sumRows(week, rows, srows);
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
      const sum = sumRows(w, wr, ws);
      out.push(toWeekFigures(w, sum.row, sum.sectors, all));
    } else out.push(toWeekFigures(w, wr[0], ws, all));
  }
  return out;
}

/** The most recent week with any counted figure, or null before the first report. */
export function latestWeekWithData(db: Db, actor: Actor | null): string | null {
  requireActor(actor);
  return db.select({ week: areaWeekFigures.week }).from(areaWeekFigures).orderBy(desc(areaWeekFigures.week)).limit(1).get()?.week ?? null;
}

/** Every area at `level` (within `parent` if given) with a figure for `sector` in the week, ranked by unmet families. */
export function rankAreasByUnmet(
  db: Db,
  actor: Actor | null,
  input: { week: string; sector: string; level?: number; parent?: string | null; limit?: number },
) {
  requireActor(actor);
  const week = requireWeek(input.week);
  const sector = db.select({ id: sectors.id }).from(sectors).where(eq(sectors.code, input.sector)).get();
  if (!sector) throw invalid({ sector: { key: "validation.sectorUnknown", values: { code: input.sector } } });
  const parent = input.parent ? findAreaByPcode(db, input.parent) : null;
  const rows = db
    .select({
      pcode: areas.pcode,
      nameEn: areas.nameEn,
      nameAr: areas.nameAr,
      level: areas.level,
      gapNeed: areaWeekSectorFigures.gapNeed,
      need: areaWeekSectorFigures.need,
      unmet: areaWeekSectorFigures.unmet,
      basis: areaWeekFigures.basis,
      childrenCount: areaWeekFigures.childrenWithFigures,
    })
    .from(areaWeekSectorFigures)
    .innerJoin(areas, eq(areas.id, areaWeekSectorFigures.areaId))
    .innerJoin(areaWeekFigures, and(eq(areaWeekFigures.areaId, areas.id), eq(areaWeekFigures.week, week)))
    .where(
      and(
        eq(areaWeekSectorFigures.week, week),
        eq(areaWeekSectorFigures.sectorId, sector.id),
        input.level ? eq(areas.level, input.level) : undefined,
        parent ? subtreeOf(parent.path) : undefined,
      ),
    )
    .orderBy(desc(areaWeekSectorFigures.unmet), asc(areas.pcode))
    .limit(input.limit ?? 10)
    .all();
  return rows.map((r) => ({
    area: { pcode: r.pcode, nameEn: r.nameEn, nameAr: r.nameAr, level: r.level },
    basis: r.basis,
    childrenCount: r.childrenCount,
    gapPct: gapPercent(r),
    familiesInNeed: r.need,
    unmetFamilies: r.unmet,
  }));
}
