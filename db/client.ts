import Database, { type Statement } from "better-sqlite3";
import { LRUCache } from "lru-cache";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "db", "migrations");

export function databasePath(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATABASE_PATH || "./data/rasd.db");
}

/** How long a statement waits for another process's lock before SQLITE_BUSY (RASD_BUSY_TIMEOUT_MS, default 5 s). */
function busyTimeoutMs(): number {
  const ms = Number(process.env.RASD_BUSY_TIMEOUT_MS);
  return Number.isInteger(ms) && ms >= 0 && ms <= 600_000 ? ms : 5000;
}

/**
 * Opens a database with the pragmas Rasd relies on. better-sqlite3 leaves WAL at
 * synchronous=NORMAL, which can lose the last committed transaction on power loss:
 * a week of figures is worth a few milliseconds per commit.
 */
export function openDb(file: string = databasePath()): Db {
  const isNew = file !== ":memory:" && !fs.existsSync(file);
  if (isNew) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const busyMs = busyTimeoutMs();
  const sqlite = new Database(file, { timeout: busyMs });
  // The file holds password hashes: readable by the owner only.
  if (isNew) fs.chmodSync(file, 0o600);
  try {
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = FULL");
    sqlite.pragma("foreign_keys = ON");
    sqlite.pragma(`busy_timeout = ${busyMs}`);
  } catch (e) {
    // Locked by another process (SQLITE_BUSY): no half-set-up handle is kept; the next request opens again.
    sqlite.close();
    throw e;
  }
  keepStatements(sqlite);
  return drizzle(sqlite, { schema }) as Db;
}

/**
 * drizzle prepares every query afresh, and SQLite's parsing and planning was about a third of a
 * summary page's database time. Statements are kept by their SQL text instead. A kept statement
 * is handed out with its result mode reset, because callers set raw or pluck mode on it per use
 * (drizzle's select does). Nothing here iterates a statement lazily, which would make reuse unsafe.
 */
function keepStatements(sqlite: Database.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new LRUCache<string, Statement>({ max: 500 });
  sqlite.prepare = ((source: string) => {
    const stmt = kept.get(source);
    if (!stmt) {
      const fresh = prepare(source);
      kept.set(source, fresh);
      return fresh;
    }
    if (stmt.reader) stmt.raw(false).pluck(false).expand(false);
    return stmt;
  }) as typeof sqlite.prepare;
}

export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

const globalForDb = globalThis as unknown as { rasdDb?: Db };

/** One connection per server process (kept on globalThis so dev hot reload does not leak handles). */
export function getDb(): Db {
  if (!globalForDb.rasdDb) globalForDb.rasdDb = openDb();
  return globalForDb.rasdDb;
}
