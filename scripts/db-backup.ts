import fs from "node:fs";
import path from "node:path";
import { databasePath, openDb } from "@/db/client";
import { backupDatabase, backupFileName, rotateBackups } from "@/lib/ops/backup";
import { backupSettings } from "@/lib/env";
import { loadEnv } from "./env-file";

/**
 * npm run db:backup -- [FILE|FOLDER]: a checked, consistent copy of the database, safe while the
 * server runs. Without FILE it writes rasd-<time>.db into RASD_BACKUP_DIR (default data/backups)
 * and keeps the newest RASD_BACKUP_KEEP there. Prints the file written; exits 1 on any failure.
 */
function main(): void {
  loadEnv({ createSecret: false });
  const dbFile = databasePath();
  if (!fs.existsSync(dbFile)) throw new Error(`No database at ${dbFile} (set DATABASE_PATH)`);
  const settings = backupSettings(dbFile);
  const arg = process.argv.slice(2).find((a) => a !== "--");
  const intoFolder = !arg || (fs.existsSync(arg) && fs.statSync(arg).isDirectory());
  const dir = arg && intoFolder ? path.resolve(arg) : settings.dir;
  const target = intoFolder ? path.join(dir, backupFileName()) : path.resolve(arg);

  const db = openDb(dbFile);
  try {
    const { file, bytes } = backupDatabase(db.$client, target);
    console.log(`Backup written and checked (integrity ok): ${file} (${bytes} bytes, mode 600)`);
    if (intoFolder) for (const f of rotateBackups(dir, settings.keep)) console.log(`Removed old backup ${f} (keeping ${settings.keep})`);
  } finally {
    db.$client.close();
  }
}

try {
  main();
} catch (e) {
  console.error(`Backup failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
