import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { databasePath, migrateDb, openDb } from "@/db/client";
import { loadActor } from "@/lib/auth/actor";
import { englishText } from "@/lib/api/respond";
import { isAppError } from "@/lib/errors";
import { applyImport, previewImport } from "@/lib/import/apply";
import { findUserIdByEmail } from "@/lib/users";
import { loadEnv } from "./env-file";

/**
 * npm run import -- FILE --as E-MAIL [--dry-run] [--status draft|submitted] [--sheet NAME] [--confirm-warnings]
 * Imports weekly figures from a CSV or XLSX file as that account, with the checks of the web page
 * and the API (lib/import/): refused rows are printed by row and column, and nothing is written
 * unless every row is good.
 */
const USAGE = "Usage: npm run import -- FILE --as E-MAIL [--dry-run] [--status draft|submitted] [--sheet NAME] [--confirm-warnings]";

function bar(phase: string, done: number, total: number): void {
  if (!process.stderr.isTTY) return;
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r${phase.padEnd(8)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
}

async function main(): Promise<number> {
  loadEnv({ createSecret: false });
  const { values: a, positionals } = parseArgs({
    allowPositionals: true,
    options: { as: { type: "string" }, "dry-run": { type: "boolean" }, status: { type: "string" }, sheet: { type: "string" }, "confirm-warnings": { type: "boolean" } },
  });
  const fileName = positionals[0];
  if (!fileName || !a.as) throw new Error(USAGE);
  if (a.status !== undefined && a.status !== "draft" && a.status !== "submitted") throw new Error(`--status must be draft or submitted\n${USAGE}`);
  const db = openDb(databasePath());
  try {
    migrateDb(db);
    const id = findUserIdByEmail(db, a.as);
    const actor = id ? loadActor(db, id) : null;
    if (!actor) throw new Error(`No active account with e-mail ${a.as}`);
    const file = { name: path.basename(fileName), bytes: new Uint8Array(fs.readFileSync(fileName)) };
    const opts = { status: a.status as "draft" | "submitted" | undefined, sheet: a.sheet ?? null, onProgress: (phase: string, done: number, total: number) => bar(phase, done, total) };
    const p = await previewImport(db, actor, file, opts);
    console.log(`${p.rows} rows read: ${p.create} to create, ${p.update} to change, ${p.unchanged} unchanged.`);
    for (const c of p.mapping.columns) console.log(`  column ${c.index + 1} "${c.header}" → ${c.field ?? "(ignored)"}${c.via ? ` (${c.via})` : ""}`);
    for (const e of p.errors) console.log(`  row ${e.row}, ${e.column}: ${englishText(e.msg)}`);
    const warned = p.items.filter((i) => i.warnings.length);
    for (const i of warned) console.log(`  warning, row ${i.row} (${i.pcode} ${i.week}): ${i.warnings.map((w) => `${w.field} ${w.kind} (${"previous" in w ? w.previous : `${w.min ?? "–"}..${w.max ?? "–"}`} → ${w.current})`).join("; ")}`);
    if (p.errors.length) {
      console.log(`${p.errors.length} rows refused: nothing was imported.`);
      return 2;
    }
    if (a["dry-run"]) return 0;
    if (warned.length && !a["confirm-warnings"]) {
      console.log(`${warned.length} reports have plausibility warnings: check them, then run again with --confirm-warnings.`);
      return 2;
    }
    const done = await applyImport(db, actor, file, { ...opts, fingerprint: p.fingerprint, confirmWarnings: a["confirm-warnings"] ?? false });
    console.log(`Import ${done.id}: ${done.created} created, ${done.updated} changed, ${done.unchanged} unchanged. Undo: DELETE /api/v1/imports/${done.id}`);
    return 0;
  } finally {
    db.$client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(isAppError(e) ? [englishText(e.msg), ...(e.rowErrors ?? []).map((r) => `  row ${r.row}, ${r.column}: ${englishText(r.msg)}`)].join("\n") : e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
