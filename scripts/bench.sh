#!/usr/bin/env bash
# make bench: start a throwaway PostgreSQL + Redis, migrate, seed, run every benchmarks/bench_*.py
# (each prints one figure per line), stop what was started.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null
svc=$(mktemp -d /tmp/enforcement-bench.XXXXXX)
cleanup() { scripts/services.sh stop "$svc" 2>/dev/null; rm -rf "$svc"; }
trap cleanup EXIT
envfile=$(scripts/services.sh start "$svc")
# shellcheck disable=SC1090
source "$envfile"
createdb -h 127.0.0.1 -p "$TEST_PG_PORT" -U postgres enforcement
export DJANGO_SECRET_KEY=bench-secret-key-not-for-production-0123456789abcdefghij
export DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false FAST_PASSWORD_HASHER=true SIMPLE_STATIC=true VAR_DIR="$svc/var"
.venv/bin/python manage.py migrate --verbosity 0
.venv/bin/python manage.py seed_demo >/dev/null
for bench in benchmarks/bench_*.py; do
  .venv/bin/python -W ignore "$bench"
done
