import type { Db } from "@/db/client";
import { loadActor, type Actor } from "../auth/actor";
import { forbidden } from "../errors";
import { log } from "../log";
import { findApiToken, touchApiToken, type FoundToken } from "../tokens";
import { apiCall, type ApiResult } from "./respond";

/** Who calls the API, through which token (null for a session cookie), and from which address. */
export type ApiCaller = { actor: Actor | null; token: FoundToken | null; ip: string };

/**
 * The caller named by an `Authorization: Bearer …` header, or undefined when the header is
 * not a bearer token (the session cookie decides then). A token acts as its owner, with the
 * owner's role and areas as they are now; a revoked or expired token or a deactivated owner is nobody.
 */
export function callerFromAuthorization(db: Db, authorization: string | null, ip: string): ApiCaller | undefined {
  if (!authorization || !/^bearer\s/i.test(authorization)) return undefined;
  const token = findApiToken(db, authorization.slice(7).trim());
  const actor = token ? loadActor(db, token.userId) : null;
  return actor ? { actor, token, ip } : { actor: null, token: null, ip };
}

/** For writes: a read-only token may look but not change anything. */
export function writingActor(caller: ApiCaller): Actor | null {
  if (caller.token?.scope === "read") throw forbidden("errors.tokenReadOnly");
  return caller.actor;
}

/**
 * After answering: note the token's use, unless the request was refused (a refused request writes
 * nothing). The answer is already decided: failing to note it must not turn it into an error.
 */
export function noteApiAnswer(db: Db, caller: ApiCaller, status: number): void {
  if (caller.token === null || status >= 400) return;
  try {
    touchApiToken(db, caller.token, caller.ip);
  } catch (e) {
    log.warn({ event: "token.touch_failed", tokenId: caller.token.id, code: (e as { code?: string }).code, reason: e instanceof Error ? e.message : String(e) }, "could not note a token's use");
  }
}

/**
 * The session of someone who must change their password (generated or reset by an admin) gets
 * nothing from the API until they have: 403 `errors.passwordChangeRequired`. A bearer token is not
 * refused here: a reset revokes every token, so a live one was made by its owner (or by an operator
 * with `npm run user:token`), not by whoever knows the generated password.
 */
export function passwordChangeRefusal(caller: ApiCaller): ApiResult | null {
  if (caller.token !== null || !caller.actor?.mustChangePassword) return null;
  return apiCall(() => {
    throw forbidden("errors.passwordChangeRequired");
  });
}

/** Every API route: refuse a must-change session, else run the handler as the caller; then note the token's use. */
export function answerApi(db: Db, caller: ApiCaller, handle: (actor: Actor | null) => ApiResult): ApiResult {
  const result = passwordChangeRefusal(caller) ?? handle(caller.actor);
  noteApiAnswer(db, caller, result.status);
  return result;
}
