import { RateLimiterRes, RateLimiterSQLite } from "rate-limiter-flexible";
import type { Db } from "@/db/client";

/**
 * Sign-in throttling, stored in the same SQLite file (table `login_throttle`) so that a
 * restart does not reset it:
 * - per account: 5 failures within 15 minutes blocks that e-mail for 15 minutes;
 * - per client address: 20 failures within 15 minutes blocks that address for 15 minutes.
 */
export const THROTTLE = {
  accountFailures: 5,
  ipFailures: 20,
  windowSeconds: 15 * 60,
  blockSeconds: 15 * 60,
} as const;

type Limiters = { byAccount: RateLimiterSQLite; byIp: RateLimiterSQLite; ready: Promise<void> };
const cache = new WeakMap<object, Limiters>();

function limiters(db: Db): Limiters {
  const client = db.$client;
  let l = cache.get(client);
  if (!l) {
    let byAccount!: RateLimiterSQLite;
    let byIp!: RateLimiterSQLite;
    const make = (keyPrefix: string, points: number) =>
      new Promise<RateLimiterSQLite>((resolve, reject) => {
        const limiter: RateLimiterSQLite = new RateLimiterSQLite(
          {
            storeClient: client,
            storeType: "better-sqlite3",
            tableName: "login_throttle",
            keyPrefix,
            points,
            duration: THROTTLE.windowSeconds,
            blockDuration: THROTTLE.blockSeconds,
          },
          (err?: Error) => (err ? reject(err) : resolve(limiter)),
        );
      });
    const ready = Promise.all([make("acct", THROTTLE.accountFailures), make("ip", THROTTLE.ipFailures)]).then(
      ([a, i]) => {
        byAccount = a;
        byIp = i;
      },
    );
    l = {
      get byAccount() {
        return byAccount;
      },
      get byIp() {
        return byIp;
      },
      ready,
    };
    cache.set(client, l);
  }
  return l;
}

/** Milliseconds until sign-in is allowed again for this account or address, or 0. */
export async function throttledFor(db: Db, accountKey: string, ip: string): Promise<number> {
  const l = limiters(db);
  await l.ready;
  const [acct, addr] = await Promise.all([l.byAccount.get(accountKey), l.byIp.get(ip)]);
  const wait = (res: RateLimiterRes | null, max: number) =>
    res && res.consumedPoints >= max ? res.msBeforeNext : 0;
  return Math.max(wait(acct, THROTTLE.accountFailures), wait(addr, THROTTLE.ipFailures));
}

/** Counts a failure; returns the wait in ms when this failure reached a limit, else 0. */
export async function recordFailure(db: Db, accountKey: string, ip: string): Promise<number> {
  const l = limiters(db);
  await l.ready;
  let wait = 0;
  for (const [limiter, key] of [
    [l.byAccount, accountKey],
    [l.byIp, ip],
  ] as const) {
    try {
      const res = await limiter.consume(key);
      if (res.remainingPoints <= 0) wait = Math.max(wait, THROTTLE.blockSeconds * 1000);
    } catch (rejected) {
      if (rejected instanceof RateLimiterRes) wait = Math.max(wait, rejected.msBeforeNext);
      else throw rejected;
    }
  }
  return wait;
}

export async function clearAccountFailures(db: Db, accountKey: string): Promise<void> {
  const l = limiters(db);
  await l.ready;
  await l.byAccount.delete(accountKey);
}
