/**
 * Runs once when the server starts: a missing or placeholder AUTH_SECRET stops it here,
 * before any request, rather than at the first sign-in.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnInvalidServerEnv } = await import("./lib/env-check");
  exitOnInvalidServerEnv();
}

/**
 * Next calls this with any error a page or route handler did not handle, before it answers 500. An
 * error of an unavailable database (full, read-only, locked) marks the request, so that the edge
 * answers the 503 that says which (docs/decisions/051-pages-on-an-unavailable-database.md): this catches
 * the failures that happen before a handler's own error handling, such as opening the database.
 */
export async function onRequestError(err: unknown): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ unavailableFrom }, { markUnavailable }] = await Promise.all([import("./lib/errors"), import("./lib/http/request-state")]);
  const unavailable = unavailableFrom(err);
  if (unavailable) markUnavailable(unavailable.msg.key);
}
