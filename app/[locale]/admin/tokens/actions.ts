"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/lib/action-state";
import { runAction } from "@/lib/next/action";
import { revokeAnyApiToken } from "@/lib/tokens";
import { requireConfirmation } from "@/lib/validation/confirm";

export async function revokeAnyTokenAction(_prev: ActionState<void>, fd: FormData): Promise<ActionState<void>> {
  const state = await runAction(
    (db, actor) => {
      requireConfirmation(fd.get("confirm"));
      return revokeAnyApiToken(db, actor, { id: fd.get("id") });
    },
    { key: "account.tokens.revoked" },
  );
  if (state?.ok) revalidatePath("/[locale]/admin/tokens", "page");
  return state;
}
