import fs from "node:fs";
import path from "node:path";
import { databasePath, openDb } from "@/db/client";
import { prepareDatabase } from "@/lib/seed/prepare-database";
import { refuseToStart } from "@/lib/ops/check";
import type { DemoCredentials } from "@/lib/seed/demo";
import { readServerEnv } from "@/lib/env";
import { loadEnv } from "./env-file";

/** Prints the demo passwords once and keeps a copy readable only by the owner. */
function reportCredentials(creds: DemoCredentials): void {
  const file = path.join(path.dirname(databasePath()), "demo-credentials.txt");
  const text = creds.map((c) => `${c.role.padEnd(12)} ${c.email.padEnd(28)} ${c.password}`).join("\n") + "\n";
  fs.writeFileSync(file, text, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  console.log("\nDemo accounts (shown once; a copy is in " + path.relative(process.cwd(), file) + ", mode 600):\n");
  console.log(text);
}

export async function prepare(demoAllowed: boolean): Promise<void> {
  const env = readServerEnv();
  const file = databasePath();
  // A corrupt file would start and answer 500 to every summary and save: refuse it before anything writes.
  const refusal = refuseToStart(file);
  if (refusal) throw new Error(refusal);
  const db = openDb(file);
  try {
    const { demo } = await prepareDatabase(db, {
      demo: demoAllowed && env.RASD_DEMO === "1",
      log: (l) => console.log(l),
    });
    if (demo) reportCredentials(demo);
  } finally {
    db.$client.close();
  }
}

if (process.argv[1]?.endsWith("prepare-db.ts")) {
  loadEnv({ createSecret: true });
  prepare(!process.argv.includes("--no-demo")).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
