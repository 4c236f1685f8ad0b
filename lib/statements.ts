import type Database from "better-sqlite3";
import type { Statement } from "better-sqlite3";
import type { Tx } from "./audit";

/**
 * The statements of the one save path (lib/reports/save.ts, record.ts, the rollups' writes,
 * the audit row), written as SQL and run on the connection's better-sqlite3 handle inside the
 * caller's transaction (decision 055). Drizzle builds each query in JavaScript on every call: a
 * file import saves tens of thousands of reports in one transaction, and building their queries
 * cost more time than SQLite took to run them, and allocated gigabytes the collector had to
 * catch up with (a 50,000-row import rose past 700 MB resident).
 *
 * A drizzle transaction is a view of the same connection (better-sqlite3 runs one transaction per
 * connection, synchronously), so a statement run on the handle is inside it. Drizzle does not type
 * the handle on a transaction: it is its session's `client` (drizzle-orm is pinned; the unit test
 * tests/unit/statements.test.ts fails if that changes).
 */
type WithSession = { session?: { client?: unknown } };

export function clientOf(tx: Tx): Database.Database {
  const client = (tx as unknown as WithSession).session?.client;
  if (!client || typeof (client as Database.Database).prepare !== "function") throw new Error("statements: not a better-sqlite3 drizzle database or transaction");
  return client as Database.Database;
}

// Per connection, by SQL text: prepared once for the life of the connection.
const kept = new WeakMap<Database.Database, Map<string, Statement>>();

export function statement(tx: Tx, source: string): Statement {
  const client = clientOf(tx);
  let mine = kept.get(client);
  if (!mine) kept.set(client, (mine = new Map()));
  let stmt = mine.get(source);
  if (!stmt) {
    stmt = client.prepare(source);
    mine.set(source, stmt);
  }
  // db/client.ts hands the same statement object to anyone preparing the same text, and drizzle sets modes on its own.
  if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
  return stmt;
}

// Positional parameters: better-sqlite3 looks every named one up by name on each run, which
// allocated about three times as much per statement.
export const run = (tx: Tx, source: string, ...params: unknown[]) => statement(tx, source).run(...params);
export const rowOf = <T>(tx: Tx, source: string, ...params: unknown[]) => statement(tx, source).get(...params) as T | undefined;
export const rowsOf = <T>(tx: Tx, source: string, ...params: unknown[]) => statement(tx, source).all(...params) as T[];

/** A JSON column's text, as drizzle's `mode: "json"` writes it; a missing value is SQL NULL. */
export const jsonText = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
