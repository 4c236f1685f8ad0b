import "server-only";
import { unstable_rethrow } from "next/navigation";
import { getDb, type Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { ActionState } from "@/lib/action-state";
import { isAppError, unavailableFrom, type Msg } from "@/lib/errors";
import { getActor } from "./session";

/** FormData to a plain object; repeated names (checkboxes) become arrays. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = form.getAll(key).map((v) => (typeof v === "string" ? v : ""));
    out[key] = all.length > 1 || key.endsWith("[]") ? all : all[0];
  }
  return out;
}

/**
 * The one wrapper every server action uses: read the actor, run the lib/ function (which
 * validates and authorises), and turn refusals into a message for the form, never a 500.
 * Someone who must change their password can run only the action that changes it
 * (`allowMustChange`, the account page's password form); every other action is refused.
 */
export async function runAction<T>(
  fn: (db: Db, actor: Actor | null) => T | Promise<T>,
  msg?: Msg,
  opts: { allowMustChange?: boolean } = {},
): Promise<ActionState<T>> {
  try {
    const actor = await getActor();
    if (actor?.mustChangePassword && !opts.allowMustChange) return { ok: false, msg: { key: "errors.passwordChangeRequired" } };
    const data = await fn(getDb(), actor);
    return { ok: true, data, msg };
  } catch (caught) {
    unstable_rethrow(caught);
    const e = unavailableFrom(caught) ?? caught;
    if (isAppError(e)) return { ok: false, msg: e.msg, fieldErrors: e.fieldErrors, rowErrors: e.rowErrors };
    console.error("[action] unexpected error", e instanceof Error ? e.message : e);
    return { ok: false, msg: { key: "errors.unexpected" } };
  }
}
