#!/usr/bin/env bash
# Stop the moto server that scripts/emulator-start.sh started, by its recorded pid only: other moto servers
# (other checkouts, other test runs) may be running on the same machine.
set -uo pipefail
WORK="${MOTO_WORK:-$PWD/.moto}"
PIDFILE="$WORK/moto.pid"
if [ ! -f "$PIDFILE" ]; then
  echo "no moto pid recorded in $PIDFILE; nothing to stop"
  exit 0
fi
PID="$(cat "$PIDFILE")"
if kill "$PID" 2>/dev/null; then
  for _ in $(seq 1 50); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "moto (pid $PID) stopped"
else
  echo "moto (pid $PID) was not running"
fi
rm -f "$PIDFILE"
