import v8 from "node:v8";
import vm from "node:vm";

/**
 * A full garbage collection between slices of a file import (decision 055, issue 12). The preview
 * and the apply are synchronous loops over every row: the event loop never idles, so V8 collects
 * the old generation only when it reaches a limit of about four times what was live at the last
 * collection. A 50,000-row import keeps under 100 MB alive but let the heap grow to 250–300 MB
 * with the garbage of its rows, and the process past 400–550 MB resident. Collecting every
 * SLICE rows bounds the heap by what is live plus one slice's garbage: the same file stays under
 * 300 MB, for about 50–100 ms per collection. Only for a job this size; nothing else calls it,
 * and no heap limit is set (a limit would cap every request of the server).
 */
export const SLICE = 5_000;

type Collect = () => void;
let collect: Collect | null | undefined;

/**
 * V8's own `gc` function: the global one when node runs with --expose-gc, otherwise obtained
 * once from a fresh context created while the flag is on (the flag is set back off at once).
 * Null where V8 refuses, and then the import simply runs without it.
 */
function collector(): Collect | null {
  const global = (globalThis as { gc?: unknown }).gc;
  if (typeof global === "function") return global as Collect;
  try {
    v8.setFlagsFromString("--expose-gc");
    const fn = vm.runInNewContext("gc") as unknown;
    return typeof fn === "function" ? (fn as Collect) : null;
  } catch {
    return null;
  } finally {
    v8.setFlagsFromString("--no-expose-gc");
  }
}

/** Collects after each SLICE rows of a loop (`done` rows so far), never at its start. */
export function collectBetweenSlices(done: number): void {
  if (done > 0 && done % SLICE === 0) collectNow();
}

/** Collects between two phases of a job of `rows` rows (say, before the rollups), if it is a large one. */
export function collectBetweenPhases(rows: number): void {
  if (rows >= SLICE) collectNow();
}

function collectNow(): void {
  if (collect === undefined) collect = collector();
  collect?.();
}
