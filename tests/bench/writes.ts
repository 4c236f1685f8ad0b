import fs from "node:fs";
import { openDb } from "../../db/client";
import { issueApiToken } from "../../lib/tokens";
import { insertUser } from "../../lib/users";
import { generatePassword } from "../../lib/auth/password";
import { addWeeks } from "../../lib/weeks";
import { LAST_WEEK } from "./generate";

/**
 * The save benchmark: `writers` API clients, each saving its own report (a community of its own, the
 * week after the generated ones, on a tree full of figures) over and over with the version it was
 * last given: the first save creates it, every later one is an update that changes the rollups of
 * its four ancestors, as a coordinator's correction does.
 * Measured on a scratch copy of the bench database, so that the page figures never see these writes.
 */

export type WriteSetup = { file: string; token: string; areas: string[] };
const WEEK = addWeeks(LAST_WEEK, 1);

export type WriteResult = { writers: number; saves: number; errors: number; statuses: Record<string, number>; savesPerSecond: number; p50: number; p99: number; max: number };

/** A scratch copy of the bench database beside it (VACUUM INTO: consistent, compact), for a measure that writes. */
export function scratchCopy(benchFile: string, suffix: string): string {
  const file = benchFile.replace(/\.db$/, `-${suffix}.db`);
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  const src = openDb(benchFile);
  src.$client.prepare("vacuum into ?").run(file);
  src.$client.close();
  return file;
}

/** A scratch copy (scratchCopy) with a coordinator of every governorate and a write token. */
export async function prepareWrites(benchFile: string, maxWriters: number): Promise<WriteSetup> {
  const file = scratchCopy(benchFile, "writes");
  const db = openDb(file);
  try {
    const governorates = db.$client.prepare("select pcode from areas where level = 1 order by pcode").pluck().all() as string[];
    const { id } = await insertUser(db, { label: "bench" }, { email: "bench-writer@example.org", name: "Bench writer", role: "coordinator", areas: governorates, password: generatePassword() });
    const { token } = issueApiToken(db, { label: "bench" }, id, { name: "bench", days: 1, scope: "write" });
    // Spread over the whole tree, so that writers update different districts' rollups.
    const leaves = db.$client.prepare("select pcode from areas where level = 4 order by pcode").pluck().all() as string[];
    const step = Math.max(1, Math.floor(leaves.length / maxWriters));
    return { file, token, areas: Array.from({ length: maxWriters }, (_, i) => leaves[(i * step) % leaves.length]!) };
  } finally {
    db.$client.close();
  }
}

const body = (newly: number, version: number) =>
  JSON.stringify({
    newlyDisplacedFamilies: newly,
    repeatDisplacedFamilies: Math.floor(newly / 3),
    totalDisplacedFamilies: newly * 4,
    individuals: newly * 5,
    sectors: { food_security: { gapPct: (newly % 1000) / 10 }, nfi: { gapPct: 50 }, shelter: { gapPct: 75, familiesInNeed: newly } },
    notes: "bench",
    source: "bench",
    status: "submitted",
    version,
  });

/** `writers` concurrent savers for `seconds` (after `warmupSeconds` not counted): saves per second and latencies in ms. */
export async function measureWrites(base: string, setup: WriteSetup, writers: number, seconds: number, warmupSeconds: number): Promise<WriteResult> {
  const headers = { Authorization: `Bearer ${setup.token}`, "Content-Type": "application/json" };
  const current = async (pcode: string) => {
    const res = await fetch(`${base}/api/v1/reports/${pcode}/${WEEK}`, { headers });
    return res.ok ? ((await res.json()) as { version: number }).version : 0;
  };
  const versions = await Promise.all(setup.areas.slice(0, writers).map(current));
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let errors = 0;
  let seq = 0;
  const start = performance.now();
  const countFrom = start + warmupSeconds * 1000;
  const end = countFrom + seconds * 1000;
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const pcode = setup.areas[w]!;
      while (performance.now() < end) {
        const t = performance.now();
        const res = await fetch(`${base}/api/v1/reports/${pcode}/${WEEK}`, { method: "PUT", headers, body: body(1000 + (seq++ % 9000), versions[w]!) });
        const answer = (await res.json().catch(() => null)) as { version?: number } | null;
        if (res.ok && typeof answer?.version === "number") versions[w] = answer.version;
        // Nobody else writes these reports, so a 409 would be the benchmark's own mistake: start from the stored version.
        else if (res.status === 409) versions[w] = await current(pcode);
        if (t < countFrom) continue;
        latencies.push(performance.now() - t);
        if (!res.ok) {
          errors++;
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      }
    }),
  );
  const elapsed = (performance.now() - countFrom) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  const ok = latencies.length - errors;
  return { writers, saves: ok, errors, statuses, savesPerSecond: ok / elapsed, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? 0 };
}
