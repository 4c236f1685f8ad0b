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
