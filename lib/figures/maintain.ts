import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, figureRules } from "@/db/schema";
import type { Tx } from "../audit";
import { appendTo } from "../append-to";
import { rowsOf, run } from "../statements";
import { addWeeks } from "../weeks";
import { combine, reportFigures, stockOf, type Figures, type Rollup, type Stock } from "./rule";

// The statuses whose figures count: written into the SQL below as ('submitted', 'approved').

// Area ids go to SQL as one JSON array (json_each): one statement text whatever the count.
const idList = (ids: Iterable<number>) => JSON.stringify([...ids]);

/** Removes the stored figures of these areas in `week`, before store() writes the new ones: one statement per week, not per area. */
function clearFigures(tx: Tx, week: string, ids: number[]): void {
  run(tx, "delete from area_week_sector_figures where week = ? and area_id in (select value from json_each(?))", week, idList(ids));
  run(tx, "delete from area_week_figures where week = ? and area_id in (select value from json_each(?))", week, idList(ids));
}

function store(tx: Tx, areaId: number, week: string, r: Rollup | null): void {
  if (!r) return;
  const f = r.figures;
  run(
    tx,
    `insert into area_week_figures (area_id, week, basis, newly, repeat, total, individuals, children_with_figures, children_newly, children_repeat, children_total)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    areaId,
    week,
    r.basis,
    f.newly,
    f.repeat,
    f.total,
    f.individuals,
    r.childrenWithFigures,
    r.childrenSum?.newly ?? null,
    r.childrenSum?.repeat ?? null,
    r.childrenSum?.total ?? null,
  );
  for (const [sectorId, s] of f.sectors)
    run(tx, "insert into area_week_sector_figures (area_id, week, sector_id, gap_need, need, unmet) values (?, ?, ?, ?, ?, ?)", areaId, week, sectorId, s.gapNeed, s.need, s.unmet);
}

/** How many weeks an area's last total displaced is carried forward (figure_rules, set from RASD_CARRY_FORWARD_WEEKS). */
export function carryForwardWeeks(tx: Pick<Tx, "select">): number {
  return tx.select({ n: figureRules.carryForwardWeeks }).from(figureRules).where(eq(figureRules.id, 1)).get()?.n ?? 0;
}

// A file import stores thousands of these in one transaction: SQL run directly (lib/statements.ts).
function storeStock(tx: Tx, areaId: number, week: string, s: Stock | null): void {
  if (s)
    run(
      tx,
      "insert into area_week_stock (area_id, week, basis, total, carried_total, carried_areas, carried_since) values (?, ?, ?, ?, ?, ?, ?)",
      areaId,
      week,
      s.basis,
      s.total,
      s.carriedTotal,
      s.carriedAreas,
      s.carriedSince,
    );
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
  const byWeek = new Map<string, Set<number>>();
  const addChain = (week: string, chain: Iterable<number>) => {
    const set = byWeek.get(week) ?? new Set<number>();
    for (const id of chain) set.add(id);
    byWeek.set(week, set);
  };
  for (const { areaId, week } of changed) addChain(week, chains.get(areaId) ?? []);
  for (const [week, set] of byWeek) recomputeFigures(tx, week, [...set], tree);
  // The stock of a changed week and of the weeks its totals are carried into: per week, not per report and week.
  const stockByWeek = new Map<string, Set<number>>();
  for (const [week, set] of byWeek)
    for (let k = 0; k <= carry; k++) {
      const later = addWeeks(week, k);
      const into = stockByWeek.get(later) ?? new Set<number>();
      for (const id of set) into.add(id);
      stockByWeek.set(later, into);
    }
  for (const [week, set] of [...stockByWeek].sort(([a], [b]) => (a < b ? -1 : 1))) recomputeStock(tx, week, [...set], carry, tree);
}

const chunks = <T>(list: T[], size = 500): T[][] => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

type Tree = Map<number, { parentId: number | null; level: number }>;

/** Areas with their parent, deepest first: the order a rollup is computed in. */
function bottomUp(ids: number[], tree: Tree): { id: number; parentId: number | null }[] {
  return ids.map((id) => ({ id, ...tree.get(id)! })).sort((a, b) => b.level - a.level);
}

type GapRow = { reportId: number; sectorId: number; gapTenths: number; familiesInNeed: number | null };
type ChildFigures = { areaId: number; parentId: number; newly: number; repeat: number; total: number; individuals: number | null };

function recomputeFigures(tx: Tx, week: string, ids: number[], tree: Tree): void {
  const nodes = bottomUp(ids, tree);
  const affected = new Set(ids);
  const direct = new Map<number, Figures>();
  const reports = rowsOf<{ id: number; areaId: number; newly: number; repeat: number; total: number; individuals: number | null }>(
    tx,
    `select id, area_id as areaId, newly_displaced_families as newly, repeat_displaced_families as repeat, total_displaced_families as total, individuals
     from weekly_reports where week = ? and area_id in (select value from json_each(?)) and status in ('submitted', 'approved')`,
    week,
    idList(ids),
  );
  const gaps = new Map<number, GapRow[]>();
  if (reports.length)
    for (const g of rowsOf<GapRow>(
      tx,
      `select report_id as reportId, sector_id as sectorId, gap_tenths as gapTenths, families_in_need as familiesInNeed
       from report_sector_gaps where report_id in (select value from json_each(?))`,
      idList(reports.map((r) => r.id)),
    ))
      appendTo(gaps, g.reportId, g);
  for (const r of reports) direct.set(r.areaId, reportFigures({ ...r, gaps: gaps.get(r.id) ?? [] }));
  // The children's figures: computed here for affected children, as stored for the others.
  const children = new Map<number, Figures[]>();
  const rows = rowsOf<ChildFigures>(
    tx,
    `select f.area_id as areaId, a.parent_id as parentId, f.newly as newly, f.repeat as repeat, f.total as total, f.individuals as individuals
     from areas a join area_week_figures f on f.area_id = a.id and f.week = ? where a.parent_id in (select value from json_each(?))`,
    week,
    idList(ids),
  ).filter((r) => !affected.has(r.areaId));
  if (rows.length) {
    const figs = new Map<number, Figures>(rows.map((r) => [r.areaId, { newly: r.newly, repeat: r.repeat, total: r.total, individuals: r.individuals, sectors: new Map() }]));
    for (const sr of rowsOf<{ areaId: number; sectorId: number; gapNeed: number; need: number; unmet: number }>(
      tx,
      `select area_id as areaId, sector_id as sectorId, gap_need as gapNeed, need, unmet
       from area_week_sector_figures where week = ? and area_id in (select value from json_each(?))`,
      week,
      idList(figs.keys()),
    ))
      figs.get(sr.areaId)!.sectors.set(sr.sectorId, { gapNeed: sr.gapNeed, need: sr.need, unmet: sr.unmet });
    for (const r of rows) appendTo(children, r.parentId, figs.get(r.areaId)!);
  }
  clearFigures(tx, week, ids);
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
  // This week's reports and the carry-forward weeks' before it, latest first.
  for (const r of rowsOf<{ areaId: number; week: string; total: number }>(
    tx,
    `select area_id as areaId, week, total_displaced_families as total from weekly_reports
     where area_id in (select value from json_each(?)) and week >= ? and week <= ? and status in ('submitted', 'approved') order by week desc`,
    idList(ids),
    addWeeks(week, -carry),
    week,
  )) {
    if (r.week === week) own.set(r.areaId, r.total);
    else if (!earlier.has(r.areaId)) earlier.set(r.areaId, { week: r.week, total: r.total });
  }
  for (const c of rowsOf<Stock & { areaId: number; parentId: number }>(
    tx,
    `select s.area_id as areaId, a.parent_id as parentId, s.basis as basis, s.total as total, s.carried_total as carriedTotal, s.carried_areas as carriedAreas, s.carried_since as carriedSince
     from areas a join area_week_stock s on s.area_id = a.id and s.week = ? where a.parent_id in (select value from json_each(?))`,
    week,
    idList(ids),
  ))
    if (!affected.has(c.areaId)) appendTo(children, c.parentId, { basis: c.basis, total: c.total, carriedTotal: c.carriedTotal, carriedAreas: c.carriedAreas, carriedSince: c.carriedSince });
  run(tx, "delete from area_week_stock where week = ? and area_id in (select value from json_each(?))", week, idList(ids));
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
