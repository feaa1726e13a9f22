#!/usr/bin/env bash
# make bench: throwaway PostgreSQL + Redis, migrate, seed_demo --scale ${BENCH_SCALE:-2}, run every
# benchmarks/bench_*.py (each prints `name key=value ...` lines), stop the services.
# Output is also written to bench-out/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test

svc=$(mktemp -d /tmp/enforcement-bench.XXXXXX)
cleanup() { scripts/services.sh stop "$svc" || true; rm -rf "$svc"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
envfile=$(scripts/services.sh start "$svc")
# shellcheck disable=SC1090
source "$envfile"
export DJANGO_SECRET_KEY=bench-secret-key-not-for-production-0123456789abcdefghij
export DJANGO_DEBUG=false DJANGO_SECURE_SSL_REDIRECT=false SIMPLE_STATIC=true VAR_DIR="$svc/var"
export DJANGO_SETTINGS_MODULE=enforcement.settings PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"

scale=${BENCH_SCALE:-2}
echo "== migrate + seed_demo --scale $scale (PostgreSQL on 127.0.0.1:$TEST_PG_PORT)" >&2
.venv/bin/python manage.py migrate --noinput -v0
seed_started=$(date +%s)
.venv/bin/python manage.py seed_demo --scale "$scale" >&2
mkdir -p bench-out
out=bench-out/results.txt
echo "seed_demo scale=$scale seconds=$(( $(date +%s) - seed_started ))" | tee "$out"

shopt -s nullglob
scripts=(benchmarks/bench_*.py)
if [ ${#scripts[@]} -eq 0 ]; then
  echo "no benchmarks/bench_*.py yet" >&2
  exit 0
fi
failed=()
for script in "${scripts[@]}"; do
  echo "== $script" >&2
  if ! .venv/bin/python "$script" | tee -a "$out"; then
    failed+=("$script")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "bench: failed: ${failed[*]}" >&2
  exit 1
fi
echo "bench: results in $out" >&2
