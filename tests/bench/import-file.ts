import fs from "node:fs";
import path from "node:path";
import { addWeeks } from "../../lib/weeks";

/** The P-codes of the Syrian list's communities (level 4), in the list's order. */
export function communityPcodes(): string[] {
  return fs
    .readFileSync(path.join(__dirname, "..", "..", "db", "seed-data", "syria_admin.csv"), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("4,"))
    .map((l) => l.split(",")[1]!);
}

/**
 * The import benchmarks' file: `rows` rows of Rasd's own export columns (HXL headers), every
 * community of the Syrian list in turn, one week after another from `firstWeek`.
 */
export function figuresFile(rows: number, firstWeek: string): { name: string; bytes: Uint8Array } {
  const communities = communityPcodes();
  const lines = [
    "#adm4+code,#date+week,#affected+idps+hh+new,#affected+idps+hh+repeat,#affected+idps+hh+total,#indicator+gap+pct+food_security,#indicator+gap+pct+nfi,#indicator+gap+pct+shelter",
  ];
  for (let i = 0; lines.length <= rows; i++) {
    const week = addWeeks(firstWeek, Math.floor(i / communities.length));
    const n = 10 + (i % 500);
    lines.push(`${communities[i % communities.length]},${week},${n},${Math.floor(n / 3)},${n * 8},${i % 101},${(i * 7) % 101},${(i * 13) % 101}`);
  }
  return { name: `bench-${rows}.csv`, bytes: new TextEncoder().encode(lines.join("\n")) };
}

/** A size in /proc/PID/status, in bytes, or null where /proc is not Linux's. */
function statusBytes(pid: number | "self", field: "VmHWM" | "VmRSS"): number | null {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+)\\s+kB`).exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : null;
  } catch {
    return null;
  }
}

/** A process's resident high-water mark in bytes (VmHWM), or null. */
export const highWater = (pid: number | "self" = "self") => statusBytes(pid, "VmHWM");
/** A process's resident size in bytes (VmRSS), or null. */
export const resident = (pid: number | "self" = "self") => statusBytes(pid, "VmRSS");

/** Starts a process's high-water mark again from its current resident size (Linux: "5" to clear_refs). */
export function resetHighWater(pid: number | "self" = "self"): void {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    // Not Linux: the high-water mark then covers the whole run, which is only more.
  }
}

export const mb = (b: number | null) => (b === null ? "n/a" : `${Math.round(b / 1024 / 1024)} MB`);
