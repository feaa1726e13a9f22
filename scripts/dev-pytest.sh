#!/usr/bin/env bash
# Developer loop: keep PostgreSQL + Redis running in var/testsvc between runs and call pytest with your args.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test >/dev/null
svc=var/testsvc
if [ ! -f "$svc/env" ] || ! (source "$svc/env" && pg_isready -q -h 127.0.0.1 -p "$TEST_PG_PORT" 2>/dev/null && redis-cli -p "$TEST_REDIS_PORT" ping >/dev/null 2>&1); then
  scripts/services.sh stop "$svc" 2>/dev/null || true
  scripts/services.sh start "$svc" >/dev/null
fi
source "$svc/env"
export DJANGO_SECRET_KEY=test-secret-key-not-for-production-0123456789abcdefghij
export DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false FAST_PASSWORD_HASHER=true SIMPLE_STATIC=true
export DJANGO_ALLOW_ASYNC_UNSAFE=true HYPOTHESIS_PROFILE=ci VAR_DIR="$PWD/$svc/var"
exec .venv/bin/pytest "$@"
