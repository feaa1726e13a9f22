#!/usr/bin/env bash
# make test: install, start PostgreSQL + Redis, lint, type-check, run every test, stop what was started.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

svc=$(mktemp -d /tmp/enforcement-test.XXXXXX)
cleanup() { scripts/services.sh stop "$svc"; rm -rf "$svc"; }
trap cleanup EXIT
envfile=$(scripts/services.sh start "$svc")
# shellcheck disable=SC1090
source "$envfile"
export DJANGO_SECRET_KEY=test-secret-key-not-for-production-0123456789abcdefghij
export DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false FAST_PASSWORD_HASHER=true SIMPLE_STATIC=true
export DJANGO_ALLOW_ASYNC_UNSAFE=true HYPOTHESIS_PROFILE=ci VAR_DIR="$svc/var"

echo "== ruff"
.venv/bin/ruff check .
echo "== mypy"
.venv/bin/mypy .
echo "== docker-compose.yml schema"
.venv/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
echo "== django checks"
.venv/bin/python manage.py check --fail-level WARNING
.venv/bin/python manage.py check --deploy --fail-level WARNING
.venv/bin/python manage.py makemigrations --check --dry-run
echo "== pytest"
.venv/bin/pytest -q -p no:randomly "$@"
