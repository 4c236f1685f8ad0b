"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import type { Msg } from "@/lib/errors";
import { formToObject, runAction } from "@/lib/next/action";
import { approveAllSubmitted, approveReport, reopenReport, returnReport } from "@/lib/reports/approval";
import { requireConfirmation } from "@/lib/validation/confirm";
import type { WeeklyReport } from "@/lib/reports/model";
import { saveWeeklyReport, type SavedReport } from "@/lib/reports/save";
import { nestFormFields } from "@/lib/validation/weekly-report";

const localeOf = (fd: FormData) => (fd.get("locale") === "ar" ? "ar" : "en");
// Home (my week, the approval queue), area pages and report pages all show report statuses.
const refresh = () => revalidatePath("/[locale]", "layout");

/** Without JavaScript the page re-renders from the action's state: hand the typed values back so nothing is lost. */
function keepValues<T>(state: ActionState<T>, fd: FormData): ActionState<T> {
  return state && !state.ok ? { ...state, values: formToObject(fd) } : state;
}

export async function saveReportAction(_prev: ActionState<SavedReport>, fd: FormData): Promise<ActionState<SavedReport>> {
  // The area and week name the report; everything else is the figures, parsed by lib/ with the form's own schema.
  const figures = formToObject(fd);
  const { pcode, week } = figures;
  for (const key of ["pcode", "week", "locale"]) delete figures[key];
  const state = await runAction((db, actor) =>
    saveWeeklyReport(db, actor, { pcode, week, input: nestFormFields(figures), requireConfirmedWarnings: true }),
  );
  if (state?.ok) {
    refresh();
    const r = state.data.report;
    redirect(`/${localeOf(fd)}/reports/${encodeURIComponent(r.pcode)}/${r.week}?saved=${r.status}`);
  }
  return keepValues(state, fd);
}

export async function approveReportAction(_prev: ActionState<WeeklyReport>, fd: FormData): Promise<ActionState<WeeklyReport>> {
  const state = await runAction(
    (db, actor) => approveReport(db, actor, {
        pcode: String(fd.get("pcode") ?? ""),
        week: String(fd.get("week") ?? ""),
        version: fd.get("version") ?? undefined,
        // Shown only when the report has open follow-ups (decision 040's box).
        confirmFollowUps: fd.get("confirm") ?? undefined,
      }),
    { key: "reports.approval.approved" },
  );
  if (state?.ok) refresh();
  return state;
}

/** Approves what the confirmation step showed (P-codes and versions), once its box is ticked. */
export async function approveAllAction(_prev: ActionState<{ approved: WeeklyReport[]; skipped: string[] }>, fd: FormData) {
  const state = await runAction((db, actor) => {
    requireConfirmation(fd.get("confirm"));
    // The one confirmation box covers the open follow-ups the step lists, too.
    return approveAllSubmitted(db, actor, { pcode: String(fd.get("pcode") ?? ""), week: String(fd.get("week") ?? ""), reports: fd.getAll("reports").map(String), confirmFollowUps: true });
  });
  if (!state?.ok) return state;
  refresh();
  const { approved, skipped } = state.data;
  const msg: Msg = skipped.length
    ? { key: "reports.review.approvedAllSkipped", values: { count: approved.length, skipped: skipped.length, areas: skipped.join(", ") } }
    : { key: "reports.approval.approvedAll", values: { count: approved.length } };
  return { ...state, msg };
}

export async function returnReportAction(_prev: ActionState<WeeklyReport>, fd: FormData): Promise<ActionState<WeeklyReport>> {
  const state = await runAction(
    (db, actor) =>
      returnReport(db, actor, {
        pcode: String(fd.get("pcode") ?? ""),
        week: String(fd.get("week") ?? ""),
        comment: String(fd.get("comment") ?? ""),
        version: fd.get("version") ?? undefined,
      }),
    { key: "reports.review.returned" },
  );
  if (state?.ok) refresh();
  return keepValues(state, fd);
}

export async function reopenReportAction(_prev: ActionState<WeeklyReport>, fd: FormData): Promise<ActionState<WeeklyReport>> {
  const state = await runAction(
    (db, actor) =>
      reopenReport(db, actor, {
        pcode: String(fd.get("pcode") ?? ""),
        week: String(fd.get("week") ?? ""),
        reason: String(fd.get("reason") ?? ""),
        version: fd.get("version") ?? undefined,
      }),
    { key: "reports.approval.reopened" },
  );
  if (state?.ok) refresh();
  return keepValues(state, fd);
}
