"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { formToObject, runAction } from "@/lib/next/action";
import { autoLockWeek, lockWeek, setWeekDeadline, unlockWeek, updateReportingSettings, type ReportingSettings, type WeekDeadline } from "@/lib/reports/deadlines";
import type { ReportingSettingsInput, WeekAutoLockInput, WeekDeadlineInput, WeekLockInput, WeekUnlockInput } from "@/lib/validation/deadlines";

// Deadlines and locks show on My week and every report page.
const refresh = () => revalidatePath("/[locale]", "layout");

export async function saveDeadlineSettingsAction(_prev: ActionState<ReportingSettings>, fd: FormData): Promise<ActionState<ReportingSettings>> {
  const state = await runAction((db, actor) => updateReportingSettings(db, actor, formToObject(fd) as ReportingSettingsInput), { key: "round.deadlines.saved" });
  if (state?.ok) refresh();
  return state;
}

export async function setWeekDeadlineAction(_prev: ActionState<WeekDeadline>, fd: FormData): Promise<ActionState<WeekDeadline>> {
  const state = await runAction((db, actor) => setWeekDeadline(db, actor, formToObject(fd) as WeekDeadlineInput));
  if (state?.ok) refresh();
  return state;
}

export async function lockWeekAction(_prev: ActionState<WeekDeadline>, fd: FormData): Promise<ActionState<WeekDeadline>> {
  const state = await runAction((db, actor) => lockWeek(db, actor, formToObject(fd) as WeekLockInput));
  if (state?.ok) refresh();
  return state;
}

export async function unlockWeekAction(_prev: ActionState<WeekDeadline>, fd: FormData): Promise<ActionState<WeekDeadline>> {
  const state = await runAction((db, actor) => unlockWeek(db, actor, formToObject(fd) as WeekUnlockInput));
  if (state?.ok) refresh();
  return state;
}

export async function autoLockWeekAction(_prev: ActionState<WeekDeadline>, fd: FormData): Promise<ActionState<WeekDeadline>> {
  const state = await runAction((db, actor) => autoLockWeek(db, actor, formToObject(fd) as WeekAutoLockInput));
  if (state?.ok) refresh();
  return state;
}
