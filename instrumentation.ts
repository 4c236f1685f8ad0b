/**
 * Runs once when the server starts: a missing or placeholder AUTH_SECRET stops it here,
 * before any request, rather than at the first sign-in.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { exitOnInvalidServerEnv } = await import("./lib/env-check");
  exitOnInvalidServerEnv();
}
