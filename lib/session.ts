import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { loadActor, type Actor } from "./auth/actor";
import { callerFromAuthorization, type ApiCaller } from "./api/caller";

/** The acting user for this request (session cookie), read fresh from the database; null when signed out or deactivated. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return null;
  return loadActor(getDb(), id, session?.authTime);
});

/** For the API: a bearer token if one is sent (and which token), else the session cookie. */
export async function getApiCaller(): Promise<ApiCaller> {
  const fromToken = callerFromAuthorization(getDb(), (await headers()).get("authorization"));
  return fromToken ?? { actor: await getActor(), tokenId: null };
}

/**
 * The client address for sign-in throttling, as the server (scripts/serve.ts) computed it from
 * the socket and RASD_TRUSTED_PROXIES; it replaces any such header the client sent.
 */
export async function clientAddress(): Promise<string> {
  return (await headers()).get("x-rasd-client-address") ?? "unknown";
}
