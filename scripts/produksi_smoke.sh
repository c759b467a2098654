#!/usr/bin/env bash
# Smoke test of the production recipe on loopback (run by .ci/run): scripts/produksi.sh
# --demo on a database of its own, on 127.0.0.1:8765, then scripts/produksi_smoke.py
# logs in and prints a draft through the Celery workers; everything is stopped and
# the database dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PORT_SMOKE:-8765}"
DB="lkjip_smoke_$$"
ENVF="$(mktemp -t lkjip-smoke-env.XXXXXX)"
LOG="$(mktemp -t lkjip-smoke-log.XXXXXX)"
rm -f "$ENVF"

berhenti() {
  if [ -n "${PID:-}" ]; then
    kill -TERM -- "-$PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$PID" 2>/dev/null || true
  fi
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB (force)" \
    >/dev/null 2>&1 || true
  rm -f "$ENVF"
}
trap berhenti EXIT

LKJIP_ENV="$ENVF" LKJIP_DB="$DB" REDIS_URL="redis://127.0.0.1:6379/3" \
  SECURE_SSL_REDIRECT=False LKJIP_ALAMAT="127.0.0.1:$PORT" \
  setsid bash scripts/produksi.sh --demo >"$LOG" 2>&1 &
PID=$!

for _ in $(seq 1 240); do
  if .venv/bin/python -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/static/css/lkjip.css', timeout=5)" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "produksi.sh berhenti sebelum melayani:"; tail -50 "$LOG"; exit 1
  fi
  sleep 1
done

if ! .venv/bin/python scripts/produksi_smoke.py "http://127.0.0.1:$PORT"; then
  echo "--- log produksi.sh ---"; tail -80 "$LOG"; exit 1
fi
