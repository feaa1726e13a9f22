#!/usr/bin/env bash
# make demo: fresh machine -> the product on http://127.0.0.1:8000 (SQLite under var/, Celery worker and beat on
# kombu's server-free filesystem:// broker, debug on). Idempotent: a second run reuses .venv and the database.
# PORT=8001 make demo   to use another port.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8000}

port_busy() { python3 -c 'import socket,sys; s=socket.socket(); sys.exit(0 if s.connect_ex(("127.0.0.1", int(sys.argv[1]))) == 0 else 1)' "$1"; }
if port_busy "$PORT"; then
  echo "demo: port $PORT on 127.0.0.1 is already in use; stop what runs there or try: PORT=8001 make demo" >&2
  exit 1
fi

scripts/setup.sh

# The demo is local by design: debug on (plain-http cookies), SQLite and the file broker under var/.
export DJANGO_DEBUG=true
unset DATABASE_URL REDIS_URL DJANGO_SECRET_KEY
export VAR_DIR=${VAR_DIR:-$PWD/var}
mkdir -p "$VAR_DIR"/celery/queue "$VAR_DIR"/celery/control "$VAR_DIR"/celery/processed "$VAR_DIR"/media "$VAR_DIR"/log
PY=.venv/bin/python

echo "demo: migrating the SQLite database $VAR_DIR/db.sqlite3" >&2
$PY manage.py migrate --noinput -v0
echo "demo: seeding demo data" >&2
$PY manage.py seed_demo
# Today's reminders at once (beat then keeps them daily): deadline scan, training hours, calendar coverage.
echo "demo: running the daily jobs (deadline reminders)" >&2
$PY manage.py run_daily_jobs >"$VAR_DIR/log/daily-jobs.log" 2>&1

pids=()
cleanup() {
  trap - EXIT INT TERM
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

.venv/bin/celery -A enforcement worker --pool=solo --loglevel=INFO --hostname="demo@%h" \
  >"$VAR_DIR/log/worker.log" 2>&1 &
pids+=($!)
.venv/bin/celery -A enforcement beat --loglevel=INFO --pidfile="$VAR_DIR/celerybeat.pid" \
  >"$VAR_DIR/log/beat.log" 2>&1 &
pids+=($!)

# Prove the background path: send one task through the broker and wait for the worker to run it.
note="demo-$(date +%s)"
DJANGO_SETTINGS_MODULE=enforcement.settings \
  $PY -c "import django; django.setup(); from enforcement.celery import ping; ping.delay('$note')" 2>/dev/null
tasks_ok=
for _ in $(seq 60); do
  if grep -q "succeeded.*pong $note" "$VAR_DIR/log/worker.log" 2>/dev/null; then tasks_ok=1; break; fi
  sleep 0.5
done
if [ -n "$tasks_ok" ]; then
  tasks_msg="后台任务正常 / background tasks OK (worker + beat on filesystem://)"
else
  tasks_msg="WARNING: the worker did not run the test task within 30 s — see $VAR_DIR/log/worker.log"
fi

# seed_demo writes the password there (enforcement/core/demo.py); importing that module needs Django set up.
password=$(cat "$VAR_DIR/demo-password")
cat <<MSG

  应急管理行政执法办案平台 — http://127.0.0.1:${PORT}/
  ${tasks_msg}

  演示账号 / Demo logins (password for all: ${password})
    admin          平台超级管理员 / platform superuser
    cityadmin      系统管理员     南京市应急管理局（系统管理：/sysadmin/）
    supervisor     执法监督人员   南京市应急管理局
    head           负责人         南京市浦口区应急管理局
    officer1       执法人员       南京市浦口区应急管理局
    officer2       执法人员       南京市浦口区应急管理局
    reviewer       法制审核人员   南京市浦口区应急管理局
    assistant      辅助人员（无执法证）  南京市浦口区应急管理局
    expired        执法人员（执法证已过期）南京市浦口区应急管理局
    officer_other  执法人员       南京市江宁区应急管理局

  Logs: $VAR_DIR/log/worker.log, $VAR_DIR/log/beat.log   Stop with Ctrl-C.

MSG
# In the background and waited for, so that Ctrl-C or a TERM reaches the trap at once and stops all three.
$PY manage.py runserver "127.0.0.1:${PORT}" --noreload &
pids+=($!)
wait "${pids[-1]}"
