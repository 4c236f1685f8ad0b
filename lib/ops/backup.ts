import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";

/** Backups written by Rasd are named for the moment they were taken (UTC), so that name order is time order. */
const BACKUP_NAME = /^rasd-\d{8}T\d{6}(\d{3})?Z\.db$/;

/** The tables every Rasd database has, whatever its migration: a file without them is not one. */
const RASD_TABLES = ["__drizzle_migrations", "areas", "users", "weekly_reports", "audit_log"];

export function backupFileName(now: Date = new Date()): string {
  return `rasd-${now.toISOString().replace(/[-:]/g, "").replace(".", "")}.db`;
}

export type FileCheck = { ok: true } | { ok: false; reason: string };

/**
 * Whether `file` is a whole, uncorrupted Rasd database: it opens, `integrity_check` says ok and it
 * has Rasd's tables. Opened read-only, so checking a file never changes it.
 */
export function checkRasdFile(file: string): FileCheck {
  if (!fs.existsSync(file)) return { ok: false, reason: `${file} does not exist` };
  let c: Database.Database | null = null;
  try {
    c = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = c.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return { ok: false, reason: `integrity_check failed: ${String(integrity)}` };
    const tables = new Set((c.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[]));
    const missing = RASD_TABLES.filter((t) => !tables.has(t));
    if (missing.length) return { ok: false, reason: `not a Rasd database (no ${missing.join(", ")} table)` };
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  } finally {
    c?.close();
  }
}

/**
 * A consistent copy of the open database `source` in `file`, taken with `VACUUM INTO`: one read
 * transaction, so it is safe while the server writes (it sees every transaction committed before it
 * began and none after) and never restarts, unlike the page-by-page backup API under steady writes.
 * The copy is written beside its final name, readable by the owner only from its first byte
 * (it holds password hashes), checked, and only then renamed into place.
 */
export function backupDatabase(source: Database.Database, file: string): { file: string; bytes: number } {
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new Error(`${target} already exists; choose another name`);
  fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
  const partial = `${target}.partial-${process.pid}`;
  // VACUUM INTO accepts an existing empty file: creating it first fixes its mode before any data lands.
  fs.closeSync(fs.openSync(partial, "wx", 0o600));
  try {
    source.prepare("vacuum into ?").run(partial);
    fs.chmodSync(partial, 0o600);
    const check = checkRasdFile(partial);
    if (!check.ok) throw new Error(`the copy failed its check (${check.reason}); nothing was kept`);
    fs.renameSync(partial, target);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    throw e;
  }
  return { file: target, bytes: fs.statSync(target).size };
}

/** Removes the oldest Rasd-named backups in `dir` beyond the newest `keep`; returns the removed files. */
export function rotateBackups(dir: string, keep: number): string[] {
  if (keep <= 0 || !fs.existsSync(dir)) return [];
  const names = fs
    .readdirSync(dir)
    .filter((n) => BACKUP_NAME.test(n))
    .sort();
  const old = names.slice(0, Math.max(0, names.length - keep)).map((n) => path.join(dir, n));
  for (const f of old) fs.rmSync(f, { force: true });
  return old;
}

/**
 * Whether a process (a running server) has the database open. Every connection to a WAL database
 * holds a shared lock for as long as it is open, idle or not, so asking for an exclusive lock fails
 * at once while one exists. The probe holds the lock only for an instant and writes nothing.
 */
export function databaseInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const c = new Database(file, { timeout: 0, fileMustExist: true });
  try {
    c.pragma("locking_mode = EXCLUSIVE");
    c.exec("begin exclusive");
    c.exec("commit");
    return false;
  } catch (e) {
    if ((e as { code?: string }).code === "SQLITE_BUSY") return true;
    throw e;
  } finally {
    c.close();
  }
}

/**
 * Replaces the database at `target` with the backup `file`. Refuses a corrupt or non-Rasd file and a
 * database a server has open (stop it first). The current database is kept, whole (its write-ahead log
 * folded in), as `<name>.before-restore-<time>`; returns that name (null when there was none).
 */
export function restoreDatabase(file: string, target: string, now: Date = new Date()): { keptAs: string | null } {
  const source = path.resolve(file);
  const dest = path.resolve(target);
  if (source === dest) throw new Error("the backup and the database are the same file");
  const check = checkRasdFile(source);
  if (!check.ok) throw new Error(`refusing to restore ${source}: ${check.reason}`);
  if (databaseInUse(dest)) throw new Error(`${dest} is in use (is the server running?): stop the server, then restore`);

  let keptAs: string | null = null;
  if (fs.existsSync(dest)) {
    // Fold the write-ahead log into the file so that the copy kept aside is complete on its own.
    const c = new Database(dest, { fileMustExist: true });
    try {
      c.pragma("wal_checkpoint(TRUNCATE)");
    } finally {
      c.close();
    }
    keptAs = `${dest}.before-restore-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`;
    fs.renameSync(dest, keptAs);
    for (const ext of ["-wal", "-shm"]) fs.rmSync(dest + ext, { force: true });
  }
  const partial = `${dest}.restoring-${process.pid}`;
  fs.copyFileSync(source, partial, fs.constants.COPYFILE_EXCL);
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, dest);
  return { keptAs };
}
