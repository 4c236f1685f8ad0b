import BetterSqlite, { type Database } from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { MIGRATIONS_DIR, openDb } from "@/db/client";
import { rebuildAllRollups } from "../figures/maintain";
import { backupDatabase } from "./backup";

export type CheckName = "integrity" | "foreign_keys" | "migrations" | "rollups";
export type CheckLine = { name: CheckName; ok: boolean; detail: string };
export type CheckReport = { ok: boolean; checks: CheckLine[] };

export type MigrationState = { applied: number; known: number; pending: number; newer: number };

/** The migrations in db/migrations against those recorded in the database (drizzle applies every file newer than the last recorded). */
export function migrationState(c: Database): MigrationState {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  const hasTable = c.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get() !== undefined;
  const applied = hasTable ? (c.prepare("select created_at from __drizzle_migrations").pluck().all() as number[]).map(Number) : [];
  const last = applied.length ? Math.max(...applied) : -Infinity;
  const newest = files.length ? Math.max(...files.map((f) => f.folderMillis)) : -Infinity;
  return {
    applied: applied.length,
    known: files.length,
    pending: files.filter((f) => f.folderMillis > last).length,
    newer: applied.filter((m) => m > newest).length,
  };
}

function migrationLine(c: Database): CheckLine {
  const m = migrationState(c);
  if (m.newer) return { name: "migrations", ok: false, detail: `${m.newer} migration(s) newer than this code: the database is from a later version of Rasd` };
  if (m.pending) return { name: "migrations", ok: false, detail: `${m.pending} of ${m.known} migration(s) not applied (npm run db:migrate)` };
  return { name: "migrations", ok: true, detail: `all ${m.known} applied` };
}

function integrityLine(c: Database, quick: boolean): CheckLine {
  const rows = c.pragma(quick ? "quick_check(20)" : "integrity_check(20)", { simple: false }) as Record<string, string>[];
  const msgs = rows.map((r) => Object.values(r)[0]);
  const ok = msgs.length === 1 && msgs[0] === "ok";
  return { name: "integrity", ok, detail: ok ? `${quick ? "quick_check" : "integrity_check"} ok` : msgs.join("; ") };
}

function foreignKeyLine(c: Database): CheckLine {
  const rows = c.pragma("foreign_key_check") as { table: string; parent: string }[];
  if (!rows.length) return { name: "foreign_keys", ok: true, detail: "no broken references" };
  const byTable = new Map<string, number>();
  for (const r of rows) byTable.set(`${r.table} → ${r.parent}`, (byTable.get(`${r.table} → ${r.parent}`) ?? 0) + 1);
  return { name: "foreign_keys", ok: false, detail: [...byTable].map(([t, n]) => `${n} in ${t}`).join(", ") };
}

/**
 * What start-up checks before serving: the file is not corrupt (quick_check) and not from a later
 * version. Fast enough for every start (it reads each page once, without cross-checking indexes).
 */
export function startupCheck(c: Database): CheckReport {
  const checks = [integrityLine(c, true)];
  if (checks[0]!.ok) {
    const m = migrationState(c);
    if (m.newer) checks.push({ name: "migrations", ok: false, detail: `${m.newer} migration(s) newer than this code: the database is from a later version of Rasd` });
  }
  return { ok: checks.every((l) => l.ok), checks };
}

const ROLLUP_TABLES = ["area_week_figures", "area_week_sector_figures", "area_week_stock"] as const;

/** Which weeks to compare: the newest `sample` weeks with figures and as many others spread over the rest. */
function sampleWeeks(c: Database, sample: number): string[] {
  const weeks = c.prepare("select distinct week from area_week_stock union select distinct week from area_week_figures order by week").pluck().all() as string[];
  if (weeks.length <= sample * 2) return weeks;
  const newest = weeks.slice(-sample);
  const rest = weeks.slice(0, -sample);
  const step = rest.length / sample;
  return [...Array.from({ length: sample }, (_, i) => rest[Math.floor(i * step)]!), ...newest];
}

/**
 * The maintained rollups against a recomputation. Works on a snapshot (VACUUM INTO a scratch file)
 * so that a running server's writes neither disturb it nor show as differences: the stored rows of
 * the chosen weeks are set aside, lib/figures rebuilds every rollup from the reports (the one rule,
 * not a copy of it), and the two are compared row by row in SQL.
 */
function rollupLine(c: Database, all: boolean, sample: number): CheckLine {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rasd-check-"));
  try {
    const file = path.join(dir, "snapshot.db");
    backupDatabase(c, file);
    const scratch = openDb(file);
    try {
      const s = scratch.$client;
      const weeks = all ? null : sampleWeeks(s, sample);
      s.exec("create temp table check_weeks (week text primary key)");
      const addWeek = s.prepare("insert into temp.check_weeks values (?)");
      for (const w of weeks ?? []) addWeek.run(w);
      const where = weeks ? "where week in (select week from temp.check_weeks)" : "";
      for (const t of ROLLUP_TABLES) s.exec(`create temp table stored_${t} as select * from main.${t} ${where}`);
      rebuildAllRollups(scratch);
      const differences: string[] = [];
      let rows = 0;
      for (const t of ROLLUP_TABLES) {
        const fresh = `select * from main.${t} ${where}`;
        const kept = `select * from temp.stored_${t}`;
        const missing = s.prepare(`select count(*) from (${fresh} except ${kept})`).pluck().get() as number;
        const extra = s.prepare(`select count(*) from (${kept} except ${fresh})`).pluck().get() as number;
        rows += s.prepare(`select count(*) from (${fresh})`).pluck().get() as number;
        if (missing || extra) differences.push(`${t}: ${missing} row(s) missing or different, ${extra} stale`);
      }
      const scope = weeks ? `${weeks.length} sampled week(s)` : "every week";
      return differences.length
        ? { name: "rollups", ok: false, detail: `${scope}: ${differences.join("; ")} (npm run db:check -- --repair rebuilds them)` }
        : { name: "rollups", ok: true, detail: `${scope}, ${rows} row(s) equal to a recomputation` };
    } finally {
      scratch.$client.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The full self-check of `npm run db:check`: integrity_check, foreign_key_check, migrations, and the
 * maintained rollups recomputed and compared (a sample of weeks, or all). Read-only on `c`.
 */
export function checkDatabase(c: Database, opts: { all?: boolean; sample?: number } = {}): CheckReport {
  const integrity = integrityLine(c, false);
  // A corrupt file can fail anywhere: only its integrity is worth reporting.
  if (!integrity.ok) return { ok: false, checks: [integrity] };
  const checks = [integrity, foreignKeyLine(c), migrationLine(c)];
  if (checks.every((l) => l.ok)) checks.push(rollupLine(c, opts.all ?? false, opts.sample ?? 4));
  return { ok: checks.every((l) => l.ok), checks };
}

/** The message start-up prints when it refuses a database. */
export function refusalMessage(file: string, report: CheckReport): string {
  const lines = report.checks.filter((l) => !l.ok).map((l) => `  ${l.name}: ${l.detail}`);
  return [
    `Refusing to start: the database ${file} failed its check.`,
    ...lines,
    "Stop here and restore the latest good backup:",
    "  npm run db:restore -- data/backups/rasd-<time>.db   (the current file is kept aside)",
    "then start again. See docs/operations.md (\"When the database is damaged\").",
  ].join("\n");
}

/**
 * Start-up's check of the file at `file` (absent is fine: it will be created). Returns the refusal
 * message, or null when the server may start. A file too damaged to open is refused the same way.
 */
export function refuseToStart(file: string): string | null {
  if (!fs.existsSync(file)) return null;
  let c: Database | null = null;
  try {
    c = new BetterSqlite(file, { fileMustExist: true });
    const report = startupCheck(c);
    return report.ok ? null : refusalMessage(file, report);
  } catch (e) {
    const code = (e as { code?: string }).code ?? "";
    if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB")
      return refusalMessage(file, { ok: false, checks: [{ name: "integrity", ok: false, detail: e instanceof Error ? e.message : code }] });
    throw e;
  } finally {
    c?.close();
  }
}
