"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { formToObject, runAction } from "@/lib/next/action";
import { applyRangeSuggestion, setRangeRules } from "@/lib/reports/range-rules-store";

// The rules change the warnings of the report pages and the data-quality page.
const refresh = () => revalidatePath("/[locale]", "layout");

export async function saveRangeRulesAction(_prev: ActionState<{ changed: number }>, fd: FormData): Promise<ActionState<{ changed: number }>> {
  const values = formToObject(fd);
  const state = await runAction((db, actor) => setRangeRules(db, actor, { pcode: values.pcode, values }));
  if (!state) return state;
  if (!state.ok) return { ...state, values };
  refresh();
  return { ...state, msg: { key: "followUp.ranges.saved", values: { count: state.data.changed } } };
}

export async function applyRangeSuggestionAction(_prev: ActionState<{ field: string }>, fd: FormData): Promise<ActionState<{ field: string }>> {
  const state = await runAction(
    (db, actor) => applyRangeSuggestion(db, actor, { pcode: fd.get("pcode") ?? "", field: fd.get("field") ?? "", week: fd.get("week") ?? undefined }),
    { key: "followUp.ranges.applied" },
  );
  if (state?.ok) refresh();
  return state;
}
