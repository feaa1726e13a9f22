#!/usr/bin/env bash
# make bench: run every benchmarks/bench_*.py against PostgreSQL and print one figure per line.
# Uses $DATABASE_URL when set; otherwise starts a throwaway PostgreSQL + Redis, migrates, and stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null
if [ -z "${DATABASE_URL:-}" ]; then
  svc=$(mktemp -d /tmp/enforcement-bench.XXXXXX)
  cleanup() { scripts/services.sh stop "$svc"; rm -rf "$svc"; }
  trap cleanup EXIT
  # shellcheck disable=SC1090
  source "$(scripts/services.sh start "$svc")"
  export VAR_DIR="$svc/var"
fi
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-bench-secret-key-not-for-production-0123456789abcdef}
export DJANGO_DEBUG=${DJANGO_DEBUG:-true}
(cd /tmp && psql "${DATABASE_URL%/*}/postgres" -qc "CREATE DATABASE ${DATABASE_URL##*/}" 2>/dev/null) || true
.venv/bin/python manage.py migrate --noinput -v 0
for bench in benchmarks/bench_*.py; do
  .venv/bin/python "$bench"
done
