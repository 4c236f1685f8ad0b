"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { formToObject, runAction } from "@/lib/next/action";
import { addReportComment, type ReportComment } from "@/lib/reports/comments";
import { clearReportFlag, flagReportFigure, type ReportFlag } from "@/lib/reports/flags";

// The report page, the area pages, the gap report and the follow-up list all show flags.
const refresh = () => revalidatePath("/[locale]", "layout");

function keepValues<T>(state: ActionState<T>, fd: FormData): ActionState<T> {
  return state && !state.ok ? { ...state, values: formToObject(fd) } : state;
}

export async function addCommentAction(_prev: ActionState<ReportComment>, fd: FormData): Promise<ActionState<ReportComment>> {
  const state = await runAction(
    (db, actor) => addReportComment(db, actor, { pcode: String(fd.get("pcode") ?? ""), week: String(fd.get("week") ?? ""), body: fd.get("body") ?? "" }),
    { key: "followUp.comments.added" },
  );
  if (state?.ok) refresh();
  return keepValues(state, fd);
}

export async function flagFigureAction(_prev: ActionState<ReportFlag>, fd: FormData): Promise<ActionState<ReportFlag>> {
  const state = await runAction(
    (db, actor) =>
      flagReportFigure(db, actor, { pcode: String(fd.get("pcode") ?? ""), week: String(fd.get("week") ?? ""), field: fd.get("field") ?? "", reason: fd.get("reason") ?? "" }),
    { key: "followUp.flags.added" },
  );
  if (state?.ok) refresh();
  return keepValues(state, fd);
}

export async function clearFlagAction(_prev: ActionState<ReportFlag>, fd: FormData): Promise<ActionState<ReportFlag>> {
  const state = await runAction((db, actor) => clearReportFlag(db, actor, { id: fd.get("id") ?? "", note: fd.get("note") ?? "" }), { key: "followUp.flags.cleared" });
  if (state?.ok) refresh();
  return keepValues(state, fd);
}
