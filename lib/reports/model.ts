import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { areas, reportSectorGaps, sectors, users, weeklyReports } from "@/db/schema";
import type { ReportStatus } from "@/lib/report-statuses";
import type { Actor } from "../auth/actor";
import type { Tx } from "../audit";
import { invalid } from "../errors";
import { parseWeek } from "../weeks";
import { rowOf, rowsOf } from "../statements";
import { canSeeReport } from "./visibility";

/** One sector's figures as entered: the gap in percent (one decimal) and optional families in need. */
export type SectorFigures = { gapPct: number; familiesInNeed: number | null };

/** What a revision stores and what history compares: the report's content and status. */
export type ReportSnapshot = {
  pcode: string;
  week: string;
  status: ReportStatus;
  newlyDisplacedFamilies: number;
  repeatDisplacedFamilies: number;
  totalDisplacedFamilies: number;
  individuals: number | null;
  sectors: Record<string, SectorFigures>;
  notes: string;
  source: string;
};

/** A stored report as pages and the API see it; field names as in the API's PUT body. */
export type WeeklyReport = ReportSnapshot & {
  nameEn: string;
  nameAr: string;
  level: number;
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
};


/** Tenths of a percent (as stored) to percent: 915 → 91.5. */
export const tenthsToPct = (tenths: number) => tenths / 10;
export const pctToTenths = (pct: number) => Math.round(pct * 10);

const creator = alias(users, "creator");
const updater = alias(users, "updater");
const approver = alias(users, "approver");

/**
 * Reports of one week, for one area or a subtree (areas.path condition), with their sector gaps,
 * as DTOs. Read paths pass `reader`: the reports that reader may not see (canSeeReport) are left
 * out, as if they did not exist. Write paths, which work on the stored row whatever its status,
 * pass nothing.
 */
export function readReports(tx: Tx, week: string, where: { areaId: number } | { subtree: SQL | undefined }, reader?: { visibleTo: Actor }): WeeklyReport[] {
  const all =
    "areaId" in where
      ? oneAreaReport(tx, week, where.areaId)
      : reportsSelect(tx)
          .where(and(eq(weeklyReports.week, week), where.subtree))
          .orderBy(asc(areas.pcode))
          .all();
  const rows = reader ? all.filter((r) => canSeeReport(reader.visibleTo, { areaPath: r.key.path, status: r.status })) : all;
  const gaps = rows.length === 1 ? oneReportGaps(tx, rows[0]!.key.id) : readGaps(tx, rows.map((r) => r.key.id));
  return rows.map(({ key, ...r }) => ({ ...r, sectors: gaps.get(key.id) ?? {} }));
}

function reportsSelect(tx: Tx) {
  return tx
    .select({
      // Not part of the DTO: the row id finds the gaps, the area's path serves the visibility rule.
      key: { id: weeklyReports.id, path: areas.path },
      pcode: areas.pcode,
      nameEn: areas.nameEn,
      nameAr: areas.nameAr,
      level: areas.level,
      week: weeklyReports.week,
      status: weeklyReports.status,
      newlyDisplacedFamilies: weeklyReports.newlyDisplacedFamilies,
      repeatDisplacedFamilies: weeklyReports.repeatDisplacedFamilies,
      totalDisplacedFamilies: weeklyReports.totalDisplacedFamilies,
      individuals: weeklyReports.individuals,
      notes: weeklyReports.notes,
      source: weeklyReports.source,
      version: weeklyReports.version,
      createdAt: weeklyReports.createdAt,
      createdBy: creator.name,
      updatedAt: weeklyReports.updatedAt,
      updatedBy: updater.name,
      approvedAt: weeklyReports.approvedAt,
      approvedBy: approver.name,
    })
    .from(weeklyReports)
    .innerJoin(areas, eq(areas.id, weeklyReports.areaId))
    .leftJoin(creator, eq(creator.id, weeklyReports.createdBy))
    .leftJoin(updater, eq(updater.id, weeklyReports.updatedBy))
    .leftJoin(approver, eq(approver.id, weeklyReports.approvedBy));
}

type ReportRow = Omit<WeeklyReport, "sectors"> & { key: { id: number; path: string } };

/**
 * One area's report of a week: what every save reads, before and after it writes. The same
 * row as reportsSelect's, in the same key order (the API answers with it), as SQL run directly
 * (lib/statements.ts): a file import reads it for every report it saves.
 */
function oneAreaReport(tx: Tx, week: string, areaId: number): ReportRow[] {
  const row = rowOf<Omit<ReportRow, "key"> & { keyId: number; keyPath: string }>(
    tx,
    `select r.id as keyId, a.path as keyPath, a.pcode as pcode, a.name_en as nameEn, a.name_ar as nameAr, a.level as level, r.week as week, r.status as status,
       r.newly_displaced_families as newlyDisplacedFamilies, r.repeat_displaced_families as repeatDisplacedFamilies, r.total_displaced_families as totalDisplacedFamilies,
       r.individuals as individuals, r.notes as notes, r.source as source, r.version as version, r.created_at as createdAt, c.name as createdBy,
       r.updated_at as updatedAt, u.name as updatedBy, r.approved_at as approvedAt, p.name as approvedBy
     from weekly_reports r join areas a on a.id = r.area_id
       left join users c on c.id = r.created_by left join users u on u.id = r.updated_by left join users p on p.id = r.approved_by
     where r.week = ? and r.area_id = ?`,
    week,
    areaId,
  );
  if (!row) return [];
  const { keyId, keyPath, ...rest } = row;
  return [{ key: { id: keyId, path: keyPath }, ...rest }];
}

const gapsSelect = (tx: Tx) =>
  tx
    .select({
      reportId: reportSectorGaps.reportId,
      code: sectors.code,
      gapTenths: reportSectorGaps.gapTenths,
      familiesInNeed: reportSectorGaps.familiesInNeed,
    })
    .from(reportSectorGaps)
    .innerJoin(sectors, eq(sectors.id, reportSectorGaps.sectorId));

type GapRow = { reportId: number; code: string; gapTenths: number; familiesInNeed: number | null };

function groupGaps(rows: GapRow[], out: Map<number, Record<string, SectorFigures>>): void {
  for (const g of rows) {
    const gaps = out.get(g.reportId) ?? {};
    gaps[g.code] = { gapPct: tenthsToPct(g.gapTenths), familiesInNeed: g.familiesInNeed };
    out.set(g.reportId, gaps);
  }
}

function oneReportGaps(tx: Tx, reportId: number): Map<number, Record<string, SectorFigures>> {
  const out = new Map<number, Record<string, SectorFigures>>();
  groupGaps(
    rowsOf<GapRow>(
      tx,
      `select g.report_id as reportId, s.code as code, g.gap_tenths as gapTenths, g.families_in_need as familiesInNeed
       from report_sector_gaps g join sectors s on s.id = g.sector_id where g.report_id = ? order by s.sort_order, s.code`,
      reportId,
    ),
    out,
  );
  return out;
}

/** Gaps of the given reports, each keyed by sector code in the sectors' display order. */
export function readGaps(tx: Tx, reportIds: number[]): Map<number, Record<string, SectorFigures>> {
  const out = new Map<number, Record<string, SectorFigures>>();
  // Chunked: a whole country's week can be thousands of reports, beyond one statement's parameters.
  for (let i = 0; i < reportIds.length; i += 500)
    groupGaps(
      gapsSelect(tx)
        .where(inArray(reportSectorGaps.reportId, reportIds.slice(i, i + 500)))
        .orderBy(asc(sectors.sortOrder), asc(sectors.code))
        .all(),
      out,
    );
  return out;
}

export function toSnapshot(r: ReportSnapshot): ReportSnapshot {
  return {
    pcode: r.pcode,
    week: r.week,
    status: r.status,
    newlyDisplacedFamilies: r.newlyDisplacedFamilies,
    repeatDisplacedFamilies: r.repeatDisplacedFamilies,
    totalDisplacedFamilies: r.totalDisplacedFamilies,
    individuals: r.individuals,
    sectors: r.sectors,
    notes: r.notes,
    source: r.source,
  };
}

export type FieldChange = { field: string; from: unknown; to: unknown };

/** Leaves of a JSON value as dotted paths ("sectors.nfi.gapPct"); any shape, so older snapshots still compare. */
function flatten(value: unknown, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.set(prefix, value);
  return out;
}

/** Identity, not content: a report's area and week never change, so diffs leave them out. */
const IDENTITY = new Set(["pcode", "week"]);
/** An empty text and no value read the same on screen: a note going from absent to "" is no change. */
const norm = (v: unknown) => JSON.stringify(v === undefined || v === "" ? null : v);

/** The content fields whose value differs between two snapshots (null when a field is absent on one side). */
export function diffSnapshots(before: unknown, after: unknown): FieldChange[] {
  const a = flatten(before ?? {});
  const b = flatten(after ?? {});
  const fields = [...new Set([...a.keys(), ...b.keys()])].filter((f) => !IDENTITY.has(f));
  return fields.filter((f) => norm(a.get(f)) !== norm(b.get(f))).map((f) => ({ field: f, from: a.get(f) ?? null, to: b.get(f) ?? null }));
}

/** The week of a report from a URL or form ("2020-W04", "2020W4"), or a 422 on the `week` field. */
export function requireReportWeek(week: unknown): string {
  const w = typeof week === "string" && week.length <= 20 ? parseWeek(week) : null;
  if (!w) throw invalid({ week: { key: "validation.week" } });
  return w;
}

/** The stored row behind a report: what writes need to check and bump. */
export function findReportRow(tx: Tx, areaId: number, week: string) {
  return rowOf<{ id: number; version: number; status: ReportStatus; updatedBy: number | null }>(
    tx,
    "select id, version, status, updated_by as updatedBy from weekly_reports where area_id = ? and week = ?",
    areaId,
    week,
  );
}

/** Audit rows name a report by area and week, which reads better than a row id and links to its page. */
export const reportEntityId = (pcode: string, week: string) => `${pcode}/${week}`;
