"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { signOut } from "@/auth";
import type { ActionState } from "@/lib/action-state";
import { formToObject, runAction } from "@/lib/next/action";
import { endAllOwnSessions, endOwnSession } from "@/lib/auth/sessions";
import { createOwnApiToken, revokeOwnApiToken } from "@/lib/tokens";
import type { TokenCreateInput } from "@/lib/validation/tokens";
import { changeOwnPassword, updateOwnPreferences } from "@/lib/users";
import { requireConfirmation } from "@/lib/validation/confirm";
import type { PasswordChangeInput, PreferencesInput } from "@/lib/validation/users";

const localeOf = (fd: FormData) => (fd.get("locale") === "ar" ? "ar" : "en");

export async function changePasswordAction(_prev: ActionState<void>, fd: FormData): Promise<ActionState<void>> {
  // lib/ parses and re-validates the raw form; the cast only names the shape it expects.
  const state = await runAction((db, actor) => changeOwnPassword(db, actor, formToObject(fd) as PasswordChangeInput), undefined, {
    // The one action open to someone who must change their password first.
    allowMustChange: true,
  });
  // The change ended every session, this one included: clear the cookie and ask for the new password.
  if (state?.ok) await signOut({ redirectTo: `/${localeOf(fd)}/signin?passwordChanged=1` });
  return state;
}

export async function savePreferencesAction(_prev: ActionState<void>, fd: FormData): Promise<ActionState<void>> {
  const state = await runAction((db, actor) => updateOwnPreferences(db, actor, formToObject(fd) as PreferencesInput));
  // The page reopens in the language just chosen, or in its own when the choice is the sign-in page's.
  const next = fd.get("locale") === "auto" ? (fd.get("pageLocale") === "ar" ? "ar" : "en") : localeOf(fd);
  if (state?.ok) redirect(`/${next}/account?saved=preferences`);
  return state;
}

export async function createTokenAction(_prev: ActionState<{ id: number; token: string }>, fd: FormData) {
  const state = await runAction((db, actor) => createOwnApiToken(db, actor, formToObject(fd) as TokenCreateInput), {
    key: "account.tokens.created",
  });
  if (state?.ok) revalidatePath("/[locale]/account", "page");
  return state;
}

export async function revokeTokenAction(_prev: ActionState<void>, fd: FormData): Promise<ActionState<void>> {
  const state = await runAction(
    (db, actor) => {
      requireConfirmation(fd.get("confirm"));
      return revokeOwnApiToken(db, actor, { id: fd.get("id") });
    },
    { key: "account.tokens.revoked" },
  );
  if (state?.ok) revalidatePath("/[locale]/account", "page");
  return state;
}

export async function endSessionAction(_prev: ActionState<void>, fd: FormData): Promise<ActionState<void>> {
  const state = await runAction(
    (db, actor) => {
      requireConfirmation(fd.get("confirm"));
      return endOwnSession(db, actor, { id: fd.get("id") });
    },
    { key: "account.sessions.ended" },
  );
  if (state?.ok) revalidatePath("/[locale]/account", "page");
  return state;
}

/** Every session ends, this one included: the cookie goes too, and the next page is sign-in. */
export async function signOutEverywhereAction(_prev: ActionState<number>, fd: FormData): Promise<ActionState<number>> {
  const state = await runAction((db, actor) => {
    requireConfirmation(fd.get("confirm"));
    return endAllOwnSessions(db, actor);
  });
  if (state?.ok) await signOut({ redirectTo: `/${localeOf(fd)}/signin?signedOut=1` });
  return state;
}
