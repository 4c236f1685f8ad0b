import { openDb, type Db } from "@/db/client";
import { AppError } from "../errors";

/**
 * A figures import's one transaction, on a connection of its own, so that the work can pause
 * between slices of rows (decision 063): immediate for the apply (it writes), deferred for a
 * preview (a snapshot: every read of the plan sees the same database, even across pauses).
 *
 * Paused, the process answers other requests and sends the import's progress: reads see the
 * database as it was before the import (WAL); a write of this process is refused at once as
 * "busy" (503, try again) instead of blocking the thread the import needs until its busy
 * timeout; other processes' writes wait for the lock as they wait for any write. A connection of
 * its own matters: on the process's shared one, a request answered during a pause would run
 * inside the import's transaction.
 *
 * All or nothing as before: COMMIT at the end, ROLLBACK on any error, and a killed process
 * leaves an uncommitted WAL that SQLite discards. An in-memory database (no second connection
 * can see it) runs on its own connection, without pauses.
 */

export type Pause = () => Promise<void>;

/** Rows between two pauses: a few milliseconds of work. */
export const PAUSE_EVERY = 500;

const yieldToEventLoop: Pause = () => new Promise((resolve) => setImmediate(resolve));
export const noPause: Pause = () => Promise.resolve();

/** One apply at a time per process: a second would wait for the first's lock on the one thread both need. */
let applying = false;

export async function importTransaction<T>(db: Db, mode: "apply" | "preview", work: (tx: Db, pause: Pause) => Promise<T>): Promise<T> {
  const writes = mode === "apply";
  if (writes && applying) throw new AppError("conflict", { key: "figuresImport.anotherRunning" });
  const shared = db.$client;
  // Already in the caller's transaction (a test's): the work is part of it, without pauses.
  const nested = shared.inTransaction;
  const own = shared.memory || nested ? db : openDb(shared.name);
  const busyMs = shared.pragma("busy_timeout", { simple: true }) as number;
  if (writes) applying = true;
  try {
    if (nested) return await work(db, noPause);
    if (own !== db && writes) shared.pragma("busy_timeout = 0");
    own.$client.exec(writes ? "BEGIN IMMEDIATE" : "BEGIN");
    try {
      const result = await work(own, own === db ? noPause : yieldToEventLoop);
      own.$client.exec("COMMIT");
      return result;
    } catch (e) {
      if (own.$client.inTransaction) own.$client.exec("ROLLBACK");
      throw e;
    }
  } finally {
    if (own !== db) {
      if (writes) shared.pragma(`busy_timeout = ${busyMs}`);
      own.$client.close();
    }
    if (writes) applying = false;
  }
}
