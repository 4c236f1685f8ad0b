import { execFile } from "node:child_process";
import path from "node:path";
import { backupSettings } from "@/lib/env";
import { databasePath } from "@/db/client";

type Log = { info: (o: object, msg: string) => void; error: (o: object, msg: string) => void };

/**
 * RASD_BACKUP_INTERVAL_HOURS > 0: the server takes a backup that often (npm run db:backup, in a child
 * process so that the copy never holds up requests), into RASD_BACKUP_DIR, keeping RASD_BACKUP_KEEP.
 * Returns a function that stops the schedule.
 */
export function scheduleBackups(log: Log): () => void {
  const settings = backupSettings(databasePath());
  if (settings.intervalHours <= 0) return () => {};
  const script = path.join(process.cwd(), "scripts", "db-backup.ts");
  let running = false;
  const take = () => {
    if (running) return;
    running = true;
    execFile(process.execPath, ["--import", "tsx", script], { env: process.env, timeout: 60 * 60_000 }, (err, stdout, stderr) => {
      running = false;
      if (err) log.error({ event: "backup.failed", reason: (stderr || err.message).trim() }, "scheduled backup failed");
      else log.info({ event: "backup.done", output: stdout.trim() }, "scheduled backup written");
    });
  };
  const timer = setInterval(take, settings.intervalHours * 3_600_000);
  timer.unref();
  log.info({ event: "backup.scheduled", everyHours: settings.intervalHours, dir: settings.dir, keep: settings.keep }, "scheduled backups on");
  return () => clearInterval(timer);
}
