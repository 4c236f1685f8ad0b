"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/action-state";
import { undoImport } from "@/lib/import/apply";
import { runAction } from "@/lib/next/action";

export async function undoFiguresImportAction(_prev: ActionState<{ restored: number; removed: number }>, fd: FormData): Promise<ActionState<{ restored: number; removed: number }>> {
  const id = Number(fd.get("id"));
  const state = await runAction((db, actor) => undoImport(db, actor, Number.isSafeInteger(id) ? id : 0));
  if (state?.ok) {
    revalidatePath("/[locale]", "layout");
    redirect(`/${fd.get("locale") === "ar" ? "ar" : "en"}/reports/imports/${id}?undone=${state.data.restored}-${state.data.removed}`);
  }
  return state;
}
