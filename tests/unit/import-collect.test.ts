import { describe, expect, it } from "vitest";
import { collectBeforeLargeFile, collectBetweenPhases, collectBetweenSlices, SLICE } from "@/lib/import/collect";

/** Leaves about 40 MB of garbage on the heap (strings only this function held) and gives the heap size with it. */
function garbage(): number {
  let rows: string[][] | null = Array.from({ length: 200_000 }, (_, i) => [`row ${i}`, String(i * 7), `${i % 101}`]);
  rows = null;
  void rows;
  return process.memoryUsage().heapUsed;
}
const MB = 1024 * 1024;

describe("collections between slices of an import (decision 055)", () => {
  it("collects at each slice's end, and not within a slice or at the start", () => {
    collectBetweenSlices(SLICE); // the collector is obtained on first use
    let before = garbage();
    collectBetweenSlices(0);
    collectBetweenSlices(SLICE - 1);
    expect(before - process.memoryUsage().heapUsed).toBeLessThan(10 * MB);
    before = garbage();
    collectBetweenSlices(2 * SLICE);
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(20 * MB);
  });

  it("collects between phases only for a job of at least a slice", () => {
    let before = garbage();
    collectBetweenPhases(SLICE - 1);
    expect(before - process.memoryUsage().heapUsed).toBeLessThan(10 * MB);
    before = garbage();
    collectBetweenPhases(SLICE);
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(20 * MB);
  });

  it("collects before a file of a quarter megabyte or more is parsed, not before a small one", () => {
    let before = garbage();
    collectBeforeLargeFile(256 * 1024 - 1);
    expect(before - process.memoryUsage().heapUsed).toBeLessThan(10 * MB);
    before = garbage();
    collectBeforeLargeFile(256 * 1024);
    expect(before - process.memoryUsage().heapUsed).toBeGreaterThan(20 * MB);
  });
});
