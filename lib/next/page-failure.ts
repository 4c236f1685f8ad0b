import "server-only";
import { unavailableFrom } from "@/lib/errors";
import { markUnavailable } from "@/lib/http/request-state";

/**
 * A page whose read or write fails because the database is full, read-only or locked must say so
 * in the reader's language, with a 503, and read with JavaScript off. Next cannot: an error thrown
 * while rendering becomes its blank 500 shell, and React renders error boundaries in the browser
 * only. So the request is marked with the message and the error goes on; the edge
 * (scripts/serve.ts) sees the mark and answers the page of lib/http/unavailable-page.ts instead of
 * Next's (docs/decisions/051-pages-on-an-unavailable-database.md).
 */

/**
 * Rethrows `e`, first marking the request when the database was unavailable (with the cause's
 * key, errors.databaseBusy…). Also for API route handlers, for a failure before their own JSON
 * error handling (the token lookup): the edge answers those with the API's JSON 503.
 */
export function rethrowForPage(e: unknown): never {
  const unavailable = unavailableFrom(e);
  if (unavailable) markUnavailable(unavailable.msg.key);
  throw e;
}

/**
 * For the layout's own reads (the navigation, a banner): an unavailable database reads as `fallback`,
 * so that the failure is the page's own, which marks the request.
 */
export function unavailableAs<T>(fallback: T): (e: unknown) => T {
  return (e) => {
    if (unavailableFrom(e)) return fallback;
    throw e;
  };
}
