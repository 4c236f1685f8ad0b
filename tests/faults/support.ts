import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { openDb } from "@/db/client";
import { encode } from "next-auth/jwt";
import { generatePassword } from "@/lib/auth/password";
import { startSession } from "@/lib/auth/sessions";
import { insertUser } from "@/lib/users";
import { issueApiToken } from "@/lib/tokens";
import { TMP, ROOT } from "../factories";
import { serverBundle } from "../../scripts/server-bundle";

/**
 * The fault tests run the real production server (scripts/serve.ts over the `next build` output),
 * so they need a build: npm test builds before it runs vitest. Without one they are skipped, loudly.
 */
export const BUILT = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"));
if (!BUILT) console.warn("tests/faults: no production build (.next/BUILD_ID): run `npx next build` first; the fault tests are skipped");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type Fixture = { dir: string; dbPath: string; token: string; areas: string[] };

/** A database of its own (copied from the migrated base), with a coordinator for Aleppo and a write token. */
export async function prepareFixture(name: string, areaCount: number): Promise<Fixture> {
  const dir = path.join(TMP, `faults-${name}-${process.pid}-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const dbPath = path.join(dir, "rasd.db");
  fs.copyFileSync(path.join(TMP, "base.db"), dbPath);
  const db = openDb(dbPath);
  try {
    const { id } = await insertUser(db, { label: "test:faults" }, { email: `writer-${name}@example.org`, name: "Fault writer", role: "coordinator", areas: ["SY02"] });
    const { token } = issueApiToken(db, { label: "test:faults" }, id, { name: "faults", days: 1, scope: "write" });
    const areas = db.$client
      .prepare("select pcode from areas where level = 4 and path like (select path from areas where pcode = 'SY02') || '%' order by pcode limit ?")
      .pluck()
      .all(areaCount) as string[];
    return { dir, dbPath, token, areas };
  } finally {
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();
  }
}

export type Server = { baseURL: string; secret: string; child: ChildProcess; stop: () => Promise<void>; kill9: () => Promise<void>; output: () => string };

/**
 * The production server on a free port of 127.0.0.1 over `dbPath`; resolves once it answers.
 * One process unless `env` sets RASD_WORKERS: a kill -9 must hit the process that writes.
 */
export async function startServer(dbPath: string, env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const secret = randomBytes(32).toString("base64url");
  let output = "";
  const child = spawn(process.execPath, ["--expose-gc", serverBundle(ROOT)], {
    cwd: ROOT,
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      AUTH_TRUST_HOST: "true",
      AUTH_SECRET: secret,
      RASD_WORKERS: "1",
      RASD_DEMO: "0",
      LOG_LEVEL: "warn",
      DATABASE_PATH: dbPath,
      PORT: String(port),
      HOST: "127.0.0.1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${output}`);
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not answer within 60 s: ${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseURL,
    secret,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
    kill9: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

export type Ack = { pcode: string; week: string; version: number; newly: number };
export type WriteStats = { acked: Ack[]; conflicts: number; unavailable: number; failed: string[]; startedAt: Map<string, number> };

const figures = (newly: number, version: number) => ({
  newlyDisplacedFamilies: newly,
  repeatDisplacedFamilies: Math.floor(newly / 2),
  totalDisplacedFamilies: newly * 3,
  individuals: null,
  sectors: { food_security: { gapPct: (newly % 1000) / 10 }, nfi: { gapPct: 50 }, shelter: { gapPct: 75, familiesInNeed: newly } },
  notes: "",
  source: "faults",
  status: "submitted",
  version,
});

/**
 * `writers` clients, each saving its own keys over and over (two writers share each key, so that
 * stale versions meet 409s), until `stop()` says so or the connection goes (a killed server).
 * Every acknowledged save is kept with the version and figures the server confirmed.
 */
export function runWriters(baseURL: string, token: string, areas: string[], writers: number, week = "2021-W10") {
  const stats: WriteStats = { acked: [], conflicts: 0, unavailable: 0, failed: [], startedAt: new Map() };
  let running = true;
  let seq = 0;
  const versions = new Map<string, number>();
  const one = async (w: number) => {
    const pcode = areas[Math.floor(w / 2) % areas.length]!;
    const key = `${pcode}/${week}`;
    while (running) {
      const version = versions.get(key) ?? 0;
      const newly = 1000 + (seq++ % 9000);
      let res: Response;
      try {
        res = await fetch(`${baseURL}/api/v1/reports/${pcode}/${week}`, {
          method: "PUT",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(figures(newly, version)),
        });
      } catch {
        // The server went away (killed): whatever was not acknowledged is not counted.
        if (running) await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const body = (await res.json().catch(() => null)) as { version?: number; error?: { version?: number } } | null;
      // A body cut off by a killed server is no acknowledgement: the client never learnt the version.
      if ((res.status === 200 || res.status === 201) && typeof body?.version !== "number") continue;
      if (res.status === 200 || res.status === 201) {
        stats.acked.push({ pcode, week, version: body!.version!, newly });
        versions.set(key, body!.version!);
      } else if (res.status === 409) {
        stats.conflicts++;
        // Read the stored version back, as a client that starts over would.
        const cur = await fetch(`${baseURL}/api/v1/reports/${pcode}/${week}`, { headers: { Authorization: `Bearer ${token}` } })
          .then(async (r) => (r.ok ? ((await r.json()) as { version: number }) : null))
          .catch(() => null);
        if (cur) versions.set(key, cur.version);
      } else if (res.status === 503) stats.unavailable++;
      else stats.failed.push(`${res.status} ${JSON.stringify(body)}`);
    }
  };
  const all = Promise.all(Array.from({ length: writers }, (_, w) => one(w)));
  return {
    stats,
    stop: async () => {
      running = false;
      await all;
    },
  };
}

/**
 * Every acknowledged save is in the database: the report's version is at least the acknowledged one,
 * and the revision with that version holds exactly the figures that were sent. Returns the problems.
 */
export function lostWrites(c: import("better-sqlite3").Database, acked: Ack[]): string[] {
  const problems: string[] = [];
  const rev = c.prepare(
    "select r.version as current, v.snapshot as snapshot from weekly_reports r join areas a on a.id = r.area_id left join report_revisions v on v.report_id = r.id and v.version = ? where a.pcode = ? and r.week = ?",
  );
  for (const a of acked) {
    const row = rev.get(a.version, a.pcode, a.week) as { current: number; snapshot: string | null } | undefined;
    if (!row) problems.push(`${a.pcode} ${a.week}: report missing`);
    else if (row.current < a.version) problems.push(`${a.pcode} ${a.week}: version ${row.current} < acknowledged ${a.version}`);
    else if (!row.snapshot || !row.snapshot.includes(`"newlyDisplacedFamilies":${a.newly}`)) problems.push(`${a.pcode} ${a.week} v${a.version}: revision lacks the acknowledged figures`);
  }
  return problems;
}

/**
 * A session cookie for a new viewer, as signing in would set it (a session row, and the JWT that names
 * it sealed with the server's secret), so that a test can read pages without a browser.
 */
export async function viewerCookie(dbPath: string, secret: string): Promise<string> {
  const db = openDb(dbPath);
  try {
    const email = `viewer-${randomBytes(4).toString("hex")}@example.org`;
    const { id } = await insertUser(db, { label: "test:faults" }, { email, name: "Fault reader", role: "viewer", areas: [], password: generatePassword() });
    const sid = startSession(db, id, email, { userAgent: "faults", ip: "127.0.0.1" });
    const name = "authjs.session-token";
    const jwt = await encode({ token: { sub: String(id), sid }, secret, salt: name, maxAge: 3600 });
    return `${name}=${jwt}`;
  } finally {
    db.$client.close();
  }
}
