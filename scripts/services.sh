#!/usr/bin/env bash
# Start or stop a throwaway PostgreSQL cluster and Redis on free loopback ports.
# Usage: scripts/services.sh start DIR   -> writes DIR/env (export lines) and prints its path
#        scripts/services.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
[ -x "$PGBIN/pg_ctl" ] || PGBIN=$(dirname "$(command -v pg_ctl)")

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
start)
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  chmod 755 "$dir"
  pgdir="$dir/pg"
  pgport=${TEST_PG_PORT:-$(free_port)}
  redisport=${TEST_REDIS_PORT:-$(free_port)}
  rm -rf "$pgdir"; mkdir -p "$pgdir"
  runas=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$pgdir"
    runas=(runuser -u postgres --)
  fi
  (cd /tmp && "${runas[@]}" "$PGBIN/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 \
      --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1) || { cat "$dir/initdb.log" >&2; exit 1; }
  (cd /tmp && "${runas[@]}" "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w start \
      -o "-p $pgport -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2) \
      || { echo "PostgreSQL failed to start:" >&2; cat "$pgdir/server.log" >&2; exit 1; }
  # the database DATABASE_URL names (pytest makes its own test_ copy; migrate/bench use this one)
  "$PGBIN/createdb" -h 127.0.0.1 -p "$pgport" -U postgres enforcement \
      || { echo "createdb failed on port $pgport" >&2; exit 1; }
  redis-server --bind 127.0.0.1 --port "$redisport" --daemonize yes --pidfile "$dir/redis.pid" \
      --logfile "$dir/redis.log" --dir "$dir" --save '' --appendonly no
  for _ in $(seq 50); do
    redis-cli -p "$redisport" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -p "$redisport" ping >/dev/null || { echo "Redis failed to start" >&2; cat "$dir/redis.log" >&2; exit 1; }
  cat >"$dir/env" <<ENV
export DATABASE_URL=postgres://postgres@127.0.0.1:$pgport/enforcement
export REDIS_URL=redis://127.0.0.1:$redisport/0
export TEST_PG_PORT=$pgport
export TEST_REDIS_PORT=$redisport
ENV
  echo "$dir/env"
  ;;
stop)
  [ -d "$dir" ] || exit 0
  dir=$(cd "$dir" && pwd)  # pg_ctl runs from /tmp below: a relative DIR would miss the cluster
  if [ -f "$dir/pg/data/postmaster.pid" ]; then
    if [ "$(id -u)" = "0" ]; then
      (cd /tmp && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/pg/data" -m immediate stop >&2) || true
    else
      (cd /tmp && "$PGBIN/pg_ctl" -D "$dir/pg/data" -m immediate stop >&2) || true
    fi
  fi
  if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
  ;;
esac
