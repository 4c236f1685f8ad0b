import { databasePath } from "@/db/client";
import { restoreDatabase } from "@/lib/ops/backup";
import { loadEnv } from "./env-file";

/**
 * npm run db:restore -- FILE: replaces the database (DATABASE_PATH) with a backup. Stop the server
 * first: a database in use is refused. The current database is kept as <name>.before-restore-<time>.
 */
function main(): void {
  loadEnv({ createSecret: false });
  const file = process.argv.slice(2).find((a) => a !== "--");
  if (!file) throw new Error("usage: npm run db:restore -- FILE");
  const target = databasePath();
  const { keptAs } = restoreDatabase(file, target);
  console.log(`Restored ${target} from ${file}.`);
  if (keptAs) console.log(`The database it replaced is kept as ${keptAs}.`);
  console.log("Start the server: it applies any newer migrations and checks the database first.");
}

try {
  main();
} catch (e) {
  console.error(`Restore failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
