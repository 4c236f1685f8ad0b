import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { migrationState } from "./check";

/** Below this much free space a write may fail with a full disk: say so before it does. */
const MIN_FREE_BYTES = 16 * 1024 * 1024;

export type Readiness = { ready: boolean; reasons: string[]; database: { writable: boolean; migrations: "current" | "pending" | "newer"; freeBytes: number | null } };

/**
 * Whether this server can do its work, for a supervisor or load balancer: the database takes a write
 * (the write lock is taken and a no-op update rolled back, so nothing changes), its migrations are
 * the code's, and its disk has room. Not a guard: it reveals no data and needs no sign-in.
 */
export function readiness(db: Db): Readiness {
  const c = db.$client;
  const reasons: string[] = [];
  let writable = true;
  try {
    c.exec("begin immediate");
    try {
      c.prepare("update figure_rules set carry_forward_weeks = carry_forward_weeks where id = 1").run();
    } finally {
      c.exec("rollback");
    }
  } catch (e) {
    writable = false;
    const code = (e as { code?: string }).code ?? "unknown";
    reasons.push(code.startsWith("SQLITE_READONLY") ? "database_read_only" : code.startsWith("SQLITE_BUSY") ? "database_busy" : code === "SQLITE_FULL" ? "disk_full" : `database_error:${code}`);
  }
  const m = migrationState(c);
  const migrations = m.newer ? "newer" : m.pending ? "pending" : "current";
  if (migrations !== "current") reasons.push(`migrations_${migrations}`);
  let freeBytes: number | null = null;
  try {
    const s = fs.statfsSync(path.dirname(c.name));
    freeBytes = s.bavail * s.bsize;
    if (freeBytes < MIN_FREE_BYTES) reasons.push("disk_almost_full");
  } catch {
    // An in-memory database or a platform without statfs: nothing to say about the disk.
  }
  return { ready: reasons.length === 0, reasons, database: { writable, migrations, freeBytes } };
}
