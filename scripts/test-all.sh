#!/usr/bin/env bash
# npm test: typecheck, lint, layering rules, a production build, unit + integration + fault tests (vitest,
# real SQLite; the fault tests start the built server), then the browser tests (Playwright + Debian Chromium). Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 TZ=UTC
mkdir -p test-results
status=0
checks_failed=0
step() { echo; echo "=== $* ==="; }

step "typecheck"
npx tsc --noEmit -p . || { status=1; checks_failed=$((checks_failed + 1)); }
step "lint"
npx eslint . || { status=1; checks_failed=$((checks_failed + 1)); }
step "layers (dependency-cruiser)"
bash scripts/check-layers.sh || { status=1; checks_failed=$((checks_failed + 1)); }

# The build comes first: the fault tests (tests/faults, run by vitest) start the real production server.
step "production build"
AUTH_SECRET="${AUTH_SECRET:-$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64url"))')}" npx next build && npx tsx scripts/build-server.ts || { status=1; checks_failed=$((checks_failed + 1)); }

step "unit, integration and fault tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest-results.json || status=1

step "browser tests (Playwright, headless Chromium)"
npx playwright test || status=1

CHECKS_FAILED=$checks_failed node scripts/test-summary.mjs
exit $status
