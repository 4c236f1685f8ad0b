import type Database from "better-sqlite3";
import { LIMITER_TABLES } from "../auth/sqlite-limiter";

/** Rows expired longer ago than this go: a counter that just ran out may still be read once more. */
const GRACE_MS = 3_600_000;

/**
 * Deletes the sign-in and re-authentication counters that expired over an hour ago: every e-mail
 * tried adds a row, and they must not pile up. Run by the server's maintenance (scripts/maintenance.ts),
 * once per machine whatever the number of worker processes. A table the limiter has not created yet
 * is skipped. Returns the rows deleted.
 */
export function pruneExpiredCounters(client: Database.Database, now = Date.now()): number {
  let deleted = 0;
  for (const table of LIMITER_TABLES) {
    const exists = client.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
    if (!exists) continue;
    deleted += client.prepare(`delete from ${table} where expire < ?`).run(now - GRACE_MS).changes;
  }
  return deleted;
}
