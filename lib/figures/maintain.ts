import { and, desc, eq, gte, inArray, lte, sql, type Placeholder } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, areaWeekFigures, areaWeekSectorFigures, areaWeekStock, figureRules, reportSectorGaps, weeklyReports } from "@/db/schema";
import type { Tx } from "../audit";
import { appendTo } from "../append-to";
import { preparedIn } from "../prepared";
import { addWeeks } from "../weeks";
import { combine, reportFigures, stockOf, type Figures, type Rollup, type Stock } from "./rule";

const COUNTED = ["submitted", "approved"] as const;

function store(tx: Tx, areaId: number, week: string, r: Rollup | null): void {
  const key = { areaId, week };
  preparedIn(tx, deleteSectorFiguresQuery).run(key);
  preparedIn(tx, deleteFiguresQuery).run(key);
  if (!r) return;
  const f = r.figures;
  preparedIn(tx, insertFiguresQuery).run({
    ...key,
    basis: r.basis,
    newly: f.newly,
    repeat: f.repeat,
    total: f.total,
    individuals: f.individuals,
    childrenWithFigures: r.childrenWithFigures,
    childrenNewly: r.childrenSum?.newly ?? null,
    childrenRepeat: r.childrenSum?.repeat ?? null,
    childrenTotal: r.childrenSum?.total ?? null,
  });
  const insertSector = preparedIn(tx, insertSectorFiguresQuery);
  for (const [sectorId, s] of f.sectors) insertSector.run({ ...key, sectorId, ...s });
}

// The rollups of a file import are thousands of small writes in one transaction: prepared once per transaction (lib/prepared.ts).
const deleteSectorFiguresQuery = (tx: Tx) =>
  tx
    .delete(areaWeekSectorFigures)
    .where(and(eq(areaWeekSectorFigures.areaId, sql.placeholder("areaId")), eq(areaWeekSectorFigures.week, sql.placeholder("week"))))
    .prepare();
const deleteFiguresQuery = (tx: Tx) =>
  tx
    .delete(areaWeekFigures)
    .where(and(eq(areaWeekFigures.areaId, sql.placeholder("areaId")), eq(areaWeekFigures.week, sql.placeholder("week"))))
    .prepare();
const insertFiguresQuery = (tx: Tx) =>
  tx
    .insert(areaWeekFigures)
    .values(
      placeholders("areaId", "week", "basis", "newly", "repeat", "total", "individuals", "childrenWithFigures", "childrenNewly", "childrenRepeat", "childrenTotal"),
    )
    .prepare();
const insertSectorFiguresQuery = (tx: Tx) =>
  tx.insert(areaWeekSectorFigures).values(placeholders("areaId", "week", "sectorId", "gapNeed", "need", "unmet")).prepare();
const deleteStockQuery = (tx: Tx) =>
  tx
    .delete(areaWeekStock)
    .where(and(eq(areaWeekStock.areaId, sql.placeholder("areaId")), eq(areaWeekStock.week, sql.placeholder("week"))))
    .prepare();
const insertStockQuery = (tx: Tx) =>
  tx.insert(areaWeekStock).values(placeholders("areaId", "week", "basis", "total", "carriedTotal", "carriedAreas", "carriedSince")).prepare();

/** An insert's values as placeholders of the same names. */
function placeholders<K extends string>(...names: K[]): Record<K, Placeholder> {
  const out: Partial<Record<K, Placeholder>> = {};
  for (const n of names) out[n] = sql.placeholder(n);
  return out as Record<K, Placeholder>;
}

/** How many weeks an area's last total displaced is carried forward (figure_rules, set from RASD_CARRY_FORWARD_WEEKS). */
export function carryForwardWeeks(tx: Pick<Tx, "select">): number {
  return tx.select({ n: figureRules.carryForwardWeeks }).from(figureRules).where(eq(figureRules.id, 1)).get()?.n ?? 0;
}

function storeStock(tx: Tx, areaId: number, week: string, s: Stock | null): void {
  preparedIn(tx, deleteStockQuery).run({ areaId, week });
  if (s) preparedIn(tx, insertStockQuery).run({ areaId, week, ...s });
}

/**
 * Brings the stored rollups of `areaId` and all its ancestors up to date for `week`, and their
 * stock for `week` and the weeks it is carried into.
 * Call it inside the same write transaction as any change to a report's figures or status.
 * Cost: one small indexed read and write per level (at most four), and per carried week.
 */
export function recomputeRollups(tx: Tx, areaId: number, week: string): void {
  recomputeRollupsOf(tx, [{ areaId, week }]);
}

/**
 * The same for many changed reports at once (a file import): each affected area and week is
 * recomputed once, bottom-up, with a few set-wise reads per week instead of a few per report
 * and level; what is not affected is read as stored.
 */
export function recomputeRollupsOf(tx: Tx, changed: { areaId: number; week: string }[]): void {
  if (!changed.length) return;
  const carry = carryForwardWeeks(tx);
  const ids = [...new Set(changed.map((c) => c.areaId))];
  const chains = new Map<number, number[]>();
  // Every area on a chain, with its parent and depth, read off the materialised paths: no query per week.
  const tree: Tree = new Map();
  for (const part of chunks(ids))
    for (const a of tx.select({ id: areas.id, path: areas.path }).from(areas).where(inArray(areas.id, part)).all()) {
      const chain = a.path.split("/").filter(Boolean).map(Number);
      chains.set(a.id, chain);
      chain.forEach((id, i) => tree.set(id, { parentId: i ? chain[i - 1]! : null, level: i + 1 }));
    }
  const affected = (pairs: { areaId: number; week: string }[]) => {
    const byWeek = new Map<string, Set<number>>();
    for (const { areaId, week } of pairs) {
      const set = byWeek.get(week) ?? new Set<number>();
      for (const id of chains.get(areaId) ?? []) set.add(id);
      byWeek.set(week, set);
    }
    return byWeek;
  };
  for (const [week, set] of affected(changed)) recomputeFigures(tx, week, [...set], tree);
  const stockPairs = changed.flatMap((c) => Array.from({ length: carry + 1 }, (_, k) => ({ areaId: c.areaId, week: addWeeks(c.week, k) })));
  for (const [week, set] of [...affected(stockPairs)].sort(([a], [b]) => (a < b ? -1 : 1))) recomputeStock(tx, week, [...set], carry, tree);
}

const chunks = <T>(list: T[], size = 500): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

type Tree = Map<number, { parentId: number | null; level: number }>;

/** Areas with their parent, deepest first: the order a rollup is computed in. */
function bottomUp(ids: number[], tree: Tree): { id: number; parentId: number | null }[] {
  return ids.map((id) => ({ id, ...tree.get(id)! })).sort((a, b) => b.level - a.level);
}

function recomputeFigures(tx: Tx, week: string, ids: number[], tree: Tree): void {
  const nodes = bottomUp(ids, tree);
  const affected = new Set(ids);
  const direct = new Map<number, Figures>();
  for (const part of chunks(ids)) {
    const reports = tx
      .select({ id: weeklyReports.id, areaId: weeklyReports.areaId, newly: weeklyReports.newlyDisplacedFamilies, repeat: weeklyReports.repeatDisplacedFamilies, total: weeklyReports.totalDisplacedFamilies, individuals: weeklyReports.individuals })
      .from(weeklyReports)
      .where(and(eq(weeklyReports.week, week), inArray(weeklyReports.areaId, part), inArray(weeklyReports.status, [...COUNTED])))
      .all();
    const gaps = new Map<number, { sectorId: number; gapTenths: number; familiesInNeed: number | null }[]>();
    if (reports.length)
      for (const g of tx
        .select({ reportId: reportSectorGaps.reportId, sectorId: reportSectorGaps.sectorId, gapTenths: reportSectorGaps.gapTenths, familiesInNeed: reportSectorGaps.familiesInNeed })
        .from(reportSectorGaps)
        .where(inArray(reportSectorGaps.reportId, reports.map((r) => r.id)))
        .all())
        appendTo(gaps, g.reportId, g);
    for (const r of reports) direct.set(r.areaId, reportFigures({ ...r, gaps: gaps.get(r.id) ?? [] }));
  }
  // The children's figures: computed here for affected children, as stored for the others.
  const children = new Map<number, Figures[]>();
  for (const part of chunks(ids)) {
    const rows = tx
      .select({ areaId: areaWeekFigures.areaId, parentId: areas.parentId, newly: areaWeekFigures.newly, repeat: areaWeekFigures.repeat, total: areaWeekFigures.total, individuals: areaWeekFigures.individuals })
      .from(areas)
      .innerJoin(areaWeekFigures, and(eq(areaWeekFigures.areaId, areas.id), eq(areaWeekFigures.week, week)))
      .where(inArray(areas.parentId, part))
      .all()
      .filter((r) => !affected.has(r.areaId));
    if (!rows.length) continue;
    const figs = new Map<number, Figures>(rows.map((r) => [r.areaId, { newly: r.newly, repeat: r.repeat, total: r.total, individuals: r.individuals, sectors: new Map() }]));
    for (const sr of tx.select().from(areaWeekSectorFigures).where(and(eq(areaWeekSectorFigures.week, week), inArray(areaWeekSectorFigures.areaId, [...figs.keys()]))).all())
      figs.get(sr.areaId)!.sectors.set(sr.sectorId, { gapNeed: sr.gapNeed, need: sr.need, unmet: sr.unmet });
    for (const r of rows) appendTo(children, r.parentId!, figs.get(r.areaId)!);
  }
  for (const n of nodes) {
    const r = combine(direct.get(n.id) ?? null, children.get(n.id) ?? []);
    store(tx, n.id, week, r);
    if (r && n.parentId !== null && affected.has(n.parentId)) appendTo(children, n.parentId, r.figures);
  }
}

function recomputeStock(tx: Tx, week: string, ids: number[], carry: number, tree: Tree): void {
  const nodes = bottomUp(ids, tree);
  const affected = new Set(ids);
  const own = new Map<number, number>();
  const earlier = new Map<number, { week: string; total: number }>();
  const children = new Map<number, Stock[]>();
  for (const part of chunks(ids)) {
    const from = addWeeks(week, -carry);
    // This week's reports and the carry-forward weeks' before it, latest first.
    for (const r of tx
      .select({ areaId: weeklyReports.areaId, week: weeklyReports.week, total: weeklyReports.totalDisplacedFamilies })
      .from(weeklyReports)
      .where(and(inArray(weeklyReports.areaId, part), gte(weeklyReports.week, from), lte(weeklyReports.week, week), inArray(weeklyReports.status, [...COUNTED])))
      .orderBy(desc(weeklyReports.week))
      .all()) {
      if (r.week === week) own.set(r.areaId, r.total);
      else if (!earlier.has(r.areaId)) earlier.set(r.areaId, { week: r.week, total: r.total });
    }
    for (const c of tx
      .select({ areaId: areaWeekStock.areaId, parentId: areas.parentId, basis: areaWeekStock.basis, total: areaWeekStock.total, carriedTotal: areaWeekStock.carriedTotal, carriedAreas: areaWeekStock.carriedAreas, carriedSince: areaWeekStock.carriedSince })
      .from(areas)
      .innerJoin(areaWeekStock, and(eq(areaWeekStock.areaId, areas.id), eq(areaWeekStock.week, week)))
      .where(inArray(areas.parentId, part))
      .all())
      if (!affected.has(c.areaId)) appendTo(children, c.parentId!, { basis: c.basis, total: c.total, carriedTotal: c.carriedTotal, carriedAreas: c.carriedAreas, carriedSince: c.carriedSince });
  }
  for (const n of nodes) {
    const s = stockOf(own.get(n.id) ?? null, children.get(n.id) ?? [], carry > 0 ? (earlier.get(n.id) ?? null) : null);
    storeStock(tx, n.id, week, s);
    if (s && n.parentId !== null && affected.has(n.parentId)) appendTo(children, n.parentId, s);
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
