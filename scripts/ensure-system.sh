#!/usr/bin/env bash
# System prerequisites of the tests and the demo: a running local PostgreSQL, Debian's Chromium (for
# Playwright; installed with apt when missing and we are root), and moto's server for the emulator.
# Idempotent: does nothing when everything is already there.
set -euo pipefail
need_chromium="${NEED_CHROMIUM:-1}"

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ] && [ -d /etc/postgresql ]; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  fi
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not reachable on 127.0.0.1:5432 (set DATABASE_URL or start it)" >&2; exit 1; }
fi

if [ "$need_chromium" = 1 ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for Playwright"
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi

if ! python3 -c 'import moto.server, flask_cors' 2>/dev/null; then
  echo 'moto server mode is not available to python3: pip install "moto[server]==5.2.1" (or use the motoserver/moto image)' >&2
  exit 1
fi
