import { openDb } from "../../db/client";
import { generatePassword } from "../../lib/auth/password";
import { issueApiToken } from "../../lib/tokens";
import { insertUser } from "../../lib/users";
import { scratchCopy } from "./writes";
import { figuresFile, highWater, mb, resetHighWater, resident } from "./import-file";

/**
 * The figures import through the production server (POST /api/v1/imports, as a client or the
 * CLI's users send it): a dry run, then the apply with the dry run's fingerprint, of 10,000 and
 * 50,000 rows. Memory is the server process's own resident high-water mark (/proc/PID/status),
 * reset before each file: issue 12's "50,000 rows with the server under 300 MB resident",
 * measured on the server itself rather than on a process that only runs lib/.
 */

/** A scratch copy of the bench database (the import writes) with an admin and a write token: an admin's weeks are never locked. */
export async function prepareImport(benchFile: string): Promise<{ file: string; token: string }> {
  const file = scratchCopy(benchFile, "import");
  const db = openDb(file);
  try {
    const { id } = await insertUser(db, { label: "bench" }, { email: "bench-importer@example.org", name: "Bench importer", role: "admin", areas: [], password: generatePassword() });
    return { file, token: issueApiToken(db, { label: "bench" }, id, { name: "bench", days: 1, scope: "write" }).token };
  } finally {
    db.$client.close();
  }
}

export type ServerImportResult = { rows: number; previewMs: number; applyMs: number; created: number; before: number | null; previewPeak: number | null; peak: number | null };

export async function measureImportOverHttp(base: string, pid: number, token: string, files: { rows: number; firstWeek: string }[]): Promise<ServerImportResult[]> {
  const results: ServerImportResult[] = [];
  for (const { rows, firstWeek } of files) {
    const file = figuresFile(rows, firstWeek);
    const body = Buffer.from(file.bytes);
    const headers = { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" };
    const before = resident(pid);
    resetHighWater(pid);
    let t = performance.now();
    const dry = await fetch(`${base}/api/v1/imports?dryRun=true&status=submitted`, { method: "POST", headers, body });
    const plan = (await dry.json()) as { fingerprint?: string; errors?: unknown[] };
    if (dry.status !== 200 || !plan.fingerprint) throw new Error(`the dry run of ${rows} rows answered ${dry.status}: ${JSON.stringify(plan).slice(0, 300)}`);
    const previewMs = performance.now() - t;
    const previewPeak = highWater(pid);
    t = performance.now();
    const applied = await fetch(`${base}/api/v1/imports?status=submitted&confirmWarnings=true&fingerprint=${plan.fingerprint}`, { method: "POST", headers, body });
    const done = (await applied.json()) as { import?: { created: number } };
    if (applied.status !== 201 || !done.import) throw new Error(`the apply of ${rows} rows answered ${applied.status}: ${JSON.stringify(done).slice(0, 300)}`);
    results.push({ rows, previewMs, applyMs: performance.now() - t, created: done.import.created, before, previewPeak, peak: highWater(pid) });
  }
  return results;
}

export function printServerImport(results: ServerImportResult[]): void {
  for (const r of results)
    console.log(
      `  ${r.rows.toLocaleString("en")} rows: dry run ${Math.round(r.previewMs)} ms, apply ${Math.round(r.applyMs)} ms (${r.created} created, times include the HTTP round trip and the JSON answer); ` +
        `server resident before ${mb(r.before)}, peak ${mb(r.peak)} (dry run ${mb(r.previewPeak)})`,
    );
}
