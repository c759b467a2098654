#!/usr/bin/env bash
# Installs everything (with the test tools) and runs the whole test suite.
# Set DATABASE_URL to run it against PostgreSQL instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --dev
# The tests of the shared cache need Redis on 127.0.0.1:6379 (it keeps nothing on
# disk); start it when it is installed but not running (no systemd in containers).
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --logfile "$(mktemp -t lkjip-redis.XXXXXX.log)"
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
exec .venv/bin/pytest -n 2 "$@"
