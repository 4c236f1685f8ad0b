import { RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { sqliteLimiter } from "./sqlite-limiter";

/**
 * Throttling of the current-password check when a signed-in person changes their password
 * (re-authentication): 5 wrong current passwords per account within 15 minutes block further
 * attempts for 15 minutes (the session already names the account, so there is no address to pair). Without it, a stolen session could guess
 * the password at argon2 speed. Stored in the same SQLite file, in its own table, so that a
 * restart does not reset it and sign-in's counters (lib/auth/throttle.ts) are not touched.
 */
export const REAUTH_THROTTLE = {
  failures: 5,
  windowSeconds: 15 * 60,
  blockSeconds: 15 * 60,
} as const;

const limiter = (db: Db) =>
  sqliteLimiter(db, {
    table: "reauth_throttle",
    prefix: "reauth",
    points: REAUTH_THROTTLE.failures,
    windowSeconds: REAUTH_THROTTLE.windowSeconds,
    blockSeconds: REAUTH_THROTTLE.blockSeconds,
  });

const keyOf = (userId: number) => String(userId);

/** Milliseconds until this account may try its current password again, or 0. */
export async function reauthBlockedFor(db: Db, userId: number): Promise<number> {
  const res = await (await limiter(db)).get(keyOf(userId));
  return res && res.consumedPoints >= REAUTH_THROTTLE.failures ? res.msBeforeNext : 0;
}

/**
 * Counts an attempt BEFORE the current password is checked, so that parallel posts cannot all
 * slip under the limit: the ms to wait when the limit was already full (refuse without checking),
 * else 0 and whether this attempt filled it.
 */
export async function countReauthAttempt(db: Db, userId: number): Promise<{ refusedMs: number; fills: boolean }> {
  try {
    const res = await (await limiter(db)).consume(keyOf(userId));
    return { refusedMs: 0, fills: res.remainingPoints <= 0 };
  } catch (rejected) {
    if (rejected instanceof RateLimiterRes) return { refusedMs: rejected.msBeforeNext, fills: false };
    throw rejected;
  }
}

/** The current password was wrong and filled the limit: block for the full 15 minutes from now. */
export async function blockReauth(db: Db, userId: number): Promise<number> {
  // The limiter's own blockDuration starts only at the attempt after the limit, which a blocked account never makes.
  await (await limiter(db)).block(keyOf(userId), REAUTH_THROTTLE.blockSeconds);
  return REAUTH_THROTTLE.blockSeconds * 1000;
}

/** A right current password starts the count again. */
export async function clearReauthFailures(db: Db, userId: number): Promise<void> {
  await (await limiter(db)).delete(keyOf(userId));
}
