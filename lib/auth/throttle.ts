import { RateLimiterRes, type RateLimiterSQLite } from "rate-limiter-flexible";
import type { Db } from "@/db/client";
import { sessionSettings } from "../env";
import { sqliteLimiter } from "./sqlite-limiter";

/**
 * Sign-in throttling, stored in the same SQLite file (table `login_throttle`) so that a restart
 * does not reset it. The client cannot steer it: the address comes from the socket unless the
 * operator trusts a proxy (scripts/serve.ts), and no limit lets a stranger lock an account out.
 * - per (account, address): 5 failures within 15 minutes block that pair for 15 minutes;
 * - per address: 20 failures (RASD_SIGNIN_ADDRESS_LIMIT) within 15 minutes block that address for 15 minutes;
 * - per account, across all addresses: from the 5th failure within 15 minutes, every attempt
 *   waits first, 1 s doubling to at most 30 s. The right password still gets in, only slower,
 *   and a guesser spread over many addresses gets a few attempts a minute.
 */
export const THROTTLE = {
  pairFailures: 5,
  windowSeconds: 15 * 60,
  blockSeconds: 15 * 60,
  slowdownFrom: 5,
  slowdownFirstMs: 1000,
  slowdownMaxMs: 30_000,
} as const;

/** Failures counted per account: high enough never to block, since the account limit only slows down. */
const ACCOUNT_COUNTER_POINTS = 1_000_000;

type Limiters = { pair: RateLimiterSQLite; ip: RateLimiterSQLite; account: RateLimiterSQLite; ipFailures: number };

async function limiters(db: Db): Promise<Limiters> {
  const ipFailures = sessionSettings().addressLimit;
  const spec = (prefix: string, points: number, blockSeconds: number) =>
    sqliteLimiter(db, { table: "login_throttle", prefix, points, windowSeconds: THROTTLE.windowSeconds, blockSeconds });
  const [pair, ip, account] = await Promise.all([
    spec("pair", THROTTLE.pairFailures, THROTTLE.blockSeconds),
    spec("ip", ipFailures, THROTTLE.blockSeconds),
    spec("acct", ACCOUNT_COUNTER_POINTS, 0),
  ]);
  return { pair, ip, account, ipFailures };
}

const pairKey = (account: string, ip: string) => `${account}\n${ip}`;

/** How long a refusal lasts, or 0 when not blocked. */
const blockedMs = (res: RateLimiterRes | null, max: number) => (res && res.consumedPoints >= max ? res.msBeforeNext : 0);

/** The wait before an attempt for this account may be checked, from its failures across all addresses. */
export function slowdownMs(accountFailures: number): number {
  if (accountFailures < THROTTLE.slowdownFrom) return 0;
  return Math.min(THROTTLE.slowdownFirstMs * 2 ** (accountFailures - THROTTLE.slowdownFrom), THROTTLE.slowdownMaxMs);
}

export type ThrottleState = { blockedMs: number; slowdownMs: number };

/** Before checking a password: is this (account, address) or this address blocked, and how long to wait first. */
export async function throttleState(db: Db, account: string, ip: string): Promise<ThrottleState> {
  const l = await limiters(db);
  const [pair, addr, acct] = await Promise.all([l.pair.get(pairKey(account, ip)), l.ip.get(ip), l.account.get(account)]);
  return {
    blockedMs: Math.max(blockedMs(pair, THROTTLE.pairFailures), blockedMs(addr, l.ipFailures)),
    slowdownMs: slowdownMs(acct?.consumedPoints ?? 0),
  };
}

export type CountedAttempt = {
  /** A limit was already full: refuse without checking the password. */
  refusedMs: number;
  /** Limits this attempt filled: they block if the password turns out wrong. */
  reached: ("pair" | "address")[];
};

/**
 * Counts an attempt BEFORE its password is checked, so that attempts sent in parallel cannot
 * all pass the check while their failures are still being verified. The attempt is then either
 * confirmed as a failure (`confirmFailure`, which starts the blocks it filled) or refunded
 * (`refundAttempt`, on the right password).
 */
export async function countAttempt(db: Db, account: string, ip: string): Promise<CountedAttempt> {
  const l = await limiters(db);
  let refusedMs = 0;
  const reached: ("pair" | "address")[] = [];
  for (const [limiter, key, scope] of [
    [l.pair, pairKey(account, ip), "pair"],
    [l.ip, ip, "address"],
  ] as const) {
    try {
      const res = await limiter.consume(key);
      if (res.remainingPoints <= 0) reached.push(scope);
    } catch (rejected) {
      if (rejected instanceof RateLimiterRes) refusedMs = Math.max(refusedMs, rejected.msBeforeNext);
      else throw rejected;
    }
  }
  await l.account.consume(account);
  return { refusedMs, reached };
}

/** The password was wrong: the limits this attempt filled block for the full 15 minutes from now. */
export async function confirmFailure(db: Db, account: string, ip: string, counted: CountedAttempt): Promise<number> {
  const l = await limiters(db);
  // The limiter's own blockDuration starts only at the attempt after the limit, which a blocked key never makes.
  if (counted.reached.includes("pair")) await l.pair.block(pairKey(account, ip), THROTTLE.blockSeconds);
  if (counted.reached.includes("address")) await l.ip.block(ip, THROTTLE.blockSeconds);
  return counted.reached.length ? THROTTLE.blockSeconds * 1000 : 0;
}

/**
 * The password was right: this attempt is not a failure. Its (account, address) count starts
 * again; the address and the account get their point back (their other failures still count).
 */
export async function refundAttempt(db: Db, account: string, ip: string): Promise<void> {
  const l = await limiters(db);
  await l.pair.delete(pairKey(account, ip));
  await l.ip.reward(ip, 1);
  await l.account.reward(account, 1);
}

