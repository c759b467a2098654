#!/usr/bin/env bash
# Audits the pinned dependencies against the public vulnerability databases:
# pip-audit (OSV) for requirements*.txt, npm audit for package-lock.json.
# A known vulnerability fails; a database this machine cannot reach is said, and passes
# (CI machines here reach the package registries but not always their audit services).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
# The tools and the service probed (the tests point them at fakes).
PIP_AUDIT="${PIP_AUDIT:-.venv/bin/pip-audit}"
NPM="${NPM:-npm}"
OSV_URL="${OSV_URL:-https://api.osv.dev/v1/query}"

bisa() {  # bisa URL: 0 when the service answers at all (any HTTP status)
  .venv/bin/python - "$1" <<'PY'
import sys, urllib.error, urllib.request
try:
    urllib.request.urlopen(urllib.request.Request(sys.argv[1], method="POST", data=b"{}"), timeout=10)
except urllib.error.HTTPError:
    pass  # it answered
except OSError as e:
    print(f"  ({e.__class__.__name__}: {getattr(e, 'reason', e)})")
    sys.exit(1)
PY
}

echo "Python (pip-audit, OSV):"
if bisa "$OSV_URL"; then
  "$PIP_AUDIT" --disable-pip --no-deps --progress-spinner off -s osv \
    -r requirements.txt -r requirements-dev.txt || status=1
else
  echo "  Layanan kerentanan OSV tidak dapat dihubungi dari mesin ini: audit Python dilewati."
fi

echo "npm (npm audit):"
if [ -f package-lock.json ] && command -v "$NPM" >/dev/null; then
  keluar=$("$NPM" audit --audit-level=low 2>&1); rc=$?
  if [ $rc -eq 0 ]; then
    echo "$keluar" | tail -1
  elif echo "$keluar" | grep -qE "audit endpoint returned an error|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|405 Method Not Allowed"; then
    echo "  Layanan audit npm tidak dapat dihubungi dari mesin ini: audit npm dilewati."
  else
    echo "$keluar"; status=1
  fi
fi
exit $status
