import type { Db } from "@/db/client";
import { loadActor, type Actor } from "../auth/actor";
import { findApiToken, touchApiToken } from "../tokens";

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
