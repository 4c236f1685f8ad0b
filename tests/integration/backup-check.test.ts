import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { backupDatabase, backupFileName, checkRasdFile, databaseInUse, restoreDatabase, rotateBackups } from "@/lib/ops/backup";
import { checkDatabase, refuseToStart } from "@/lib/ops/check";
import { freshDb, TMP, tmpDbPath } from "../factories";
import { seedSummaryFixture } from "../summary-fixture";

function tmpDir(): string {
  const dir = path.join(TMP, `ops-${process.pid}-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const count = (c: Database.Database, sql: string) => c.prepare(sql).pluck().get() as number;

describe("backups", () => {
  it("writes a checked copy, mode 600, with every committed report, while the source stays open", () => {
    const db = freshDb();
    seedSummaryFixture(db);
    const target = path.join(tmpDir(), backupFileName());
    const { file, bytes } = backupDatabase(db.$client, target);
    expect(file).toBe(target);
    expect(bytes).toBeGreaterThan(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(checkRasdFile(file)).toEqual({ ok: true });
    const copy = new Database(file, { readonly: true });
    expect(count(copy, "select count(*) from weekly_reports")).toBe(count(db.$client, "select count(*) from weekly_reports"));
    expect(count(copy, "select count(*) from area_week_stock")).toBe(count(db.$client, "select count(*) from area_week_stock"));
    copy.close();
    // No partial file is left beside it.
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
    db.$client.close();
  });

  it("never overwrites an existing file", () => {
    const db = freshDb();
    const target = path.join(tmpDir(), "taken.db");
    fs.writeFileSync(target, "mine");
    expect(() => backupDatabase(db.$client, target)).toThrow(/already exists/);
    expect(fs.readFileSync(target, "utf8")).toBe("mine");
    db.$client.close();
  });

  it("rotation keeps the newest N Rasd-named backups and nothing else is touched", () => {
    const dir = tmpDir();
    const names = ["rasd-20200101T000000000Z.db", "rasd-20200102T000000000Z.db", "rasd-20200103T000000000Z.db", "rasd-20200104T000000000Z.db"];
    for (const n of [...names, "keep-me.db"]) fs.writeFileSync(path.join(dir, n), "");
    const removed = rotateBackups(dir, 2).map((f) => path.basename(f));
    expect(removed).toEqual(names.slice(0, 2));
    expect(fs.readdirSync(dir).sort()).toEqual(["keep-me.db", ...names.slice(2)].sort());
  });

  it("backup names sort in time order", () => {
    const a = backupFileName(new Date("2020-01-02T03:04:05.006Z"));
    expect(a).toBe("rasd-20200102T030405006Z.db");
    expect(backupFileName(new Date("2020-01-02T03:04:05.007Z")) > a).toBe(true);
  });
});

describe("restore", () => {
  it("refuses a corrupt file, a file that is not Rasd's, and a missing file, changing nothing", () => {
    const dir = tmpDir();
    const db = freshDb();
    const good = backupDatabase(db.$client, path.join(dir, "good.db")).file;
    db.$client.close();
    const corrupt = path.join(dir, "corrupt.db");
    const bytes = fs.readFileSync(good);
    // Overwrite pages in the middle of the file (the header stays, so it still opens).
    bytes.fill(0x5a, 8192, Math.min(bytes.length, 8192 * 6));
    fs.writeFileSync(corrupt, bytes);
    const other = path.join(dir, "other.db");
    new Database(other).exec("create table notes (x)");
    const target = path.join(dir, "rasd.db");
    fs.copyFileSync(good, target);
    const before = fs.readFileSync(target);

    expect(() => restoreDatabase(corrupt, target)).toThrow(/refusing to restore .*corrupt\.db/);
    expect(() => restoreDatabase(other, target)).toThrow(/not a Rasd database/);
    expect(() => restoreDatabase(path.join(dir, "none.db"), target)).toThrow(/does not exist/);
    expect(fs.readFileSync(target).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((n) => n.includes("before-restore"))).toEqual([]);
  });

  it("refuses while a connection (a server) holds the database", () => {
    const dir = tmpDir();
    const db = freshDb();
    const backup = backupDatabase(db.$client, path.join(dir, "b.db")).file;
    expect(databaseInUse(db.$client.name)).toBe(true);
    expect(() => restoreDatabase(backup, db.$client.name)).toThrow(/in use/);
    db.$client.close();
    expect(databaseInUse(db.$client.name)).toBe(false);
  });

  it("replaces the database and keeps the one it replaced, whole, beside it", () => {
    const dir = tmpDir();
    const db = freshDb();
    const backup = backupDatabase(db.$client, path.join(dir, "empty.db")).file;
    seedSummaryFixture(db);
    const reports = count(db.$client, "select count(*) from weekly_reports");
    expect(reports).toBeGreaterThan(0);
    const target = db.$client.name;
    db.$client.close();

    const { keptAs } = restoreDatabase(backup, target, new Date("2021-02-03T04:05:06Z"));
    expect(keptAs).toBe(`${target}.before-restore-20210203T040506Z`);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    const restored = openDb(target);
    expect(count(restored.$client, "select count(*) from weekly_reports")).toBe(0);
    restored.$client.close();
    const kept = new Database(keptAs!, { readonly: true });
    expect(count(kept, "select count(*) from weekly_reports")).toBe(reports);
    kept.close();
  });
});

describe("self-check", () => {
  it("a healthy database passes every check, sampled and --all", () => {
    const db = freshDb();
    seedSummaryFixture(db);
    for (const all of [false, true]) {
      const report = checkDatabase(db.$client, { all });
      expect(report.checks.map((l) => [l.name, l.ok])).toEqual([
        ["integrity", true],
        ["foreign_keys", true],
        ["migrations", true],
        ["rollups", true],
      ]);
      expect(report.ok).toBe(true);
    }
    db.$client.close();
  });

  it("finds a maintained rollup that differs from a recomputation, and a stale stock row", () => {
    const db = freshDb();
    seedSummaryFixture(db);
    db.$client.exec("update area_week_figures set newly = newly + 1 where week = '2020-W04' and area_id = (select id from areas where pcode = 'SY02')");
    db.$client.exec("insert into area_week_stock (area_id, week, basis, total, carried_total, carried_areas, carried_since) select id, '2020-W04', 'direct', 1, 0, 0, null from areas where pcode = 'SY01'");
    const report = checkDatabase(db.$client, { all: true });
    expect(report.ok).toBe(false);
    const line = report.checks.find((l) => l.name === "rollups")!;
    expect(line.ok).toBe(false);
    expect(line.detail).toMatch(/area_week_figures: 1 row\(s\) missing or different, 1 stale/);
    expect(line.detail).toMatch(/area_week_stock: 0 row\(s\) missing or different, 1 stale/);
    // Checking changed nothing.
    expect(count(db.$client, "select count(*) from area_week_stock where area_id = (select id from areas where pcode = 'SY01')")).toBe(1);
    db.$client.close();
  });

  it("finds broken references and missing migrations", () => {
    const db = freshDb();
    db.$client.pragma("foreign_keys = OFF");
    db.$client.exec("insert into user_areas (user_id, area_id) values (999999, 1)");
    db.$client.exec("delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)");
    const report = checkDatabase(db.$client);
    expect(report.checks.find((l) => l.name === "foreign_keys")).toMatchObject({ ok: false, detail: expect.stringMatching(/1 in user_areas → users/) });
    expect(report.checks.find((l) => l.name === "migrations")).toMatchObject({ ok: false, detail: expect.stringMatching(/1 of \d+ migration\(s\) not applied/) });
    db.$client.close();
  });

  it("start-up refuses a damaged file with a message that says to restore a backup, and accepts a good or absent one", () => {
    const db = freshDb();
    seedSummaryFixture(db);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const file = db.$client.name;
    db.$client.close();
    expect(refuseToStart(file)).toBeNull();
    expect(refuseToStart(tmpDbPath("absent"))).toBeNull();

    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 4096 * 3, 4096 * 40);
    const damaged = tmpDbPath("damaged");
    fs.writeFileSync(damaged, bytes);
    expect(refuseToStart(damaged)).toMatch(/Refusing to start: the database .* failed its check\.[\s\S]*integrity: [\s\S]*npm run db:restore/);

    const garbage = tmpDbPath("garbage");
    fs.writeFileSync(garbage, Buffer.alloc(8192, 0x41));
    expect(refuseToStart(garbage)).toMatch(/Refusing to start[\s\S]*integrity: .*not a database/);
  });
});
