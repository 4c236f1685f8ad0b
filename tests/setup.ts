import { afterEach, beforeEach, vi } from "vitest";
import { log } from "../lib/log";

// A console.error during a test is a defect: fail the test that produced it.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    errors.push(args);
  });
  // The server's logger stands in for console.error where it logs an unexpected error: the same net.
  for (const level of ["error", "fatal"] as const)
    vi.spyOn(log, level).mockImplementation(((...args: unknown[]) => {
      errors.push(args);
    }) as never);
});
afterEach(() => {
  vi.restoreAllMocks();
  if (errors.length) throw new Error(`console.error was called: ${JSON.stringify(errors[0])}`);
});
