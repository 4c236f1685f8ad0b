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
 * The client address for sign-in throttling: the last X-Forwarded-For entry, i.e. the one
 * added by the nearest proxy (Next sets it from the socket when there is no proxy).
 */
export async function clientAddress(): Promise<string> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for")?.split(",").map((s) => s.trim()).filter(Boolean);
  return forwarded?.at(-1) ?? h.get("x-real-ip") ?? "unknown";
}
