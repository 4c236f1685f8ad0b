import { RateLimiterSQLite } from "rate-limiter-flexible";
import type { Db } from "@/db/client";

export type LimiterSpec = { table: string; prefix: string; points: number; windowSeconds: number; blockSeconds: number };

const cache = new WeakMap<object, Map<string, Promise<RateLimiterSQLite>>>();

/**
 * A failure counter stored in the database file itself, so that a restart does not reset it: one
 * per connection and table/prefix (the library creates its table on first use). Expired rows are
 * deleted hourly: every e-mail tried adds a row, and they must not pile up.
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
          clearExpiredByTimeout: true,
        },
        (err?: Error) => (err ? reject(err) : resolve(made)),
      );
    });
    byKey.set(key, limiter);
  }
  return limiter;
}
