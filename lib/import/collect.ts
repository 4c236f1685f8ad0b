/**
 * Full garbage collections during a large figures import (decisions 055, 062; issue 12). The
 * preview and the apply are synchronous loops over every row: the event loop never idles, and V8
 * lets the old generation grow to a multiple of what was live at its last collection before it
 * collects again. A 50,000-row import keeps a few tens of megabytes alive but makes hundreds of
 * megabytes of garbage (the form's validation of every row, every save's statements), and the
 * resident size follows the heap's high-water mark, not what is live. Collecting every SLICE
 * rows, between phases and before a large file is parsed bounds the heap by what is live plus
 * one slice's garbage, for 50–100 ms per collection. Only for a job this size; nothing else
 * calls it, and no heap limit is set (a limit would cap every request of the server).
 */
export const SLICE = 5_000;
/** About SLICE rows of a figures file. */
const LARGE_FILE_BYTES = 256 * 1024;

/**
 * V8's own `gc`, which node exposes with --expose-gc: the server (scripts/start.ts,
 * tests/e2e/serve.sh, the benchmark) and `npm run import` start node with it. Without it the
 * import runs as before, only with a higher peak. Not turned on at run time with
 * v8.setFlagsFromString: Node warns that flags changed after start-up may do nothing or crash.
 */
function collectNow(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Collects after each SLICE rows of a loop (`done` rows so far), never at its start. */
export function collectBetweenSlices(done: number): void {
  if (done > 0 && done % SLICE === 0) collectNow();
}

/** Collects between two phases of a job of `rows` rows (say, before the rollups), if it is a large one. */
export function collectBetweenPhases(rows: number): void {
  if (rows >= SLICE) collectNow();
}

/** Collects before a large file is parsed: its rows then grow a heap without the garbage of what ran before. */
export function collectBeforeLargeFile(bytes: number): void {
  if (bytes >= LARGE_FILE_BYTES) collectNow();
}
