#!/usr/bin/env bash
# make demo: fresh machine -> product running on http://127.0.0.1:8000 (SQLite, filesystem broker).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export DJANGO_DEBUG=${DJANGO_DEBUG:-true}
unset DATABASE_URL REDIS_URL || true
mkdir -p var/celery/queue var/celery/control var/celery/processed var/media var/log
PY=.venv/bin/python
$PY manage.py migrate --noinput
$PY manage.py seed_demo
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM
.venv/bin/celery -A enforcement worker --pool=solo --loglevel=INFO >var/log/worker.log 2>&1 &
pids+=($!)
.venv/bin/celery -A enforcement beat --loglevel=INFO >var/log/beat.log 2>&1 &
pids+=($!)
cat <<MSG

  应急管理行政执法办案平台 is starting on http://127.0.0.1:${PORT:-8000}/
  Demo logins (password for all: $(cat var/demo-password 2>/dev/null || echo 'see README')):
    admin (平台超级管理员)   cityadmin (市局系统管理员)   supervisor (市局执法监督)
    head (浦口区局负责人)     officer1 / officer2 (浦口区局执法人员)   reviewer (法制审核)
    assistant (辅助人员，无执法证)   expired (执法证已过期)   officer_other (江宁区局执法人员)
  Worker and beat logs: var/log/worker.log, var/log/beat.log. Stop with Ctrl-C.

MSG
$PY manage.py runserver "127.0.0.1:${PORT:-8000}" --noreload
