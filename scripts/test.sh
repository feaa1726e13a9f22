#!/usr/bin/env bash
# make test: install what is missing, start a throwaway PostgreSQL + Redis on free loopback ports, run lint,
# type checks, Django's checks and the whole pytest suite (browser tests included), stop what was started.
# Extra arguments go to pytest, e.g. `bash scripts/test.sh -k lockout`.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
scripts/setup.sh --test

svc=$(mktemp -d /tmp/enforcement-test.XXXXXX)
cleanup() { scripts/services.sh stop "$svc" || true; rm -rf "$svc"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
envfile=$(scripts/services.sh start "$svc")
# shellcheck disable=SC1090
source "$envfile"
echo "== services: PostgreSQL on 127.0.0.1:$TEST_PG_PORT, Redis on 127.0.0.1:$TEST_REDIS_PORT"
export DJANGO_SECRET_KEY=test-secret-key-not-for-production-0123456789abcdefghij
export DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false FAST_PASSWORD_HASHER=true SIMPLE_STATIC=true
export HYPOTHESIS_PROFILE=ci VAR_DIR="$svc/var"
unset DJANGO_ALLOW_ASYNC_UNSAFE

echo "== ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
echo "== mypy"
.venv/bin/mypy .
echo "== docker-compose.yml schema (offline)"
.venv/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
echo "== django checks"
.venv/bin/python manage.py check --fail-level WARNING
# The deployment check runs with the production environment: SSL redirect on, a random 50+ character key.
env -u DJANGO_SECURE_SSL_REDIRECT -u FAST_PASSWORD_HASHER -u SIMPLE_STATIC \
  DJANGO_SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  .venv/bin/python manage.py check --deploy --fail-level WARNING
.venv/bin/python manage.py makemigrations --check --dry-run
echo "== pytest"
# The browser journeys drive Django's live server from Playwright's event loop.
set +e
DJANGO_ALLOW_ASYNC_UNSAFE=true .venv/bin/pytest -q -p no:randomly "$@"
rc=$?
set -e
if [ "$rc" = 5 ]; then
  echo "make test: FAILED — pytest collected no tests" >&2
  exit 1
elif [ "$rc" != 0 ]; then
  echo "make test: FAILED (pytest exit code $rc)" >&2
  exit "$rc"
fi
echo "make test: OK in $(( $(date +%s) - started )) s"
