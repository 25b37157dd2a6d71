#!/usr/bin/env bash
# npm test: the whole suite, in order — typecheck, lint, unit tests, integration tests (real Postgres
# and the moto emulator), next build, and Playwright end-to-end tests in Chromium.
# Prints per-step timings and a closing "N passed, N failed" line summed over vitest and Playwright.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
RESULTS=test-results/summary
rm -rf "$RESULTS" && mkdir -p "$RESULTS"

bash scripts/ensure-system.sh

t0=$(date +%s)
step() {
  local name=$1; shift
  local s=$(date +%s)
  echo "=== $name"
  if "$@"; then
    echo "=== $name ok ($(( $(date +%s) - s )) s)"
  else
    local rc=$?
    echo "=== $name FAILED ($(( $(date +%s) - s )) s)"
    node scripts/test-summary.mjs "$RESULTS" || true
    exit $rc
  fi
}

step typecheck node_modules/.bin/tsc --noEmit
step lint node_modules/.bin/eslint . --max-warnings 0
step unit node_modules/.bin/vitest run --project unit --reporter=default --reporter=json --outputFile.json="$RESULTS/unit.json"
step integration node_modules/.bin/vitest run --project integration --reporter=default --reporter=json --outputFile.json="$RESULTS/integration.json"
step build npm run build --silent
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$RESULTS/e2e.json" step e2e bash scripts/e2e.sh --reporter=list,json
echo "total $(( $(date +%s) - t0 )) s"
node scripts/test-summary.mjs "$RESULTS"
