#!/usr/bin/env bash
# Install what the project needs on a fresh machine: the venv, and (for tests) Debian packages.
# Usage: scripts/setup.sh [--test]
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip 2>&1 | grep -v 'is ignored' || true
  .venv/bin/pip install -q -e '.[dev]' 2>&1 | grep -v -e 'is ignored' -e '^ *$' || true
  .venv/bin/python -c "import django, weasyprint, celery, rest_framework" # fail loudly if install broke
  rm -f .venv/.installed-*
  touch "$stamp"
fi

if [ "${1:-}" = "--test" ]; then
  need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  command -v chromium >/dev/null || need+=(chromium)
  command -v pdftoppm >/dev/null || need+=(poppler-utils)
  command -v fc-list >/dev/null || need+=(fontconfig)
  [ -n "$(fc-list 'Noto Serif CJK SC' 2>/dev/null)" ] || need+=(fonts-noto-cjk)
  ls /usr/lib/*/libharfbuzz-subset.so.0 >/dev/null 2>&1 || need+=(libharfbuzz-subset0)
  ls /usr/lib/*/libpango-1.0.so.0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
  if ! command -v pg_ctl >/dev/null && [ ! -x /usr/lib/postgresql/15/bin/pg_ctl ]; then need+=(postgresql); fi
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing Debian packages: ${need[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  fi
fi
