import { databasePath, openDb, migrateDb } from "@/db/client";
import { issueApiToken } from "@/lib/tokens";
import { findUserIdByEmail } from "@/lib/users";
import { loadEnv } from "./env-file";
import { parseArgs } from "node:util";

/** npm run user:token -- --email E [--name LABEL] [--days N] [--scope read|write]: prints a new personal API token (stored hashed). */
function main(): void {
  loadEnv({ createSecret: false });
  const { values: a } = parseArgs({
    options: { email: { type: "string" }, name: { type: "string" }, days: { type: "string" }, scope: { type: "string" } },
  });
  if (!a.email) throw new Error("--email is required");
  const db = openDb(databasePath());
  try {
    migrateDb(db);
    const userId = findUserIdByEmail(db, a.email);
    if (!userId) throw new Error(`No user with e-mail ${a.email}`);
    const { token } = issueApiToken(db, { label: `cli:user:token (${process.env.USER ?? "operator"})` }, userId, {
      name: a.name ?? "cli",
      days: a.days,
      scope: a.scope as "read" | "write" | undefined,
    });
    console.log(token);
  } finally {
    db.$client.close();
  }
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
