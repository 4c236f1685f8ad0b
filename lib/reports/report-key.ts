import type { Db } from "@/db/client";
import { findAreaByPcode, type AreaWithPath } from "../areas";
import type { Actor } from "../auth/actor";
import type { Tx } from "../audit";
import { notFound } from "../errors";
import { findReportRow, requireReportWeek } from "./model";
import { canSeeReport } from "./visibility";

export type VisibleReport = { area: AreaWithPath; week: string; row: NonNullable<ReturnType<typeof findReportRow>> };

/**
 * The report a comment or a flag is about, for a reader: a report this reader may not see
 * (a draft outside their areas, decision 031) is answered as missing, exactly like one that
 * does not exist, so that neither its comments nor its flags tell that it is there.
 */
export function visibleReport(db: Db | Tx, me: Actor, key: { pcode: unknown; week: unknown }): VisibleReport {
  const area = findAreaByPcode(db, key.pcode);
  const week = requireReportWeek(key.week);
  const row = findReportRow(db, area.id, week);
  if (!row || !canSeeReport(me, { areaPath: area.path, status: row.status })) throw notFound("errors.reportNotFound");
  return { area, week, row };
}
