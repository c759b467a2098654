#!/usr/bin/env bash
# Runs LKjIP for production on one Debian 12 machine: installs what is missing
# (the application's packages, PostgreSQL and Redis from Debian), creates the
# database, migrates, collects the static files and runs the web server
# (gunicorn, static files by WhiteNoise) with the two queue workers (Celery) under
# honcho (Procfile). Settings come from .env (or the file LKJIP_ENV names), written
# on the first run with a new SECRET_KEY and database password; edit ALLOWED_HOSTS
# there. The first run takes LKJIP_DB, REDIS_URL, ALLOWED_HOSTS,
# SECURE_SSL_REDIRECT and LKJIP_PROXY_TEPERCAYA from the environment.
#
#   scripts/produksi.sh [--demo] [--siapkan-saja]
#     --demo          load the demo kecamatan and users (muat_demo)
#     --siapkan-saja  prepare everything, do not start the processes
#
# Behind the reverse proxy (TLS): pass Host, X-Forwarded-For and
# X-Forwarded-Proto; set LKJIP_PROXY_TEPERCAYA to the proxy's address.
set -euo pipefail
cd "$(dirname "$0")/.."

DEMO=0
MULAI=1
for arg in "$@"; do
  case "$arg" in
    --demo) DEMO=1 ;;
    --siapkan-saja) MULAI=0 ;;
    *) echo "Pilihan tidak dikenal: $arg" >&2; exit 2 ;;
  esac
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# 1. Debian packages of the services (the application's own come with install.sh).
missing=()
for pkg in postgresql redis-server; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Memasang paket Debian: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
bash scripts/install.sh

# 2. The services, started when they are not running (no systemd in containers).
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --logfile "$(mktemp -t lkjip-redis.XXXXXX.log)"
  for _ in $(seq 1 20); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.5; done
fi

# 3. The settings, once: a secret key and a database password of this machine.
ENVF="${LKJIP_ENV:-.env}"
if [ ! -s "$ENVF" ]; then
  acak() { .venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(48))'; }
  SANDI_DB="$(acak)"
  umask 077
  cat > "$ENVF" <<ENV
DEBUG=False
SECRET_KEY=$(acak)
DATABASE_URL=postgres://lkjip:${SANDI_DB}@127.0.0.1:5432/${LKJIP_DB:-lkjip}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
ALLOWED_HOSTS=${ALLOWED_HOSTS:-127.0.0.1,localhost}
CONN_MAX_AGE=60
# Behind a TLS proxy keep True; set False only to try it on plain http.
SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-True}
LKJIP_PROXY_TEPERCAYA=${LKJIP_PROXY_TEPERCAYA:-127.0.0.1}
ENV
  echo "Pengaturan ditulis ke $ENVF"
fi
set -a; . "$(realpath "$ENVF")"; set +a

# 4. The database role and database named in DATABASE_URL.
eval "$(.venv/bin/python - <<'PY'
import os, shlex, urllib.parse
u = urllib.parse.urlparse(os.environ["DATABASE_URL"])
for k, v in (("DB_USER", u.username), ("DB_PASS", urllib.parse.unquote(u.password or "")),
             ("DB_NAME", u.path.lstrip("/"))):
    print(f"{k}={shlex.quote(v or '')}")
PY
)"
psql_admin() {
  if psql -h 127.0.0.1 -U postgres -d postgres -Atqc "select 1" >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -Atq "$@"
  else
    if [ -z "$SUDO" ]; then
      runuser -u postgres -- psql -d postgres -v ON_ERROR_STOP=1 -Atq "$@"
    else
      sudo -u postgres psql -d postgres -v ON_ERROR_STOP=1 -Atq "$@"
    fi
  fi
}
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = '$DB_USER'")" != "1" ]; then
  psql_admin -c "create role \"$DB_USER\" login password '$DB_PASS'"
fi
if [ "$(psql_admin -c "select 1 from pg_database where datname = '$DB_NAME'")" != "1" ]; then
  psql_admin -c "create database \"$DB_NAME\" owner \"$DB_USER\""
fi

# 5. The application.
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py collectstatic --noinput -v0
if [ "$DEMO" = 1 ]; then
  .venv/bin/python manage.py muat_demo
fi
.venv/bin/python manage.py check --deploy

if [ "$MULAI" = 1 ]; then
  echo "LKjIP berjalan di http://${LKJIP_ALAMAT:-127.0.0.1:8000} (Ctrl+C untuk berhenti)."
  exec .venv/bin/honcho start -f Procfile -e "$ENVF"
fi
