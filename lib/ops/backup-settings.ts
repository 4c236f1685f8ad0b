import path from "node:path";
import { z } from "zod";
import { backupFields } from "../env";

/*
 * Read by the backup scripts only: kept out of lib/env.ts, which the Next bundle imports, because a
 * path resolved from the environment there makes the build trace the whole project.
 */
const backupEnv = z.object(backupFields);
export type BackupSettings = { dir: string; keep: number; intervalHours: number };

/** The backup settings; the folder defaults to `backups/` beside the database file. */
export function backupSettings(databaseFile: string, env: Record<string, string | undefined> = process.env): BackupSettings {
  const result = backupEnv.safeParse(env);
  if (!result.success) throw new Error(`Invalid configuration:\n${result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  const s = result.data;
  return {
    dir: path.resolve(s.RASD_BACKUP_DIR ?? path.join(path.dirname(databaseFile), "backups")),
    keep: s.RASD_BACKUP_KEEP,
    intervalHours: s.RASD_BACKUP_INTERVAL_HOURS,
  };
}
