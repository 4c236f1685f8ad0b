import { inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { areas } from "@/db/schema";
import type { ReportStatus } from "@/lib/report-statuses";
import { findAreaByPcode, subtreeOf } from "../areas";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/authorize";
import { weekOf } from "../weeks";
import { readReports, requireReportWeek } from "./model";
import { rangeWarnings } from "./range-rules";
import { boundsReader } from "./range-rules-store";
import { figuresForWarnings, type RangeWarning } from "./warnings";

export type Outlier = {
  pcode: string;
  nameEn: string;
  nameAr: string;
  level: number;
  status: ReportStatus;
  field: string;
  kind: RangeWarning["kind"];
  value: number;
  min: number | null;
  max: number | null;
  source: RangeWarning["source"];
};

/**
 * The data-quality page: the week's figures outside the min-max rules as they stand now (a rule
 * set after a save still finds the figure), in the reports this reader may see (canSeeReport
 * through readReports), optionally in one area and below, ordered by P-code.
 */
export function listOutliers(db: Db, actor: Actor | null, input: { week?: unknown; area?: unknown }): { week: string; area: string | null; rows: Outlier[] } {
  const me = requireActor(actor);
  const week = input.week === undefined || input.week === "" ? weekOf(new Date()) : requireReportWeek(input.week);
  const area = input.area === undefined || input.area === "" || input.area === null ? null : findAreaByPcode(db, input.area);
  const reports = readReports(db, week, { subtree: area ? subtreeOf(area.path) : undefined }, { visibleTo: me });
  const paths = new Map<string, string>();
  const pcodes = reports.map((r) => r.pcode);
  for (let i = 0; i < pcodes.length; i += 500)
    for (const a of db.select({ pcode: areas.pcode, path: areas.path }).from(areas).where(inArray(areas.pcode, pcodes.slice(i, i + 500))).all()) paths.set(a.pcode, a.path);
  const boundsOf = boundsReader(db);
  const rows: Outlier[] = [];
  for (const r of [...reports].sort((a, b) => a.pcode.localeCompare(b.pcode)))
    for (const w of rangeWarnings(figuresForWarnings(r), boundsOf(paths.get(r.pcode)!)))
      rows.push({ pcode: r.pcode, nameEn: r.nameEn, nameAr: r.nameAr, level: r.level, status: r.status, field: w.field, kind: w.kind, value: w.current, min: w.min, max: w.max, source: w.source });
  return { week, area: area?.pcode ?? null, rows };
}
