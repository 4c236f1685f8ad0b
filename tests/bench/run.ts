/**
 * npm run bench [-- --scale 10] [--seconds 12] [--rounds 3] [--warmup 2] [--concurrency 4] [--port 3210] [--fresh] [--uncached]
 *                [--only pages|writes|import] [--writers 20,50] [--write-seconds 10] [--cores N]
 *
 * Requires a production build (`npm run build`). Builds (or reuses) a Syria-scale database in
 * data/bench-scale{N}.db, starts the production server (scripts/serve.ts) on 127.0.0.1 against it with a fresh AUTH_SECRET,
 * signs a viewer in once with Chromium, then measures requests per second of each summary page
 * and API against trivial ones of the same app. `--uncached` turns the summary cache off
 * (RASD_SUMMARY_CACHE=0): every request then recomputes its figures, as the first reader of a
 * week after a change does. Each target is measured in several rounds spread
 * over the run (round robin), and the median round is kept: a two-core machine that also runs
 * the load generator is noisy. Then the saves (tests/bench/writes.ts): throughput and p50/p99 of
 * API saves at 20 and 50 concurrent writers, with one server process and with one per core
 * (RASD_WORKERS; --cores sets the second). Last, the figures import (tests/bench/import.ts: preview and
 * apply of 10,000 and 50,000 rows, their peak memory, one form save), which needs no build
 * (`--only import`). Prints figures; it is not a pass/fail test.
 */
import fs from "node:fs";
import path from "node:path";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { migrateDb, openDb } from "../../db/client";
import { generatePassword, hashPassword } from "../../lib/auth/password";
import os from "node:os";
import { generate, LAST_WEEK } from "./generate";
import { measureWrites, prepareWrites, type WriteResult } from "./writes";
import { measureImportOverHttp, prepareImport, printServerImport } from "./import-server";
import { serverBundle } from "../../scripts/server-bundle";

const ROOT = path.join(__dirname, "..", "..");
const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    seconds: { type: "string", default: "12" },
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "2" },
    concurrency: { type: "string", default: "4" },
    port: { type: "string", default: "3210" },
    fresh: { type: "boolean", default: false },
    uncached: { type: "boolean", default: false },
    only: { type: "string" },
    writers: { type: "string", default: "20,50" },
    "write-seconds": { type: "string", default: "10" },
    cores: { type: "string", default: String(os.availableParallelism()) },
  },
});
const SCALE = Number(args.scale);
const SECONDS = Number(args.seconds);
const ROUNDS = Math.max(1, Number(args.rounds));
const CONCURRENCY = Number(args.concurrency);
const BASE = `http://127.0.0.1:${args.port}`;
// The viewer gets a new random password every run: nothing fixed in the repo, even for a throwaway database.
const VIEWER = { email: "bench-viewer@example.org", password: generatePassword() };

type Target = { name: string; path: string; kind: "baseline-page" | "baseline-route" | "page" | "api" };
const TARGETS: Target[] = [
  { name: "trivial route /api/health", path: "/api/health", kind: "baseline-route" },
  { name: "trivial page /en/signin", path: "/en/signin", kind: "baseline-page" },
  { name: "dashboard /en", path: "/en", kind: "page" },
  { name: "area page SY02 (governorate)", path: `/en/areas/SY02?week=${LAST_WEEK}`, kind: "page" },
  { name: "area page SY0200 (district)", path: `/en/areas/SY0200?week=${LAST_WEEK}`, kind: "page" },
  { name: "area page SY02, 52-week trend", path: `/en/areas/SY02?week=${LAST_WEEK}&range=52`, kind: "page" },
  { name: "gap report (districts)", path: "/en/reports/gaps", kind: "page" },
  { name: "gap report (sub-districts of Aleppo, 4 weeks)", path: `/en/reports/gaps?week=${LAST_WEEK}&from=2023-W49&level=3&parent=SY02&sector=shelter`, kind: "page" },
  { name: "map (districts)", path: "/en/map?level=2", kind: "page" },
  { name: "API summary SY02", path: `/api/v1/summary/SY02?week=${LAST_WEEK}`, kind: "api" },
  { name: "API gaps (sub-districts, JSON)", path: `/api/v1/gaps?week=${LAST_WEEK}&level=3&sector=shelter`, kind: "api" },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A generated password must be changed at first sign-in (pages redirect to /account?mustChange=1),
// which would make every measured request a redirect: the bench viewer keeps the one set here.
async function setViewerPassword(file: string): Promise<void> {
  const db = openDb(file);
  db.$client.prepare("update users set password_hash = ?, must_change_password = 0 where email = ?").run(await hashPassword(VIEWER.password), VIEWER.email);
  db.$client.close();
}

async function database(): Promise<string> {
  const file = await databaseFile();
  await setViewerPassword(file);
  return file;
}

async function databaseFile(): Promise<string> {
  const file = path.join(ROOT, "data", `bench-scale${SCALE}.db`);
  if (!args.fresh && fs.existsSync(file)) {
    const db = openDb(file);
    // A database generated by an older checkout gets the newer migrations (indexes) first.
    migrateDb(db);
    const n = db.$client.prepare("select count(*) from weekly_reports").pluck().get() as number;
    const areas = db.$client.prepare("select count(*) from areas").pluck().get() as number;
    db.$client.close();
    if (n > 0) {
      console.log(`Reusing ${path.relative(ROOT, file)}: ${areas.toLocaleString("en")} areas, ${n.toLocaleString("en")} weekly reports (--fresh to rebuild).`);
      return file;
    }
  }
  console.log(`Generating ${path.relative(ROOT, file)} at scale ${SCALE}…`);
  const t0 = Date.now();
  const g = await generate(file, SCALE);
  console.log(`  ${g.areas.toLocaleString("en")} areas, ${g.reports.toLocaleString("en")} weekly reports in ${((Date.now() - t0) / 1000).toFixed(0)} s.`);
  return file;
}

async function startServer(dbFile: string, workers = 1): Promise<ChildProcess> {
  // The production server (scripts/serve.ts), as npm start runs it.
  const server = spawn(process.execPath, ["--expose-gc", serverBundle(ROOT)], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(args.port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_TRUST_HOST: "true",
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      DATABASE_PATH: dbFile,
      RASD_DEMO: "0",
      RASD_SUMMARY_CACHE: args.uncached ? "0" : "1",
      RASD_WORKERS: String(workers),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  server.kill("SIGTERM");
  throw new Error("the server did not answer within 60 s");
}

/** Signs in once through the real form (Chromium), and returns the session cookie header. */
async function signIn(): Promise<string> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${BASE}/en/signin`);
    await page.locator("#email").fill(VIEWER.email);
    await page.locator("#password").fill(VIEWER.password);
    await page.locator("form button[type=submit]").click();
    await page.getByTestId("signed-in-as").waitFor({ timeout: 30_000 });
    const cookies = await page.context().cookies();
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}

type Result = { target: Target; requests: number; errors: number; rps: number; p50: number; p95: number; bytes: number };

async function measure(target: Target, cookie: string, seconds: number): Promise<Result> {
  const url = BASE + target.path;
  const get = async () => {
    const res = await fetch(url, { headers: { cookie }, redirect: "manual" });
    const body = await res.arrayBuffer();
    return { ok: res.status === 200, bytes: body.byteLength };
  };
  for (let i = 0; i < 3; i++) await get();
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  const end = performance.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const r = await get();
        latencies.push(performance.now() - t);
        if (!r.ok) errors++;
        bytes = r.bytes;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return { target, requests: latencies.length, errors, rps: latencies.length / elapsed, p50: at(0.5), p95: at(0.95), bytes };
}

function report(results: Result[]): void {
  const page = results.find((r) => r.target.kind === "baseline-page")!;
  const route = results.find((r) => r.target.kind === "baseline-route")!;
  const rows = results.map((r) => {
    // Issue #4's measure: every summary target against the trivial page. The trivial route
    // (/api/health: no session, no database) is shown for scale, not as a bar.
    const ratio = r.rps / page.rps;
    return {
      target: r.target.name,
      rps: r.rps.toFixed(1),
      "p50 ms": r.p50.toFixed(1),
      "p95 ms": r.p95.toFixed(1),
      KB: (r.bytes / 1024).toFixed(0),
      errors: String(r.errors),
      "× trivial page": ratio.toFixed(2),
      "× trivial route": (r.rps / route.rps).toFixed(2),
      "≥ 0.5× trivial page": r.target.kind.startsWith("baseline") ? "(baseline)" : ratio >= 0.5 ? "yes" : "NO",
    };
  });
  const cols = Object.keys(rows[0]!) as (keyof (typeof rows)[number])[];
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join("  ");
  console.log("\n" + line(cols));
  console.log(width.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
  console.log(`\nScale ${SCALE}${args.uncached ? ", summary cache off" : ""}; per target ${ROUNDS} rounds of ${(SECONDS / ROUNDS).toFixed(1)} s (median shown), concurrency ${CONCURRENCY}; one server process (scripts/serve.ts), load generator on the same machine.`);
}

async function main(): Promise<void> {
  const built = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"));
  if (args.only !== "import") {
    if (!built) {
      console.error("No production build: run `npm run build` first (the benchmark measures the production server).");
      process.exit(1);
    }
    const dbFile = await database();
    if (!args.only || args.only === "pages") await benchPages(dbFile);
    if (!args.only || args.only === "writes") await benchWrites(dbFile);
  }
  if (!args.only || args.only === "import") {
    await benchImport();
    if (built) await benchImportServer(await database());
    else console.log("No production build: the import through the server is not measured (`npm run build` first).");
  }
}

/** tests/bench/import.ts (npm run bench:import) in a process of its own, so that its memory figures are the import's alone. */
async function benchImport(): Promise<void> {
  console.log("\nFigures import (tests/bench/import.ts, in a process of its own)…");
  const child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", path.join(ROOT, "tests", "bench", "import.ts")], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the import benchmark exited with ${code}`);
}

/**
 * The import through the production server (tests/bench/import-server.ts), on a scratch copy of
 * the bench database: each file on a server of its own, started for it, so that its peak is
 * what the import adds to an idle server, not what an earlier import left on the heap.
 */
async function benchImportServer(dbFile: string): Promise<void> {
  console.log("\nFigures import through the server (POST /api/v1/imports, one server process, started afresh for each file)…");
  const setup = await prepareImport(dbFile);
  try {
    for (const file of [
      { rows: 10_000, firstWeek: "2010-W01" },
      { rows: 50_000, firstWeek: "2012-W01" },
    ]) {
      const server = await startServer(setup.file);
      try {
        printServerImport(await measureImportOverHttp(BASE, server.pid!, setup.token, [file]));
      } finally {
        await stopServer(server);
      }
    }
  } finally {
    for (const f of [setup.file, `${setup.file}-wal`, `${setup.file}-shm`]) fs.rmSync(f, { force: true });
  }
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await exited;
}

async function benchWrites(dbFile: string): Promise<void> {
  const counts = args.writers.split(",").map(Number).filter((n) => n > 0);
  const seconds = Number(args["write-seconds"]);
  const setup = await prepareWrites(dbFile, Math.max(...counts));
  const results: { workers: number; r: WriteResult }[] = [];
  for (const workers of [...new Set([1, Number(args.cores)])]) {
    console.log(`\nSaves with ${workers} server process${workers === 1 ? "" : "es"} (RASD_WORKERS=${workers})…`);
    const server = await startServer(setup.file, workers);
    try {
      // Every worker compiles and optimises the save path on its first requests.
      await measureWrites(BASE, setup, Math.max(...counts), 3, 0);
      for (const n of counts) {
        const r = await measureWrites(BASE, setup, n, seconds, 1);
        console.log(`  ${n} writers: ${r.savesPerSecond.toFixed(0)} saves/s, p99 ${r.p99.toFixed(0)} ms${r.errors ? `, ${r.errors} errors (${JSON.stringify(r.statuses)})` : ""}`);
        results.push({ workers, r });
      }
    } finally {
      await stopServer(server);
    }
  }
  const rows = results.map(({ workers, r }) => [String(workers), String(r.writers), r.savesPerSecond.toFixed(0), r.p50.toFixed(0), r.p99.toFixed(0), r.max.toFixed(0), String(r.errors)]);
  const cols = ["processes", "writers", "saves/s", "p50 ms", "p99 ms", "max ms", "errors"];
  const width = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(width[i]!)).join("  ");
  console.log("\n" + line(cols));
  console.log(width.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
  console.log(`\nAPI saves (PUT /api/v1/reports/…, each writer its own report, an update with rollups), ${seconds} s per row after a warm-up; scale ${SCALE}; load generator on the same machine (${os.availableParallelism()} cores).`);
  for (const f of [setup.file, `${setup.file}-wal`, `${setup.file}-shm`]) fs.rmSync(f, { force: true });
}

async function benchPages(dbFile: string): Promise<void> {
  console.log(`Starting the server (scripts/serve.ts) on ${BASE}…`);
  const server = await startServer(dbFile);
  try {
    const cookie = await signIn();
    // Warm up every route first: the first requests compile and optimise (JIT) the code they run.
    console.log("  warming up…");
    for (const t of TARGETS) await measure(t, cookie, Number(args.warmup));
    // Round robin: every target gets a slice of each part of the run; the median slice is kept.
    const rounds: Result[][] = TARGETS.map(() => []);
    for (let r = 0; r < ROUNDS; r++) {
      console.log(`  round ${r + 1} of ${ROUNDS}`);
      for (const [i, t] of TARGETS.entries()) {
        const res = await measure(t, cookie, SECONDS / ROUNDS);
        console.log(`    ${t.name}: ${res.rps.toFixed(1)} req/s${res.errors ? `, ${res.errors} errors` : ""}`);
        rounds[i]!.push(res);
      }
    }
    const results = rounds.map((rs) => [...rs].sort((a, b) => a.rps - b.rps)[Math.floor(rs.length / 2)]!);
    report(results);
  } finally {
    await stopServer(server);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
