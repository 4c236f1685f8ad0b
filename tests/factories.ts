import fs from "node:fs";
import path from "node:path";
import { createHash, randomUUID } from "node:crypto";
import { openDb, type Db } from "../db/client";
import { loadActor, type Actor } from "../lib/auth/actor";
import { insertUser } from "../lib/users";
import { AppError, type AppErrorCode } from "../lib/errors";
import type { Role } from "../lib/roles";

export const TMP = path.join(__dirname, ".tmp");
export const ROOT = path.join(__dirname, "..");
export const SYRIA_CSV = path.join(ROOT, "db", "seed-data", "syria_admin.csv");

/** A fresh copy of the migrated base database (real SQLite file, real migrations, real area list). */
export function freshDb(): Db {
  return copyDb(path.join(TMP, "base.db"));
}

/** A new path under tests/.tmp for a database that does not exist yet. */
export function tmpDbPath(prefix = "t"): string {
  return path.join(TMP, `${prefix}-${randomUUID()}.db`);
}

/** Copies a closed (checkpointed) database file and opens the copy. */
export function copyDb(from: string): Db {
  const file = tmpDbPath();
  fs.copyFileSync(from, file);
  return openDb(file);
}

/** Folds the WAL into the main file and closes, so the file can be copied as a template. */
export function closeForCopy(db: Db): string {
  const file = db.$client.name;
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  return file;
}

let n = 0;
/** Creates a user the way the admin screen does and returns the Actor as a request would load it. */
export async function makeUser(
  db: Db,
  role: Role,
  areas: string[] = [],
  opts: { password?: string; email?: string } = {},
): Promise<Actor & { password: string }> {
  n += 1;
  const email = opts.email ?? `${role}${n}-${randomUUID().slice(0, 6)}@example.org`;
  const { id, password } = await insertUser(db, { label: "test" }, {
    email,
    name: `${role} ${n}`,
    role,
    areas: role === "coordinator" ? (areas.length ? areas : ["SY02"]) : [],
    password: opts.password,
  });
  return { ...loadActor(db, id)!, password };
}

/** Every user table, as SQLite lists them (migrations bookkeeping included). */
export function tableNames(db: Db): string[] {
  return db.$client
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
}

/** A hash of every row of the given tables (default: all), to prove that a refused call wrote nothing. */
export function digest(db: Db, tables: string[] = tableNames(db)): string {
  const h = createHash("sha256");
  for (const t of tables) {
    h.update(`#${t}\n`);
    for (const row of db.$client.prepare(`select * from "${t}" order by rowid`).raw().iterate())
      h.update(JSON.stringify(row) + "\n");
  }
  return h.digest("hex");
}

export function countRows(db: Db, table: string): number {
  return db.$client.prepare(`select count(*) from "${table}"`).pluck().get() as number;
}

export type AuditRecord = {
  id: number;
  actorId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  oldValues: unknown;
  newValues: unknown;
};

/** Audit rows written after `afterId`, oldest first, with their JSON decoded. */
export function auditSince(db: Db, afterId: number): AuditRecord[] {
  const rows = db.$client
    .prepare(
      "select id, actor_id as actorId, actor_label as actorLabel, action, entity_type as entityType, entity_id as entityId, old_values as oldValues, new_values as newValues from audit_log where id > ? order by id",
    )
    .all(afterId) as (Omit<AuditRecord, "oldValues" | "newValues"> & { oldValues: string | null; newValues: string | null })[];
  return rows.map((r) => ({
    ...r,
    oldValues: r.oldValues === null ? null : JSON.parse(r.oldValues),
    newValues: r.newValues === null ? null : JSON.parse(r.newValues),
  }));
}

export function lastAuditId(db: Db): number {
  return (db.$client.prepare("select coalesce(max(id), 0) from audit_log").pluck().get() as number) ?? 0;
}

/** Runs `fn` and returns the AppError it throws; fails when it succeeds or throws anything else. */
export async function appError(fn: () => unknown): Promise<AppError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw new Error(`expected an AppError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
  throw new Error("expected an AppError, but the call succeeded");
}

/** Same, additionally checking the code. */
export async function expectAppError(fn: () => unknown, code: AppErrorCode): Promise<AppError> {
  const e = await appError(fn);
  if (e.code !== code) throw new Error(`expected AppError ${code}, got ${e.code} (${e.msg.key})`);
  return e;
}
