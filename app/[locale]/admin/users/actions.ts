"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/auth";
import type { ActionState } from "@/lib/action-state";
import { formToObject, runAction } from "@/lib/next/action";
import { endEverySession, endUserSessions } from "@/lib/auth/sessions";
import { requireConfirmation } from "@/lib/validation/confirm";
import { createUser, resetUserPassword, setUserActive, updateUser, type UserDetail } from "@/lib/users";
import type { UserCreateInput, UserUpdateInput } from "@/lib/validation/users";

/** The list and every account page under it show what these actions change. */
function refreshUsers<T>(state: ActionState<T>): ActionState<T> {
  if (state?.ok) revalidatePath("/[locale]/admin/users", "layout");
  return state;
}

/** Without JavaScript the page re-renders from the action's state: hand the typed values back so nothing is lost. */
function keepValues<T>(state: ActionState<T>, fd: FormData): ActionState<T> {
  return state && !state.ok ? { ...state, values: formToObject(fd) } : state;
}

export async function createUserAction(_prev: ActionState<{ id: number; email: string; name: string; password: string }>, fd: FormData) {
  // lib/ parses and re-validates the raw form; the cast only names the shape it expects.
  const state = await runAction((db, actor) => createUser(db, actor, formToObject(fd) as UserCreateInput), { key: "users.new.created" });
  return keepValues(refreshUsers(state), fd);
}

export async function updateUserAction(_prev: ActionState<UserDetail>, fd: FormData) {
  const state = await runAction((db, actor) => updateUser(db, actor, formToObject(fd) as UserUpdateInput), { key: "users.detail.saved" });
  return keepValues(refreshUsers(state), fd);
}

export async function deactivateUserAction(_prev: ActionState<UserDetail>, fd: FormData) {
  const state = await runAction(
    (db, actor) => {
      requireConfirmation(fd.get("confirm"));
      return setUserActive(db, actor, { id: fd.get("id"), active: false });
    },
    { key: "users.detail.deactivated" },
  );
  return refreshUsers(state);
}

export async function reactivateUserAction(_prev: ActionState<UserDetail>, fd: FormData) {
  const state = await runAction((db, actor) => setUserActive(db, actor, { id: fd.get("id"), active: true }), { key: "users.detail.reactivated" });
  return refreshUsers(state);
}

export async function resetUserPasswordAction(_prev: ActionState<{ password: string }>, fd: FormData) {
  const state = await runAction(
    (db, actor) => {
      requireConfirmation(fd.get("confirm"));
      return resetUserPassword(db, actor, { id: fd.get("id") });
    },
    { key: "users.detail.passwordReset" },
  );
  return refreshUsers(state);
}

export async function endUserSessionsAction(_prev: ActionState<number>, fd: FormData) {
  const state = await runAction(
    (db, actor) => {
      requireConfirmation(fd.get("confirm"));
      return endUserSessions(db, actor, { id: fd.get("id") });
    },
    { key: "users.detail.sessionsEnded" },
  );
  return refreshUsers(state);
}

/** Everyone signs in again, this admin too: the cookie goes and the next page is sign-in. */
export async function endEverySessionAction(_prev: ActionState<number>, fd: FormData) {
  const state = await runAction((db, actor) => endEverySession(db, actor, { confirm: fd.get("confirm") }));
  if (state?.ok) await signOut({ redirectTo: `/${fd.get("locale") === "ar" ? "ar" : "en"}/signin?signedOut=1` });
  return state;
}
