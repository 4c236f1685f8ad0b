/**
 * npm run bench:import — preview and apply of a figures file (lib/import/) at 10,000 and 50,000
 * rows (every community of the Syrian list, over 6 and 30 weeks), on a fresh database with the
 * real migrations and area list, in this process; then one form save (saveWeeklyReport, an update
 * whose rollups change four ancestors) timed over many saves. Prints figures; it is not a
 * pass/fail test. `npm run bench` runs it too, in a process of its own.
 *
 * Times: wall clock, and this process's CPU time (user + system; the apply's one commit waits for
 * the disk too, which is wall time only).
 *
 * Memory: the process's resident high-water mark (VmHWM in /proc/self/status), reset before each
 * file (clear_refs), so it is the true peak of that file's preview and apply. A timer sampling
 * the resident size, which is what this bench printed before, sees only the moments the event
 * loop is free: the apply is one synchronous transaction, and its peak fell between samples. Both
 * are printed. The preview's result is dropped before the apply, as the server does (the page
 * keeps the upload and the plan's fingerprint, not the plan).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDb, openDb, type Db } from "../../db/client";
import { loadActor, type Actor } from "../../lib/auth/actor";
import { applyImport, previewImport } from "../../lib/import/apply";
import { saveWeeklyReport } from "../../lib/reports/save";
import { prepareDatabase } from "../../lib/seed/prepare-database";
import { insertUser } from "../../lib/users";
import { communityPcodes, figuresFile, highWater, mb, resetHighWater } from "./import-file";

/** This process's CPU time since `from`, in ms: on a shared two-core machine the wall time also counts the time others ran. */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(from);
  return Math.round((u.user + u.system) / 1000);
};

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rasd-bench-import-"));
  const db = openDb(path.join(dir, "bench.db"));
  migrateDb(db);
  await prepareDatabase(db, { demo: false });
  const { id } = await insertUser(db, { label: "bench" }, { email: "bench-importer@example.org", name: "Bench Importer", role: "admin", areas: [] });
  const admin = loadActor(db, id)!;
  let sampled = 0;
  const sampler = setInterval(() => (sampled = Math.max(sampled, process.memoryUsage().rss)), 20);
  console.log(`Process before the imports: ${mb(process.memoryUsage().rss)} resident (node, tsx, the modules, the database's area list).`);
  for (const [rows, week] of [
    [10_000, "2010-W01"],
    [50_000, "2012-W01"],
  ] as const) {
    const file = figuresFile(rows, week);
    sampled = process.memoryUsage().rss;
    resetHighWater();
    let t = performance.now();
    let cpu = process.cpuUsage();
    const { fingerprint, errors } = await previewImport(db, admin, file, { status: "submitted" });
    const previewMs = performance.now() - t;
    const previewCpu = cpuMs(cpu);
    const previewPeak = highWater();
    t = performance.now();
    cpu = process.cpuUsage();
    const done = await applyImport(db, admin, file, { status: "submitted", confirmWarnings: true, fingerprint });
    const applyMs = performance.now() - t;
    const applyCpu = cpuMs(cpu);
    const peak = highWater();
    console.log(
      `${rows.toLocaleString("en")} rows (${(file.bytes.length / 1024 / 1024).toFixed(1)} MB): preview ${Math.round(previewMs)} ms (CPU ${previewCpu}), apply ${Math.round(applyMs)} ms (CPU ${applyCpu}) (${done.created} created, ${errors.length} refused); ` +
        `peak resident ${mb(peak)} (preview ${mb(previewPeak)}; sampled every 20 ms: ${mb(sampled)})`,
    );
  }
  clearInterval(sampler);
  const saves = formSaves(db, admin, communityPcodes()[0]!, 300);
  console.log(`One form save (saveWeeklyReport: an update with its revision, audit row and the rollups of four ancestors), ${saves.n} saves: median ${saves.p50.toFixed(2)} ms, p90 ${saves.p90.toFixed(2)} ms.`);
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Saves one community's report `n` times as the entry form does (each save an update of the last version), after a warm-up. */
function formSaves(db: Db, admin: Actor, pcode: string, n: number): { n: number; p50: number; p90: number } {
  const week = "2014-W10";
  let version = 0;
  const times: number[] = [];
  for (let i = 0; i < n + 50; i++) {
    const newly = 100 + (i % 7);
    const t = performance.now();
    const saved = saveWeeklyReport(db, admin, {
      pcode,
      week,
      requireConfirmedWarnings: true,
      input: {
        newlyDisplacedFamilies: newly,
        repeatDisplacedFamilies: Math.floor(newly / 3),
        totalDisplacedFamilies: newly * 4,
        individuals: null,
        sectors: { food_security: { gapPct: 40 + (i % 5) }, nfi: { gapPct: 50 }, shelter: { gapPct: 75, familiesInNeed: newly } },
        notes: "bench",
        source: "bench",
        status: "submitted",
        version,
        acknowledgeWarnings: true,
      },
    });
    if (i >= 50) times.push(performance.now() - t);
    version = saved.report.version;
  }
  times.sort((a, b) => a - b);
  return { n, p50: times[Math.floor(n / 2)]!, p90: times[Math.floor(n * 0.9)]! };
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
