#!/usr/bin/env bash
# npm run lint:layers (and a step of npm test): the layering rules, checked by dependency-cruiser.
# Two passes: every import (types included) against the layer rules, then runtime imports only
# against the client-bundle rule. The rules and their reasons are in the two config files.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
npx depcruise --config .dependency-cruiser.cjs --output-type err \
  app components lib db scripts tests auth.ts auth.config.ts proxy.ts instrumentation.ts || status=1
npx depcruise --config .dependency-cruiser-client.cjs --output-type err app components lib || status=1
exit $status
