#!/usr/bin/env bash
# A private PostgreSQL cluster on loopback for the tests on PostgreSQL and for a shared mock backend.
#
#   bash scripts/postgres.sh start   # install Debian's postgresql if missing (as root), start; prints the URL
#   bash scripts/postgres.sh url     # the SQLAlchemy URL of the cluster's maintenance database
#   bash scripts/postgres.sh stop    # stop the cluster and delete its data
#
# ZIKAO_PG_PORT (default 54329) and ZIKAO_PG_DIR (default /tmp/zikao-pg) choose the port and the
# data directory.  The cluster trusts loopback connections of the role "zikao" (a superuser: the
# tests create a database per test) and runs without fsync: it is for tests and for testers, and
# holds nothing that must survive a crash.  As root, PostgreSQL runs as the "postgres" user.
set -euo pipefail
port=${ZIKAO_PG_PORT:-54329}
dir=${ZIKAO_PG_DIR:-/tmp/zikao-pg}
url="postgresql+psycopg://zikao@127.0.0.1:${port}/postgres"
action=${1:-start}

bindir() {
  local pg_config
  for pg_config in /usr/lib/postgresql/*/bin/pg_ctl; do
    [ -x "$pg_config" ] && { dirname "$pg_config"; return 0; }
  done
  return 1
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  url)
    echo "$url"
    ;;
  stop)
    if bin=$(bindir) && [ -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
  start)
    if ! bin=$(bindir); then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing postgresql (Debian's packages)" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends postgresql >/dev/null
        bin=$(bindir)
      else
        echo "PostgreSQL is not installed: sudo apt-get install postgresql" >&2
        exit 1
      fi
    fi
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      chmod 700 "$dir"
      as_owner "$bin/initdb" -D "$dir" -U zikao --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      cat >>"$dir/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
timezone = 'UTC'
CONF
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
    fi
    echo "$url"
    ;;
  *)
    echo "usage: $0 start|url|stop" >&2
    exit 2
    ;;
esac
