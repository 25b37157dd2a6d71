#!/bin/sh
# Entrypoint of the Lantern image (web, worker and demo-seed all use it).
# With RUN_MIGRATIONS=1 it applies pending Prisma migrations before starting the command, so a fresh
# Postgres is usable on first boot. Only the web service sets it: one migrator per deployment avoids two
# containers racing on the same migration history. `migrate deploy` only applies committed migrations
# and never resets data, so running it on every start is safe.
set -eu

# The npm scripts use paths relative to the app directory (prisma/, node_modules/).
cd "$(dirname "$0")/.."

if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then
  echo "lantern: applying database migrations (npm run db:deploy)"
  npm run --silent db:deploy
fi

# exec: the command becomes the container's main process and receives SIGTERM from `docker stop`.
exec "$@"
