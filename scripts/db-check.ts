import fs from "node:fs";
import { databasePath, openDb } from "@/db/client";
import { rebuildAllRollups } from "@/lib/figures/maintain";
import { checkDatabase } from "@/lib/ops/check";
import { loadEnv } from "./env-file";

/**
 * npm run db:check [-- --all] [-- --repair]: integrity, foreign keys, migrations, and the maintained
 * rollups against a recomputation (four sampled weeks and the newest four; every week with --all).
 * Safe while the server runs. Exits 1 when anything is wrong. --repair rebuilds the rollups when
 * only they differ (the reports are the truth they are computed from).
 */
function main(): number {
  loadEnv({ createSecret: false });
  const args = process.argv.slice(2);
  const file = databasePath();
  if (!fs.existsSync(file)) throw new Error(`No database at ${file} (set DATABASE_PATH)`);
  const db = openDb(file);
  try {
    const started = Date.now();
    const report = checkDatabase(db.$client, { all: args.includes("--all") });
    for (const l of report.checks) console.log(`${l.ok ? "ok  " : "FAIL"} ${l.name.padEnd(13)} ${l.detail}`);
    console.log(`${report.ok ? "Database is healthy" : "Database has problems"} (${file}, ${Date.now() - started} ms)`);
    const onlyRollups = !report.ok && report.checks.every((l) => l.ok || l.name === "rollups");
    if (onlyRollups && args.includes("--repair")) {
      rebuildAllRollups(db);
      console.log("Rollups rebuilt from the reports.");
      return 0;
    }
    if (!report.ok && report.checks.some((l) => !l.ok && l.name === "integrity"))
      console.log("The file is damaged: restore the latest good backup (npm run db:restore -- FILE, docs/operations.md).");
    return report.ok ? 0 : 1;
  } finally {
    db.$client.close();
  }
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`Check failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
