import { and, desc, eq, gte, inArray, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, areaWeekFigures, areaWeekSectorFigures, areaWeekStock, figureRules, reportSectorGaps, weeklyReports } from "@/db/schema";
import type { Tx } from "../audit";
import { appendTo } from "../append-to";
import { addWeeks } from "../weeks";
import { combine, reportFigures, stockOf, type Figures, type Rollup, type Stock } from "./rule";

const COUNTED = ["submitted", "approved"] as const;

function directFigures(tx: Tx, areaId: number, week: string): Figures | null {
  const r = tx
    .select({
      id: weeklyReports.id,
      newly: weeklyReports.newlyDisplacedFamilies,
      repeat: weeklyReports.repeatDisplacedFamilies,
      total: weeklyReports.totalDisplacedFamilies,
      individuals: weeklyReports.individuals,
    })
    .from(weeklyReports)
    .where(and(eq(weeklyReports.areaId, areaId), eq(weeklyReports.week, week), inArray(weeklyReports.status, [...COUNTED])))
    .get();
  if (!r) return null;
  const gaps = tx
    .select({ sectorId: reportSectorGaps.sectorId, gapTenths: reportSectorGaps.gapTenths, familiesInNeed: reportSectorGaps.familiesInNeed })
    .from(reportSectorGaps)
    .where(eq(reportSectorGaps.reportId, r.id))
    .all();
  return reportFigures({ ...r, gaps });
}

function childFigures(tx: Tx, areaId: number, week: string): Figures[] {
  const rows = tx
    .select({
      areaId: areaWeekFigures.areaId,
      newly: areaWeekFigures.newly,
      repeat: areaWeekFigures.repeat,
      total: areaWeekFigures.total,
      individuals: areaWeekFigures.individuals,
    })
    .from(areas)
    .innerJoin(areaWeekFigures, and(eq(areaWeekFigures.areaId, areas.id), eq(areaWeekFigures.week, week)))
    .where(eq(areas.parentId, areaId))
    .all();
  if (!rows.length) return [];
  const sectorRows = tx
    .select({
      areaId: areaWeekSectorFigures.areaId,
      sectorId: areaWeekSectorFigures.sectorId,
      gapNeed: areaWeekSectorFigures.gapNeed,
      need: areaWeekSectorFigures.need,
      unmet: areaWeekSectorFigures.unmet,
    })
    .from(areas)
    .innerJoin(areaWeekSectorFigures, and(eq(areaWeekSectorFigures.areaId, areas.id), eq(areaWeekSectorFigures.week, week)))
    .where(eq(areas.parentId, areaId))
    .all();
  const byArea = new Map<number, Figures>(rows.map((r) => [r.areaId, { ...r, sectors: new Map() }]));
  for (const s of sectorRows) byArea.get(s.areaId)?.sectors.set(s.sectorId, { gapNeed: s.gapNeed, need: s.need, unmet: s.unmet });
  return [...byArea.values()];
}

function store(tx: Tx, areaId: number, week: string, r: Rollup | null): void {
  tx.delete(areaWeekSectorFigures).where(and(eq(areaWeekSectorFigures.areaId, areaId), eq(areaWeekSectorFigures.week, week))).run();
  tx.delete(areaWeekFigures).where(and(eq(areaWeekFigures.areaId, areaId), eq(areaWeekFigures.week, week))).run();
  if (!r) return;
  const f = r.figures;
  tx.insert(areaWeekFigures)
    .values({
      areaId,
      week,
      basis: r.basis,
      newly: f.newly,
      repeat: f.repeat,
      total: f.total,
      individuals: f.individuals,
      childrenWithFigures: r.childrenWithFigures,
      childrenNewly: r.childrenSum?.newly ?? null,
      childrenRepeat: r.childrenSum?.repeat ?? null,
      childrenTotal: r.childrenSum?.total ?? null,
    })
    .run();
  if (f.sectors.size)
    tx.insert(areaWeekSectorFigures)
      .values([...f.sectors].map(([sectorId, s]) => ({ areaId, week, sectorId, ...s })))
      .run();
}

/** How many weeks an area's last total displaced is carried forward (figure_rules, set from RASD_CARRY_FORWARD_WEEKS). */
export function carryForwardWeeks(tx: Pick<Tx, "select">): number {
  return tx.select({ n: figureRules.carryForwardWeeks }).from(figureRules).where(eq(figureRules.id, 1)).get()?.n ?? 0;
}

function ownTotal(tx: Tx, areaId: number, week: string): number | null {
  const r = tx
    .select({ total: weeklyReports.totalDisplacedFamilies })
    .from(weeklyReports)
    .where(and(eq(weeklyReports.areaId, areaId), eq(weeklyReports.week, week), inArray(weeklyReports.status, [...COUNTED])))
    .get();
  return r ? r.total : null;
}

/** The area's latest counted report in the `carry` weeks before `week`. */
function ownEarlier(tx: Tx, areaId: number, week: string, carry: number): { week: string; total: number } | null {
  if (carry === 0) return null;
  return (
    tx
      .select({ week: weeklyReports.week, total: weeklyReports.totalDisplacedFamilies })
      .from(weeklyReports)
      .where(
        and(eq(weeklyReports.areaId, areaId), gte(weeklyReports.week, addWeeks(week, -carry)), lt(weeklyReports.week, week), inArray(weeklyReports.status, [...COUNTED])),
      )
      .orderBy(desc(weeklyReports.week))
      .limit(1)
      .get() ?? null
  );
}

function childStock(tx: Tx, areaId: number, week: string): Stock[] {
  return tx
    .select({
      basis: areaWeekStock.basis,
      total: areaWeekStock.total,
      carriedTotal: areaWeekStock.carriedTotal,
      carriedAreas: areaWeekStock.carriedAreas,
      carriedSince: areaWeekStock.carriedSince,
    })
    .from(areas)
    .innerJoin(areaWeekStock, and(eq(areaWeekStock.areaId, areas.id), eq(areaWeekStock.week, week)))
    .where(eq(areas.parentId, areaId))
    .all();
}

function storeStock(tx: Tx, areaId: number, week: string, s: Stock | null): void {
  tx.delete(areaWeekStock).where(and(eq(areaWeekStock.areaId, areaId), eq(areaWeekStock.week, week))).run();
  if (s) tx.insert(areaWeekStock).values({ areaId, week, ...s }).run();
}

/**
 * Brings the stored rollups of `areaId` and all its ancestors up to date for `week`, and their
 * stock for `week` and the weeks it is carried into.
 * Call it inside the same write transaction as any change to a report's figures or status.
 * Cost: one small indexed read and write per level (at most four), and per carried week.
 */
export function recomputeRollups(tx: Tx, areaId: number, week: string): void {
  const area = tx.select({ path: areas.path }).from(areas).where(eq(areas.id, areaId)).get();
  if (!area) return;
  const chain = area.path.split("/").filter(Boolean).map(Number).reverse();
  for (const id of chain) store(tx, id, week, combine(directFigures(tx, id, week), childFigures(tx, id, week)));
  const carry = carryForwardWeeks(tx);
  for (let k = 0; k <= carry; k++) {
    const w = addWeeks(week, k);
    for (const id of chain) storeStock(tx, id, w, stockOf(ownTotal(tx, id, w), childStock(tx, id, w), ownEarlier(tx, id, w, carry)));
  }
}

/**
 * Makes the stored figures follow the figure rules' settings: when the carry-forward setting
 * changed, or the stock was never computed (a database from before it existed), rebuilds them.
 * Returns whether it did.
 */
export function applyFigureRules(db: Db, rules: { carryForwardWeeks: number }): boolean {
  const now = db.select().from(figureRules).where(eq(figureRules.id, 1)).get();
  if (now && now.stockBuilt && now.carryForwardWeeks === rules.carryForwardWeeks) return false;
  db.update(figureRules).set({ carryForwardWeeks: rules.carryForwardWeeks, stockBuilt: false }).where(eq(figureRules.id, 1)).run();
  rebuildAllRollups(db);
  return true;
}

/**
 * Recomputes every rollup from the reports, week by week, bottom-up in memory. Used after an
 * area import that moves areas, by seeding, and by the benchmark's data generator.
 * `onProgress` is told after each week.
 */
export function rebuildAllRollups(db: Db, onProgress?: (done: number, total: number) => void): void {
  const c = db.$client;
  const tree = c.prepare("select id, parent_id as parentId, level from areas").all() as { id: number; parentId: number | null; level: number }[];
  const byLevel = [...tree].sort((a, b) => b.level - a.level);
  const weeks = (c.prepare("select distinct week from weekly_reports where status in ('submitted','approved') order by week").all() as { week: string }[]).map(
    (w) => w.week,
  );
  const reportsOf = c.prepare(
    "select id, area_id as areaId, newly_displaced_families as newly, repeat_displaced_families as repeat, total_displaced_families as total, individuals from weekly_reports where week = ? and status in ('submitted','approved')",
  );
  const gapsOf = c.prepare(
    "select g.report_id as reportId, g.sector_id as sectorId, g.gap_tenths as gapTenths, g.families_in_need as familiesInNeed from report_sector_gaps g join weekly_reports r on r.id = g.report_id where r.week = ? and r.status in ('submitted','approved')",
  );
  const insFig = c.prepare(
    "insert into area_week_figures (area_id, week, basis, newly, repeat, total, individuals, children_with_figures, children_newly, children_repeat, children_total) values (?,?,?,?,?,?,?,?,?,?,?)",
  );
  const insSector = c.prepare("insert into area_week_sector_figures (area_id, week, sector_id, gap_need, need, unmet) values (?,?,?,?,?,?)");

  c.transaction(() => {
    c.prepare("delete from area_week_sector_figures").run();
    c.prepare("delete from area_week_figures").run();
    weeks.forEach((week, i) => {
      type Row = { id: number; areaId: number; newly: number; repeat: number; total: number; individuals: number | null };
      type Gap = { reportId: number; sectorId: number; gapTenths: number; familiesInNeed: number | null };
      const reports = reportsOf.all(week) as Row[];
      const gaps = new Map<number, Gap[]>();
      for (const g of gapsOf.all(week) as Gap[]) appendTo(gaps, g.reportId, g);
      const direct = new Map(reports.map((r) => [r.areaId, reportFigures({ ...r, gaps: gaps.get(r.id) ?? [] })]));
      const children = new Map<number, Figures[]>();
      for (const a of byLevel) {
        const r = combine(direct.get(a.id) ?? null, children.get(a.id) ?? []);
        if (!r) continue;
        if (a.parentId !== null) appendTo(children, a.parentId, r.figures);
        const f = r.figures;
        insFig.run(a.id, week, r.basis, f.newly, f.repeat, f.total, f.individuals, r.childrenWithFigures, r.childrenSum?.newly ?? null, r.childrenSum?.repeat ?? null, r.childrenSum?.total ?? null);
        for (const [sectorId, s] of f.sectors) insSector.run(a.id, week, sectorId, s.gapNeed, s.need, s.unmet);
      }
      onProgress?.(i + 1, weeks.length);
    });
    rebuildStock(c, byLevel, weeks);
  })();
}

/**
 * The stock (rule.ts stockOf) of every area for every week from the first report to the last
 * week a total can be carried into, bottom-up and week by week in memory.
 */
function rebuildStock(
  c: Db["$client"],
  byLevel: { id: number; parentId: number | null }[],
  weeks: string[],
): void {
  const carry = (c.prepare("select carry_forward_weeks as n from figure_rules where id = 1").get() as { n: number } | undefined)?.n ?? 0;
  c.prepare("delete from area_week_stock").run();
  c.prepare("update figure_rules set stock_built = 1 where id = 1").run();
  if (!weeks.length) return;
  const totalsOf = c.prepare("select area_id as areaId, total_displaced_families as total from weekly_reports where week = ? and status in ('submitted','approved')");
  const ins = c.prepare("insert into area_week_stock (area_id, week, basis, total, carried_total, carried_areas, carried_since) values (?,?,?,?,?,?,?)");
  const last = new Map<number, { week: string; total: number }>();
  const end = addWeeks(weeks.at(-1)!, carry);
  for (let week = weeks[0]!; week <= end; week = addWeeks(week, 1)) {
    const own = new Map((totalsOf.all(week) as { areaId: number; total: number }[]).map((r) => [r.areaId, r.total]));
    const earliest = addWeeks(week, -carry);
    const children = new Map<number, Stock[]>();
    for (const a of byLevel) {
      const before = carry > 0 ? last.get(a.id) : undefined;
      const s = stockOf(own.get(a.id) ?? null, children.get(a.id) ?? [], before && before.week >= earliest ? before : null);
      if (!s) continue;
      if (a.parentId !== null) appendTo(children, a.parentId, s);
      ins.run(a.id, week, s.basis, s.total, s.carriedTotal, s.carriedAreas, s.carriedSince);
    }
    for (const [areaId, total] of own) last.set(areaId, { week, total });
  }
}
