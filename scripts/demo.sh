#!/usr/bin/env bash
# npm run demo: from a fresh clone to the dashboard on http://127.0.0.1:3000.
#   1. installs npm dependencies when missing, 2. migrates the database (DATABASE_URL, default the local
#   Postgres, database "lantern", created if missing), 3. starts the AWS emulator (moto) and seeds the demo
#   estate, 4. runs a first scan, 5. builds the app when needed, 6. serves it with a worker on the schedule.
# With LANTERN_DEMO_AWS=real (and AWS credentials in the environment or AWS_PROFILE), steps 3's emulator
# and seeding are skipped and the credentials' own account is scanned instead.
set -euo pipefail
cd "$(dirname "$0")/.."
t0=$(date +%s)
say() { printf '\033[1m[demo %3ss]\033[0m %s\n' "$(( $(date +%s) - t0 ))" "$*"; }

export NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/lantern}"
export LANTERN_SECRET="${LANTERN_SECRET:-demo-secret-change-me-$(hostname)}"
PORT="${PORT:-3000}"
MODE="${LANTERN_DEMO_AWS:-emulator}"

NEED_CHROMIUM=0 bash scripts/ensure-system.sh

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies"
  PRISMA_SCHEMA_ENGINE_BINARY="$PWD/prisma/no-engine.sh" PRISMA_QUERY_ENGINE_LIBRARY="$PWD/prisma/no-engine.sh" npm ci --no-audit --no-fund
fi
[ -d lib/generated/prisma ] || npm run --silent db:generate

say "database $(node -e 'const u=new URL(process.env.DATABASE_URL);console.log(u.host+u.pathname)')"
node_modules/.bin/tsx scripts/ensure-database.ts
npm run --silent db:deploy

if [ "$MODE" = emulator ]; then
  export MOTO_PORT="${MOTO_PORT:-5000}"
  export AWS_ENDPOINT_URL="http://127.0.0.1:$MOTO_PORT" LANTERN_AWS_EMULATOR=true
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
  say "starting the AWS emulator on $AWS_ENDPOINT_URL"
  bash scripts/emulator-start.sh
  say "seeding the demo estate"
  node_modules/.bin/tsx scripts/seed-demo-estate.ts --endpoint "$AWS_ENDPOINT_URL" --account 123456789012 --regions us-east-1,eu-west-1
  node_modules/.bin/tsx scripts/lantern.ts accounts add --id 123456789012 --name "Demo estate" --regions us-east-1,eu-west-1 --schedule "*/30 * * * *"
else
  say "real AWS mode: scanning the account of the current credentials"
fi

say "first scan"
node_modules/.bin/tsx scripts/lantern.ts scan || [ $? = 3 ]

if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib scanners -newer .next/BUILD_ID -type f -print -quit 2>/dev/null)" ]; then
  say "building the dashboard"
  npm run --silent build
fi

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ "$MODE" = emulator ] && bash scripts/emulator-stop.sh
}
trap cleanup EXIT
trap 'exit 130' INT TERM
node_modules/.bin/tsx lib/jobs/worker.ts &
pids+=($!)
node_modules/.bin/next start -H 127.0.0.1 -p "$PORT" &
pids+=($!)
for _ in $(seq 1 60); do curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/health" && break; sleep 0.5; done
say "Lantern is up: http://127.0.0.1:$PORT  (Ctrl-C stops the web app, the worker and the emulator)"
wait -n "${pids[@]}"
