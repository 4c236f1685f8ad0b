import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { areas, reportRevisions, reportSectorGaps, sectors, weeklyReports } from "../db/schema";
import type { ReportStatus } from "../lib/report-statuses";
import { writeAudit } from "../lib/audit";
import { rebuildAllRollups } from "../lib/figures/maintain";

/**
 * Reports for the summary tests (integration and browser): the January 2020 field report for
 * Jebel Saman (SY0200, 2020-W04) and its neighbours, so that Aleppo (SY02) shows a rollup of three
 * districts, Idleb (SY07) a direct report that disagrees with its district, and a draft that must
 * not count. The browser tests load it at the start of tests/e2e/summaries.spec.ts, after the
 * weekly-figures specs (which enter the same field report for SY0200 in 2020-W04 through the
 * form): a report that already exists for an area and week is kept, not duplicated.
 */
type Fixture = {
  pcode: string;
  week: string;
  status: ReportStatus;
  newly: number;
  repeat: number;
  total: number;
  individuals: number | null;
  gaps: Record<string, [pct: number, inNeed: number | null]>;
  notes?: string;
};

export const FIELD_REPORT = {
  pcode: "SY0200",
  week: "2020-W04",
  newly: 6077,
  repeat: 6077,
  total: 11000,
  gaps: { food_security: 91, nfi: 83, shelter: 93 },
} as const;

export const SUMMARY_FIXTURE: Fixture[] = [
  {
    pcode: "SY0200",
    week: "2020-W04",
    status: "approved",
    newly: 6077,
    repeat: 6077,
    total: 11000,
    individuals: null,
    gaps: { food_security: [91, null], nfi: [83, null], shelter: [93, null] },
    notes: "نزوح 6077 عائلة (ذات نزوح متكرر)، 11 ألف عائلة نازحة كلياً؛ عجز الاستجابة للنازحين حديثاً: الأمن الغذائي 91%، المواد غير الغذائية 83%، المأوى 93%.",
  },
  { pcode: "SY0200", week: "2020-W01", status: "approved", newly: 1950, repeat: 1700, total: 6500, individuals: null, gaps: { food_security: [85, null], nfi: [80, null], shelter: [88, null] } },
  { pcode: "SY0200", week: "2020-W02", status: "approved", newly: 3400, repeat: 3100, total: 8000, individuals: null, gaps: { food_security: [86, null], nfi: [80.5, null], shelter: [89, null] } },
  { pcode: "SY0200", week: "2020-W03", status: "approved", newly: 6320, repeat: 5700, total: 9500, individuals: null, gaps: { food_security: [87, null], nfi: [81, null], shelter: [90, null] } },
  // A'zaz and Afrin: Aleppo in 2020-W04 is the sum of three districts.
  { pcode: "SY0204", week: "2020-W04", status: "approved", newly: 850, repeat: 510, total: 5100, individuals: 4250, gaps: { food_security: [62, null], nfi: [59, null], shelter: [73, null] } },
  { pcode: "SY0203", week: "2020-W04", status: "submitted", newly: 400, repeat: 100, total: 2400, individuals: 2000, gaps: { food_security: [55, 1000], nfi: [50, null], shelter: [70, null] } },
  // A draft never counts.
  { pcode: "SY0202", week: "2020-W04", status: "draft", newly: 99999, repeat: 0, total: 99999, individuals: null, gaps: { food_security: [100, null], nfi: [100, null], shelter: [100, null] } },
  // Idleb: Harim reports, and the governorate reports directly with different figures.
  { pcode: "SY0703", week: "2020-W04", status: "approved", newly: 2400, repeat: 1400, total: 14400, individuals: 12000, gaps: { food_security: [68, null], nfi: [66, null], shelter: [61, null] } },
  { pcode: "SY07", week: "2020-W04", status: "approved", newly: 2500, repeat: 1400, total: 14000, individuals: null, gaps: { food_security: [70, null], nfi: [65, null], shelter: [60, null] } },
];

const WHO = { label: "test:summary-fixture" };

/**
 * Writes the fixture as real rows (report, sector gaps, first revision, audit) and rebuilds the
 * rollups. `once`: a database that already holds every row's area-week (the same spec's earlier
 * run against the same server) is left as it is, and 0 is returned; one that holds only some of them
 * had another test write into the fixture's weeks, which would change the figures read back: that throws.
 */
export function seedSummaryFixture(db: Db, rows: Fixture[] = SUMMARY_FIXTURE, opts: { once?: boolean } = {}): number {
  let written = 0;
  let present = 0;
  const sectorIds = new Map(db.select({ id: sectors.id, code: sectors.code }).from(sectors).all().map((s) => [s.code, s.id]));
  db.transaction(
    (tx) => {
      for (const r of rows) {
        const area = tx.select({ id: areas.id }).from(areas).where(eq(areas.pcode, r.pcode)).get();
        if (!area) throw new Error(`fixture: unknown area ${r.pcode}`);
        const existing = tx
          .select({ id: weeklyReports.id })
          .from(weeklyReports)
          .where(and(eq(weeklyReports.areaId, area.id), eq(weeklyReports.week, r.week)))
          .get();
        if (existing && opts.once) {
          present++;
          continue;
        }
        written++;
        const now = new Date().toISOString();
        const report = tx
          .insert(weeklyReports)
          .values({
            areaId: area.id,
            week: r.week,
            newlyDisplacedFamilies: r.newly,
            repeatDisplacedFamilies: r.repeat,
            totalDisplacedFamilies: r.total,
            individuals: r.individuals,
            notes: r.notes ?? "",
            source: "Response Coordinators Syria statement (منسقو استجابة سوريا)",
            status: r.status,
            approvedAt: r.status === "approved" ? now : null,
          })
          .returning({ id: weeklyReports.id })
          .get();
        tx.insert(reportSectorGaps)
          .values(Object.entries(r.gaps).map(([code, [pct, inNeed]]) => ({ reportId: report.id, sectorId: sectorIds.get(code)!, gapTenths: Math.round(pct * 10), familiesInNeed: inNeed })))
          .run();
        const snapshot = {
          pcode: r.pcode,
          week: r.week,
          status: r.status,
          newlyDisplacedFamilies: r.newly,
          repeatDisplacedFamilies: r.repeat,
          totalDisplacedFamilies: r.total,
          individuals: r.individuals,
          sectors: Object.fromEntries(Object.entries(r.gaps).map(([code, [gapPct, familiesInNeed]]) => [code, { gapPct, familiesInNeed }])),
          notes: r.notes ?? "",
          source: "Response Coordinators Syria statement (منسقو استجابة سوريا)",
        };
        tx.insert(reportRevisions).values({ reportId: report.id, version: 1, action: "create", snapshot, changedBy: null }).run();
        writeAudit(tx, WHO, { action: "report.create", entityType: "report", entityId: report.id, newValues: snapshot });
      }
      // Thrown inside the transaction, so nothing of this call is kept.
      if (present > 0 && present < rows.length)
        throw new Error(`fixture: ${present} of ${rows.length} area-weeks already hold reports another test wrote; the fixture's weeks must be its own`);
    },
    { behavior: "immediate" },
  );
  rebuildAllRollups(db);
  return written;
}
