#!/usr/bin/env bash
# Starts the production build against a fresh database for the browser tests:
# real migrations, the Syrian area list, no demo content, one admin whose password
# comes from the test runner's environment.
set -euo pipefail
cd "$(dirname "$0")/../.."
export NEXT_TELEMETRY_DISABLED=1 AUTH_TRUST_HOST=true NODE_ENV=production RASD_DEMO=0
export DATABASE_PATH="$PWD/tests/.tmp/e2e/rasd.db"
rm -rf "$(dirname "$DATABASE_PATH")" && mkdir -p "$(dirname "$DATABASE_PATH")"
npx tsx scripts/prepare-db.ts --no-demo
printf '%s' "$E2E_ADMIN_PASSWORD" | npx tsx scripts/user-create.ts --email e2e-admin@example.org --name "E2E Admin" --role admin --password-stdin
# The production server (scripts/serve.ts: Next behind the request checks), as npm start runs it.
# Every spec signs in from 127.0.0.1, and some fail on purpose: the per-address limit would end the
# run, so it is raised here; tests/security/throttle.spec.ts checks the default on its own server.
# One JSON log line per request would bury the test output: warnings and errors only.
# Bundled again each time (well under a second), so that it is never older than the sources.
npx tsx scripts/build-server.ts >/dev/null
LOG_LEVEL="${LOG_LEVEL:-warn}" RASD_SIGNIN_ADDRESS_LIMIT=100000 PORT="${E2E_PORT:-3100}" HOST=127.0.0.1 exec node --expose-gc .next/rasd-server.cjs
