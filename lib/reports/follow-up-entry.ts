import type { Db } from "@/db/client";
import { findAreaByPcode } from "../areas";
import type { Actor } from "../auth/actor";
import { coversArea, requireActor } from "../auth/authorize";
import type { ReportKeyInput } from "../validation/weekly-report";
import { listReportComments, type ReportComment } from "./comments";
import { listReportFlags, type ReportFlag } from "./flags";
import { findReportRow, requireReportWeek } from "./model";
import type { RangeBounds } from "./range-rules";
import { boundsForArea } from "./range-rules-store";
import { canSeeReport } from "./visibility";

export type ReportFollowUp = {
  /** The report exists and this reader may see it: only then has it a thread and flags. */
  visible: boolean;
  comments: ReportComment[];
  flags: ReportFlag[];
  /** Admins and the area's coordinators flag and clear. */
  canFlag: boolean;
  /** The min-max bounds the entry form warns with, for those who may enter figures here. */
  bounds: RangeBounds;
};

/** What the report page shows around the figures: the comment thread, the follow-up flags, and the form's min-max bounds. */
export function getReportFollowUp(db: Db, actor: Actor | null, input: ReportKeyInput): ReportFollowUp {
  const me = requireActor(actor);
  const area = findAreaByPcode(db, input.pcode);
  const week = requireReportWeek(input.week);
  const row = findReportRow(db, area.id, week);
  const visible = !!row && canSeeReport(me, { areaPath: area.path, status: row.status });
  const editor = coversArea(me, area.path);
  return {
    visible,
    comments: visible ? listReportComments(db, me, input) : [],
    flags: visible ? listReportFlags(db, me, input) : [],
    canFlag: visible && editor,
    bounds: editor ? boundsForArea(db, area) : {},
  };
}
