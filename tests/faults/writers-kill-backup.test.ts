/**
 * Faults against the real production server (scripts/serve.ts, the build), each bounded in time:
 * concurrent writers with every acknowledged write verified; kill -9 under writes, then a restart,
 * integrity and rollups equal to a rebuild; a backup taken during writes that restores with every
 * write acknowledged before it began.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { restoreDatabase } from "@/lib/ops/backup";
import { checkDatabase } from "@/lib/ops/check";
import { ROOT } from "../factories";
import { BUILT, lostWrites, prepareFixture, runWriters, startServer } from "./support";

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Until `n` writes are acknowledged (a cold server answers its first requests slowly), at most 20 s. */
async function untilAcked(stats: { acked: unknown[] }, n: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (stats.acked.length < n && Date.now() < deadline) await sleep(50);
}

/** Integrity, foreign keys, migrations and every rollup against a recomputation. */
function expectHealthy(dbPath: string): void {
  const db = openDb(dbPath);
  try {
    const report = checkDatabase(db.$client, { all: true });
    expect(report.checks.filter((l) => !l.ok)).toEqual([]);
  } finally {
    db.$client.close();
  }
}

describe.skipIf(!BUILT)("faults through the real server", () => {
  it("20 concurrent writers: every acknowledged write is stored, stale ones get 409, nothing answers 5xx", async () => {
    const fx = await prepareFixture("writers", 10);
    const server = await startServer(fx.dbPath);
    try {
      const w = runWriters(server.baseURL, fx.token, fx.areas, 20);
      // A cold server answers its first requests slowly (more so beside the rest of the suite): count from the first saves.
      await untilAcked(w.stats, 40);
      await sleep(1500);
      await w.stop();
      expect(w.stats.failed).toEqual([]);
      expect(w.stats.unavailable).toBe(0);
      expect(w.stats.acked.length).toBeGreaterThanOrEqual(40);
      // Two writers share each report: some of their saves started from a version the other had replaced.
      expect(w.stats.conflicts).toBeGreaterThan(0);
      const c = new Database(fx.dbPath, { readonly: true });
      expect(lostWrites(c, w.stats.acked)).toEqual([]);
      // No version was given twice: every acknowledged save is its own revision.
      const keys = new Set(w.stats.acked.map((a) => `${a.pcode}/${a.version}`));
      expect(keys.size).toBe(w.stats.acked.length);
      c.close();
    } finally {
      await server.stop();
    }
    expectHealthy(fx.dbPath);
  }, 60_000);

  it("kill -9 under writes, twice: after each restart every acknowledged write is there, integrity ok, rollups equal to a rebuild", async () => {
    const fx = await prepareFixture("kill", 8);
    const acked = [];
    for (let round = 0; round < 2; round++) {
      const server = await startServer(fx.dbPath);
      const w = runWriters(server.baseURL, fx.token, fx.areas, 16, `2021-W2${round}`);
      await untilAcked(w.stats, 30);
      // Killed in the middle of the stream of writes, not between them.
      await sleep(200);
      await server.kill9();
      await w.stop();
      expect(w.stats.failed).toEqual([]);
      expect(w.stats.acked.length).toBeGreaterThan(0);
      acked.push(...w.stats.acked);
      // The kill left the write-ahead log unmerged: the restart must recover from it.
      expect(fs.existsSync(`${fx.dbPath}-wal`)).toBe(true);
    }
    const server = await startServer(fx.dbPath);
    try {
      const ready = await fetch(`${server.baseURL}/api/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, reasons: [] });
    } finally {
      await server.stop();
    }
    const c = new Database(fx.dbPath, { readonly: true });
    expect(lostWrites(c, acked)).toEqual([]);
    c.close();
    expectHealthy(fx.dbPath);
  }, 90_000);

  it("a backup taken during writes restores with every write acknowledged before it began", async () => {
    const fx = await prepareFixture("backup", 8);
    const server = await startServer(fx.dbPath);
    const backupFile = path.join(fx.dir, "during.db");
    let before: typeof w.stats.acked = [];
    const w = runWriters(server.baseURL, fx.token, fx.areas, 16);
    try {
      await untilAcked(w.stats, 30);
      before = [...w.stats.acked];
      const ackedAtStart = before.length;
      await run(process.execPath, ["--import", "tsx", "scripts/db-backup.ts", backupFile], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: fx.dbPath } });
      // Writes went on while the copy was taken.
      await sleep(300);
      expect(w.stats.acked.length).toBeGreaterThan(ackedAtStart);
    } finally {
      await w.stop();
      await server.stop();
    }
    expect(w.stats.failed).toEqual([]);
    expect(fs.statSync(backupFile).mode & 0o777).toBe(0o600);
    expect(before.length).toBeGreaterThan(0);

    const restored = path.join(fx.dir, "restored.db");
    restoreDatabase(backupFile, restored);
    const c = new Database(restored, { readonly: true });
    expect(lostWrites(c, before)).toEqual([]);
    c.close();
    expectHealthy(restored);
  }, 60_000);

  it("the server answers JSON 404 for unknown API paths, 415 for a body that is not JSON, and logs one JSON line per request with its id", async () => {
    const fx = await prepareFixture("edge", 1);
    const server = await startServer(fx.dbPath, { LOG_LEVEL: "info" });
    try {
      const unknown = await fetch(`${server.baseURL}/api/v1/nothing-here?token=secret-value`);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get("content-type")).toMatch(/application\/json/);
      expect(await unknown.json()).toMatchObject({ error: { code: "not_found", key: "errors.noSuchEndpoint" } });
      const requestId = unknown.headers.get("x-request-id");
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

      const xml = await fetch(`${server.baseURL}/api/v1/reports/${fx.areas[0]}/2021-W30`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${fx.token}`, "Content-Type": "application/xml" },
        body: "<report/>",
      });
      expect(xml.status).toBe(415);
      expect(await xml.json()).toMatchObject({ error: { code: "unsupported_media_type", key: "errors.notJson" } });
      const c = new Database(fx.dbPath, { readonly: true });
      expect(c.prepare("select count(*) from weekly_reports").pluck().get()).toBe(0);
      c.close();

      await sleep(200);
      const lines = server
        .output()
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const line = lines.find((l) => l.requestId === requestId);
      expect(line).toMatchObject({ level: "info", event: "request", method: "GET", path: "/api/v1/nothing-here?token=…", status: 404 });
      expect(typeof line!.ms).toBe("number");
      expect(server.output()).not.toContain("secret-value");
      expect(server.output()).not.toContain(fx.token);
    } finally {
      await server.stop();
    }
  }, 60_000);

  it("start-up refuses a damaged database and says to restore a backup", async () => {
    const fx = await prepareFixture("corrupt", 1);
    const bytes = fs.readFileSync(fx.dbPath);
    bytes.fill(0x5a, 4096 * 3, 4096 * 60);
    fs.writeFileSync(fx.dbPath, bytes);
    await expect(startServer(fx.dbPath)).rejects.toThrow(/Refusing to start: the database .* failed its check[\s\S]*npm run db:restore/);
  }, 60_000);
});
