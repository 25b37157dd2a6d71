#!/usr/bin/env bash
# End-to-end run: a fresh local database, a private emulator seeded with the demo estate, the demo
# account configured, then Playwright (which starts a worker and `next start` on the built app).
# Needs `npm run build` first (scripts/test.sh does that).
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL="${E2E_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/lantern_e2e}"
export MOTO_PORT="${E2E_MOTO_PORT:-5301}" MOTO_WORK="$PWD/.moto/e2e"
export AWS_ENDPOINT_URL="http://127.0.0.1:$MOTO_PORT" LANTERN_AWS_EMULATOR=true
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
export LANTERN_SECRET="${LANTERN_SECRET:-e2e-secret-not-for-production-0123}"
export NEXT_TELEMETRY_DISABLED=1
# moto does not throttle: do not pace the emulator at AWS's quotas (pacing is tested in lib/aws and bench/)
export LANTERN_AWS_QUOTAS='{"lambda:GetPolicy":{"rate":2000,"burst":2000},"lambda:control":{"rate":2000,"burst":2000},"apigateway:GetResources":{"rate":2000,"burst":2000},"apigateway:total":{"rate":2000,"burst":2000},"iam:read":{"rate":2000,"burst":2000}}'

[ -f .next/BUILD_ID ] || { echo "e2e: no production build; run 'npm run build' first" >&2; exit 1; }
node_modules/.bin/tsx tests/support/reset-db-cli.ts "$DATABASE_URL"
bash scripts/emulator-start.sh
trap 'bash scripts/emulator-stop.sh' EXIT
node_modules/.bin/tsx scripts/seed-demo-estate.ts --endpoint "$AWS_ENDPOINT_URL" --account 123456789012 --regions us-east-1,eu-west-1
node_modules/.bin/tsx scripts/lantern.ts accounts add --id 123456789012 --name "Demo estate" --regions us-east-1,eu-west-1
node_modules/.bin/playwright test "$@"
