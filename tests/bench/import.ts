/**
 * npm run bench:import — preview and apply of a figures file (lib/import/) at 10,000 and 50,000
 * rows (every community of the Syrian list, over 6 and 30 weeks), on a fresh database with the
 * real migrations and area list, in this process: times, and the resident memory at its peak
 * (sampled every 20 ms) for the 50,000-row file. Prints figures; it is not a pass/fail test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDb, openDb } from "../../db/client";
import { loadActor } from "../../lib/auth/actor";
import { applyImport, previewImport } from "../../lib/import/apply";
import { prepareDatabase } from "../../lib/seed/prepare-database";
import { insertUser } from "../../lib/users";
import { addWeeks } from "../../lib/weeks";

const ROOT = path.join(__dirname, "..", "..");

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rasd-bench-import-"));
  const db = openDb(path.join(dir, "bench.db"));
  migrateDb(db);
  await prepareDatabase(db, { demo: false });
  const { id } = await insertUser(db, { label: "bench" }, { email: "bench-importer@example.org", name: "Bench Importer", role: "admin", areas: [] });
  const admin = loadActor(db, id)!;
  const communities = fs
    .readFileSync(path.join(ROOT, "db", "seed-data", "syria_admin.csv"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("4,"))
    .map((l) => l.split(",")[1]!);
  const head = "#adm4+code,#date+week,#affected+idps+hh+new,#affected+idps+hh+repeat,#affected+idps+hh+total,#indicator+gap+pct+food_security,#indicator+gap+pct+nfi,#indicator+gap+pct+shelter";
  const fileOf = (rows: number, firstWeek: string) => {
    const lines = [head];
    for (let i = 0; lines.length <= rows; i++) {
      const week = addWeeks(firstWeek, Math.floor(i / communities.length));
      const n = 10 + (i % 500);
      lines.push(`${communities[i % communities.length]},${week},${n},${Math.floor(n / 3)},${n * 8},${i % 101},${(i * 7) % 101},${(i * 13) % 101}`);
    }
    return { name: `bench-${rows}.csv`, bytes: new TextEncoder().encode(lines.join("\n")) };
  };
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
  for (const [rows, week] of [
    [10_000, "2010-W01"],
    [50_000, "2012-W01"],
  ] as const) {
    const file = fileOf(rows, week);
    peak = process.memoryUsage().rss;
    let t = performance.now();
    const plan = await previewImport(db, admin, file, { status: "submitted" });
    const previewMs = performance.now() - t;
    t = performance.now();
    const done = await applyImport(db, admin, file, { status: "submitted", confirmWarnings: true, fingerprint: plan.fingerprint });
    const applyMs = performance.now() - t;
    console.log(
      `${rows.toLocaleString("en")} rows (${(file.bytes.length / 1024 / 1024).toFixed(1)} MB): preview ${Math.round(previewMs)} ms, apply ${Math.round(applyMs)} ms (${done.created} created, ${plan.errors.length} refused), peak resident ${mb(peak)}`,
    );
  }
  clearInterval(sampler);
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
