#!/usr/bin/env bash
# Install what the project needs on a fresh machine.
#   scripts/setup.sh          the demo: .venv with the runtime packages; pango + CJK fonts for PDFs when missing
#   scripts/setup.sh --test   also the dev tools, and the Debian packages the tests use (PostgreSQL, Redis,
#                             Chromium, poppler) — installed with apt-get when missing
set -euo pipefail
cd "$(dirname "$0")/.."

mode=demo
[ "${1:-}" = "--test" ] && mode=test

PY=${PYTHON:-python3}
command -v "$PY" >/dev/null || { echo "setup: $PY not found; install Python 3.11 or newer" >&2; exit 1; }
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
  || { echo "setup: Python 3.11 or newer is required ($("$PY" --version 2>&1))" >&2; exit 1; }

is_root() { [ "$(id -u)" = "0" ]; }
have_apt() { command -v apt-get >/dev/null; }
apt_updated=
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ -z "$apt_updated" ]; then apt-get update -qq >&2; apt_updated=1; fi
  apt-get install -y -qq --no-install-recommends "$@" >&2
}

# --- the virtualenv -------------------------------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $("$PY" --version 2>&1)" >&2
  if ! "$PY" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    if is_root && have_apt; then
      apt_install python3-venv
      "$PY" -m venv .venv
    else
      echo "setup: '$PY -m venv' failed; install the python3-venv package and run again" >&2
      exit 1
    fi
  fi
fi

# A stamp per pyproject.toml content and mode; the dev install also satisfies the demo.
hash=$(sha256sum pyproject.toml | cut -c1-16)
pip_install() {
  local log
  log=$(mktemp)
  if ! .venv/bin/pip install -q "$@" >"$log" 2>&1; then
    grep -v 'is ignored' "$log" >&2 || true
    rm -f "$log"
    echo "setup: pip install $* failed" >&2
    exit 1
  fi
  rm -f "$log"
}
if [ "$mode" = test ]; then
  if [ ! -f ".venv/.installed-dev-$hash" ]; then
    echo "setup: installing Python packages (with dev tools)…" >&2
    pip_install --upgrade pip
    pip_install -e '.[dev]'
    .venv/bin/python -c "import django, weasyprint, celery, rest_framework, pytest, playwright"
    rm -f .venv/.installed-*
    touch ".venv/.installed-dev-$hash" ".venv/.installed-runtime-$hash"
  fi
elif [ ! -f ".venv/.installed-runtime-$hash" ]; then
  echo "setup: installing Python packages…" >&2
  pip_install --upgrade pip
  pip_install -e .
  .venv/bin/python -c "import django, weasyprint, celery, rest_framework"
  rm -f .venv/.installed-*
  touch ".venv/.installed-runtime-$hash"
fi

# --- Debian packages ------------------------------------------------------------------------------
# WeasyPrint (PDF documents) needs pango; Chinese needs a CJK font; harfbuzz-subset makes font
# subsetting fast (seconds -> tenths of a second per document).
have_lib() { compgen -G "/usr/lib/*/$1" >/dev/null || compgen -G "/usr/lib/$1" >/dev/null; }
need=()
have_lib libpango-1.0.so.0 || need+=(libpango-1.0-0)
have_lib libpangoft2-1.0.so.0 || need+=(libpangoft2-1.0-0)
have_lib libharfbuzz-subset.so.0 || need+=(libharfbuzz-subset0)
command -v fc-list >/dev/null || need+=(fontconfig)
[ -n "$(fc-list 'Noto Serif CJK SC' 2>/dev/null)" ] || need+=(fonts-noto-cjk)
if [ "$mode" = test ]; then
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v chromium >/dev/null || need+=(chromium)
  command -v pdftoppm >/dev/null || need+=(poppler-utils)
  if ! command -v pg_ctl >/dev/null && [ ! -x /usr/lib/postgresql/15/bin/pg_ctl ]; then need+=(postgresql); fi
fi
if [ ${#need[@]} -gt 0 ]; then
  if is_root && have_apt; then
    echo "setup: installing Debian packages: ${need[*]}" >&2
    apt_install "${need[@]}"
  elif [ "$mode" = test ]; then
    echo "setup: the tests need these Debian packages: ${need[*]}" >&2
    echo "       run as root, or: sudo apt-get install --no-install-recommends ${need[*]}" >&2
    exit 1
  else
    echo "setup: WARNING — missing ${need[*]}: PDF documents may fail or show empty boxes for Chinese." >&2
    echo "       To fix: sudo apt-get install --no-install-recommends ${need[*]}" >&2
  fi
fi
