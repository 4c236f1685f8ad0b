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

/**
 * Opens a database with the pragmas Rasd relies on. better-sqlite3 leaves WAL at
 * synchronous=NORMAL, which can lose the last committed transaction on power loss:
 * a week of figures is worth a few milliseconds per commit.
 */
export function openDb(file: string = databasePath()): Db {
  const isNew = file !== ":memory:" && !fs.existsSync(file);
  if (isNew) fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new Database(file);
  // The file holds password hashes: readable by the owner only.
  if (isNew) fs.chmodSync(file, 0o600);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
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
