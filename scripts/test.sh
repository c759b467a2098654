#!/usr/bin/env bash
# Installs everything (with the test tools) and runs the whole test suite.
# Set DATABASE_URL to run it against PostgreSQL instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --dev
exec .venv/bin/pytest -n 2 "$@"
