# Sourced by .ci/run, scripts/two-instances.sh and scripts/load-bench.sh: a throwaway PostgreSQL cluster from Debian's packages.
# start_throwaway_pg DBNAME: installs postgresql when missing (as root), starts a cluster as the postgres
# user on 127.0.0.1 at a random high port, creates DBNAME and sets PG_URL. stop_throwaway_pg removes it.
# Returns non-zero (with the reason on stderr) when no cluster could be started.
PG_DIR=""
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

start_throwaway_pg() {
  local db="$1"
  if [ -z "$(pg_bin)" ]; then
    [ "$(id -u)" = 0 ] || { echo "postgresql 未安装，且不是 root，无法安装" >&2; return 1; }
    (export DEBIAN_FRONTEND=noninteractive; apt-get update -qq && apt-get install -y -qq postgresql >/dev/null) \
      || { echo "postgresql 安装失败" >&2; return 1; }
  fi
  local pg; pg="$(pg_bin)"
  PG_DIR="$(mktemp -d /tmp/jixiao-pg.XXXXXX)"
  local port=$(( 40000 + RANDOM % 20000 ))
  chown postgres "$PG_DIR"
  runuser -u postgres -- "$pg/initdb" -D "$PG_DIR/data" -A trust -E UTF8 -U postgres >/dev/null
  if ! runuser -u postgres -- "$pg/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/log" \
       -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off" start >/dev/null; then
    echo "PostgreSQL 没有启动：" >&2; cat "$PG_DIR/log" >&2 || true; return 1
  fi
  runuser -u postgres -- "$pg/createdb" -h 127.0.0.1 -p "$port" "$db"
  PG_URL="postgres://postgres@127.0.0.1:$port/$db"
}

stop_throwaway_pg() {
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
