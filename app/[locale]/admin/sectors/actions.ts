"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { formToObject, runAction } from "@/lib/next/action";
import { createSector, moveSector, setSectorActive, updateSector, type SectorAdminRow } from "@/lib/sectors";
import type { SectorActiveInput, SectorCreateInput, SectorMoveInput, SectorUpdateInput } from "@/lib/validation/sectors";

// Every page shows sectors (forms, summaries, exports): all of them are refreshed.
const refresh = () => revalidatePath("/[locale]", "layout");

export async function createSectorAction(_prev: ActionState<SectorAdminRow>, fd: FormData): Promise<ActionState<SectorAdminRow>> {
  const state = await runAction((db, actor) => createSector(db, actor, formToObject(fd) as SectorCreateInput), { key: "round.sectors.added" });
  if (state?.ok) refresh();
  return state;
}

export async function updateSectorAction(_prev: ActionState<SectorAdminRow>, fd: FormData): Promise<ActionState<SectorAdminRow>> {
  const state = await runAction((db, actor) => updateSector(db, actor, formToObject(fd) as SectorUpdateInput), { key: "round.sectors.saved" });
  if (state?.ok) refresh();
  return state;
}

export async function moveSectorAction(_prev: ActionState<SectorAdminRow[]>, fd: FormData): Promise<ActionState<SectorAdminRow[]>> {
  const state = await runAction((db, actor) => moveSector(db, actor, formToObject(fd) as SectorMoveInput));
  if (state?.ok) refresh();
  return state;
}

export async function setSectorActiveAction(_prev: ActionState<SectorAdminRow>, fd: FormData): Promise<ActionState<SectorAdminRow>> {
  const state = await runAction((db, actor) => setSectorActive(db, actor, formToObject(fd) as SectorActiveInput));
  if (state?.ok) refresh();
  return state;
}
