import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas, areaWeekFigures, areaWeekSectorFigures, reportSectorGaps, weeklyReports } from "@/db/schema";
import type { Tx } from "../audit";
import { appendTo } from "../append-to";
import { combine, reportFigures, type Figures, type Rollup } from "./rule";

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

/**
 * Brings the stored rollups of `areaId` and all its ancestors up to date for `week`.
 * Call it inside the same write transaction as any change to a report's figures or status.
 * Cost: one small indexed read and write per level (at most four).
 */
export function recomputeRollups(tx: Tx, areaId: number, week: string): void {
  const area = tx.select({ path: areas.path }).from(areas).where(eq(areas.id, areaId)).get();
  if (!area) return;
  const chain = area.path.split("/").filter(Boolean).map(Number).reverse();
  for (const id of chain) store(tx, id, week, combine(directFigures(tx, id, week), childFigures(tx, id, week)));
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
  })();
}
