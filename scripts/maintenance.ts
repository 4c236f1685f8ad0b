import { openDb, databasePath } from "@/db/client";
import { pruneExpiredCounters } from "@/lib/ops/prune";
import { scheduleBackups } from "./scheduled-backups";

type Log = { info: (o: object, msg: string) => void; error: (o: object, msg: string) => void };

const PRUNE_EVERY_MS = 3_600_000;

/**
 * The server's timed jobs: scheduled backups (if asked) and the hourly pruning of expired sign-in
 * counters. Run by one process only, the primary when there are workers (scripts/serve.ts), so that
 * two workers never take the same backup or delete the same rows. Returns a function that stops them.
 */
export function scheduleMaintenance(log: Log): () => void {
  const stopBackups = scheduleBackups(log);
  const prune = () => {
    // A connection of its own for a moment: in a cluster's primary nothing else has one open.
    let db: ReturnType<typeof openDb> | null = null;
    try {
      db = openDb(databasePath());
      const deleted = pruneExpiredCounters(db.$client);
      log.info({ event: "prune.done", deleted }, "expired sign-in counters pruned");
    } catch (e) {
      // A full disk or a read-only file: the counters wait for the next hour; serving goes on.
      log.error({ event: "prune.failed", reason: e instanceof Error ? e.message : String(e) }, "pruning failed");
    } finally {
      db?.$client.close();
    }
  };
  const timer = setInterval(prune, PRUNE_EVERY_MS);
  timer.unref();
  return () => {
    stopBackups();
    clearInterval(timer);
  };
}
