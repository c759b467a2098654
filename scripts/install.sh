#!/usr/bin/env bash
# Installs everything LKjIP needs on a fresh Debian 12 machine with Python 3.11:
# the Debian packages (only those missing), a virtualenv in .venv and the
# pinned Python packages. Usage: scripts/install.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3-venv          # python3 -m venv on Debian
  libpango-1.0-0        # WeasyPrint (PDF)
  libpangoft2-1.0-0
  libharfbuzz-subset0
  fonts-dejavu-core     # the fonts of the PDF
  poppler-utils         # pdftotext/pdftoppm, used by the tests
  chromium              # browser tests (Playwright drives /usr/bin/chromium)
)
if [ "${1:-}" = "--dev" ]; then
  # axe-core (npm, pinned in package-lock.json) checks accessibility in the browser tests.
  # Redis: the shared cache (login throttling across processes) in the tests.
  APT_PACKAGES+=(redis-server)
  command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Memasang paket Debian: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Debian's own Python 3.11 when there is one: it is built with profile-guided
# optimisation, and lays out the PDF about 12 % faster than a plain build of the
# same version (such as pyenv's, first on PATH on some machines; bench/pdf.py).
if [ -z "${PYTHON:-}" ] && [ -x /usr/bin/python3 ] \
  && /usr/bin/python3 -c 'import sys; sys.exit(sys.version_info[:2] < (3, 11))'; then
  PYTHON=/usr/bin/python3
fi
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/pip install --quiet -r requirements-dev.txt
  # Exactly the versions of package-lock.json, into node_modules/ (git-ignored);
  # skipped when the pinned axe-core is already there.
  if ! node -e 'const l = require("./package-lock.json").packages["node_modules/axe-core"];
      process.exit(require("./node_modules/axe-core/package.json").version === l.version ? 0 : 1)' \
      2>/dev/null; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
else
  .venv/bin/pip install --quiet -r requirements.txt
fi
