import { RateLimiterSQLite } from "rate-limiter-flexible";
import type { Db } from "@/db/client";

/** Every table a limiter writes: the maintenance prunes each of them (lib/ops/prune.ts). */
export const LIMITER_TABLES = ["login_throttle", "reauth_throttle"] as const;
export type LimiterSpec = { table: (typeof LIMITER_TABLES)[number]; prefix: string; points: number; windowSeconds: number; blockSeconds: number };

const cache = new WeakMap<object, Map<string, Promise<RateLimiterSQLite>>>();

/**
 * A failure counter stored in the database file itself, so that a restart does not reset it: one
 * per connection and table/prefix (the library creates its table on first use). Expired rows are
 * deleted by the server's maintenance (lib/ops/prune.ts), once per machine, not by the library's own
 * timer in every process: that timer would run in each worker, and its failure (a full disk) would
 * be an unhandled rejection.
 */
export function sqliteLimiter(db: Db, spec: LimiterSpec): Promise<RateLimiterSQLite> {
  const client = db.$client;
  let byKey = cache.get(client);
  if (!byKey) cache.set(client, (byKey = new Map()));
  const key = `${spec.table}/${spec.prefix}`;
  let limiter = byKey.get(key);
  if (!limiter) {
    limiter = new Promise<RateLimiterSQLite>((resolve, reject) => {
      const made: RateLimiterSQLite = new RateLimiterSQLite(
        {
          storeClient: client,
          storeType: "better-sqlite3",
          tableName: spec.table,
          keyPrefix: spec.prefix,
          points: spec.points,
          duration: spec.windowSeconds,
          blockDuration: spec.blockSeconds,
          clearExpiredByTimeout: false,
        },
        (err?: Error) => (err ? reject(err) : resolve(made)),
      );
    });
    byKey.set(key, limiter);
  }
  return limiter;
}
