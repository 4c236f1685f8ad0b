"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { formToObject, runAction } from "@/lib/next/action";
import { createArea, renameArea, type AreaDetail } from "@/lib/areas";
import type { AreaCreateInput, AreaRenameInput } from "@/lib/validation/areas";

// The home page lists governorates too, so the whole locale tree is refreshed.
const refresh = () => revalidatePath("/[locale]", "layout");

// The casts only name the shape: lib/ parses the form with the same zod schema as the browser.
export async function createAreaAction(_prev: ActionState<AreaDetail>, fd: FormData): Promise<ActionState<AreaDetail>> {
  const state = await runAction((db, actor) => createArea(db, actor, formToObject(fd) as AreaCreateInput), { key: "areas.created" });
  if (state?.ok) refresh();
  return state;
}

export async function renameAreaAction(_prev: ActionState<AreaDetail>, fd: FormData): Promise<ActionState<AreaDetail>> {
  const state = await runAction((db, actor) => renameArea(db, actor, formToObject(fd) as AreaRenameInput), { key: "areas.renamed" });
  if (state?.ok) refresh();
  return state;
}
