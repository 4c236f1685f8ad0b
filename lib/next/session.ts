import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { callerFromAuthorization, type ApiCaller } from "@/lib/api/caller";
import { rethrowForPage } from "./page-failure";

/** The acting user for this request (session cookie), read fresh from the database; null when signed out or deactivated. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  // The session row could not be read (auth.ts): fail as the read did, so that pages answer 503 and the API its JSON 503.
  if (session?.unavailable) throw Object.assign(new Error("session lookup: database unavailable"), { code: session.unavailable });
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  // The session row was checked by auth() (auth.ts jwt callback): a live session names this user.
  return loadActor(getDb(), id);
});

/** The server-side session id of this request's cookie (to mark "this device" among one's sessions). */
export async function currentSessionId(): Promise<string | null> {
  return (await auth())?.sid || null;
}

/** For the API: a bearer token if one is sent (and which token), else the session cookie. */
export async function getApiCaller(): Promise<ApiCaller> {
  const ip = await clientAddress();
  try {
    const fromToken = callerFromAuthorization(getDb(), (await headers()).get("authorization"), ip);
    return fromToken ?? { actor: await getActor(), token: null, ip };
  } catch (e) {
    // Before the handler's own error handling: the edge answers the API's JSON 503 for a marked request.
    rethrowForPage(e);
  }
}

/**
 * The client address, as Rasd's server (scripts/serve.ts) computed it from the socket and the
 * trusted-proxy setting; it deletes any copy a client sends. Never a header the client chose.
 */
export async function clientAddress(): Promise<string> {
  return (await headers()).get("x-rasd-client-address") || "unknown";
}

/** The browser's own description, shown beside a session so that people recognise their devices. */
export async function clientUserAgent(): Promise<string> {
  return (await headers()).get("user-agent") ?? "";
}

/** This request's id (scripts/serve.ts sets it and returns it as X-Request-Id), for error pages to show. */
export async function requestId(): Promise<string | null> {
  return (await headers()).get("x-rasd-request-id");
}
