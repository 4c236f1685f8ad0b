import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { getDb, type Db } from "@/db/client";
import type { Role } from "@/lib/roles";
import type { Actor } from "@/lib/auth/actor";
import { isAppError } from "@/lib/errors";
import { rethrowForPage } from "./page-failure";
import { getActor } from "./session";

/** The one page a person whose password was set by someone else may open: it shows only the password form then. */
export const PASSWORD_CHANGE_PATH = "/account";

/**
 * For pages: the signed-in actor, or a redirect to sign-in. The role list only chooses what
 * to render; the lib/ function the page calls checks again. Someone who must change their
 * password (generated or reset by an admin) is sent to the account page first, from every page.
 */
export async function pageActor(locale: string, path: string, ...roles: Role[]): Promise<Actor> {
  const actor = await getActor().catch(rethrowForPage);
  if (!actor) redirect(`/${locale}/signin?next=${encodeURIComponent(`/${locale}${path}`)}`);
  if (actor.mustChangePassword && path !== PASSWORD_CHANGE_PATH) redirect(`/${locale}${PASSWORD_CHANGE_PATH}?mustChange=1`);
  if (roles.length && !roles.includes(actor.role)) forbidden();
  return actor;
}

/** Runs a lib/ read for a page, turning its refusals into the 401/403/404 pages, and an unavailable database into the 503 page. */
export function pageData<T>(locale: string, fn: (db: Db) => T): T {
  try {
    return fn(getDb());
  } catch (e) {
    if (isAppError(e)) {
      if (e.code === "unauthenticated") redirect(`/${locale}/signin`);
      if (e.code === "forbidden") forbidden();
      if (e.code === "not_found") notFound();
    }
    rethrowForPage(e);
  }
}

/** pageData for an async lib/ read (a file to parse first): the same refusals, awaited. */
export async function pageDataAsync<T>(locale: string, fn: (db: Db) => Promise<T>): Promise<T> {
  try {
    return await fn(getDb());
  } catch (e) {
    if (isAppError(e)) {
      if (e.code === "unauthenticated") redirect(`/${locale}/signin`);
      if (e.code === "forbidden") forbidden();
      if (e.code === "not_found") notFound();
    }
    throw e;
  }
}
