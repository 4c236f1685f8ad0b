import type { Db } from "@/db/client";
import { loadActor, type Actor } from "../auth/actor";
import { AppError } from "../errors";
import { findApiToken, touchApiToken } from "../tokens";
import { apiCall, type ApiResult } from "./respond";

/** Who calls the API, and through which token (null for a session cookie). */
export type ApiCaller = { actor: Actor | null; tokenId: number | null };

/**
 * The caller named by an `Authorization: Bearer …` header, or undefined when the header is
 * not a bearer token (the session cookie decides then). A token acts as its owner, with the
 * owner's role and areas as they are now; a revoked token or deactivated owner is nobody.
 */
export function callerFromAuthorization(db: Db, authorization: string | null): ApiCaller | undefined {
  if (!authorization || !/^bearer\s/i.test(authorization)) return undefined;
  const token = findApiToken(db, authorization.slice(7).trim());
  const actor = token ? loadActor(db, token.userId) : null;
  return actor ? { actor, tokenId: token!.id } : { actor: null, tokenId: null };
}

/** After answering: note the token's use, unless the request was refused (a refused request writes nothing). */
export function noteApiAnswer(db: Db, caller: ApiCaller, status: number): void {
  if (caller.tokenId !== null && status < 400) touchApiToken(db, caller.tokenId);
}

/**
 * The session of someone who must change their password (generated or reset by an admin) gets
 * nothing from the API until they have: 403 `errors.passwordChangeRequired`. A bearer token keeps
 * working: its owner created it with a password of their own, and scripts should not break on a reset.
 */
export function passwordChangeRefusal(caller: ApiCaller): ApiResult | null {
  if (caller.tokenId !== null || !caller.actor?.mustChangePassword) return null;
  return apiCall(() => {
    throw new AppError("forbidden", { key: "errors.passwordChangeRequired" });
  });
}

/** Every API route: refuse a must-change session, else run the handler as the caller; then note the token's use. */
export function answerApi(db: Db, caller: ApiCaller, handle: (actor: Actor | null) => ApiResult): ApiResult {
  const result = passwordChangeRefusal(caller) ?? handle(caller.actor);
  noteApiAnswer(db, caller, result.status);
  return result;
}
