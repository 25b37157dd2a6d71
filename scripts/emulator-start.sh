#!/usr/bin/env bash
# Start moto's AWS emulator on 127.0.0.1:$MOTO_PORT (default 5000) for the demo, integration and e2e tests.
# Records the pid in $MOTO_WORK/moto.pid (default ./.moto) and logs to $MOTO_WORK/moto.log.
# Reuses a moto that already answers on the port instead of starting a second one.
set -euo pipefail
PORT="${MOTO_PORT:-5000}"
WORK="${MOTO_WORK:-$PWD/.moto}"
PIDFILE="$WORK/moto.pid"
LOG="$WORK/moto.log"
URL="http://127.0.0.1:$PORT/moto-api/"
mkdir -p "$WORK"
# Without the bundled AWS-managed policies, attaching AdministratorAccess (the demo estate does) fails.
export MOTO_IAM_LOAD_MANAGED_POLICIES="${MOTO_IAM_LOAD_MANAGED_POLICIES:-true}"

# /moto-api/ is moto's own dashboard: a 200 there means moto, not some other server, holds the port.
if curl -fsS -o /dev/null --max-time 2 "$URL" 2>/dev/null; then
  echo "moto already answers on 127.0.0.1:$PORT; not starting another"
  exit 0
fi
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "port $PORT is taken by something that is not moto; choose another with MOTO_PORT" >&2
  exit 1
fi

if ! python3 -c 'import moto.server, flask_cors, openapi_spec_validator' 2>/dev/null; then
  echo 'moto server mode is not available to python3: pip install "moto[server]" (5.2.1 is the tested version),' >&2
  echo 'or run the motoserver/moto image: docker run --rm -p 5000:5000 -e MOTO_IAM_LOAD_MANAGED_POLICIES=true motoserver/moto:5.2.1' >&2
  exit 1
fi

python3 -m moto.server -H 127.0.0.1 -p "$PORT" >"$LOG" 2>&1 &
PID=$!
echo "$PID" >"$PIDFILE"
for _ in $(seq 1 300); do
  if curl -fsS -o /dev/null --max-time 1 "$URL" 2>/dev/null; then
    echo "moto up on 127.0.0.1:$PORT (pid $PID, log $LOG)"
    exit 0
  fi
  if ! kill -0 "$PID" 2>/dev/null; then
    rm -f "$PIDFILE"
    echo "moto exited during start-up; its log ($LOG):" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.1
done
kill "$PID" 2>/dev/null || true
rm -f "$PIDFILE"
echo "moto did not answer on port $PORT within 30 s; log: $LOG" >&2
exit 1
