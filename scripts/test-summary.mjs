// Adds up the vitest and Playwright JSON reports into the one line CI reads.
import fs from "node:fs";

const read = (f) => (fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, "utf8")) : null);
let passed = 0;
let failed = 0;
let skipped = 0;

const vitest = read("test-results/vitest-results.json");
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  // A test file that fails to load has no failed tests but is a failure.
  if (!vitest.success && vitest.numFailedTests === 0) failed += Math.max(1, vitest.numFailedTestSuites);
  skipped += vitest.numPendingTests + vitest.numTodoTests;
} else failed += 1;

const e2e = read("test-results/e2e-results.json");
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
  skipped += e2e.stats.skipped;
} else failed += 1;

// typecheck, lint and build failures (counted by scripts/test-all.sh) are failures too.
failed += Number(process.env.CHECKS_FAILED ?? 0);

console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
