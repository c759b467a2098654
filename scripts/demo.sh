#!/usr/bin/env bash
# Installs everything, loads the three demo kecamatan into SQLite (db.sqlite3),
# creates one demo user per role and serves the application on
# http://127.0.0.1:8000 (press Ctrl+C to stop).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export DEBUG="${DEBUG:-True}"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py muat_demo
echo
echo "Buka http://127.0.0.1:8000 dan masuk dengan salah satu pengguna di atas."
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
