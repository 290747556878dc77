#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for benchmarks and tests: initdb into a folder of its own, listening only on a
# unix socket in that folder, fsync on (the default), stopped and removed by `stop`.
#
#   scripts/postgres-cluster.sh start DIR [PORT]   prints the socket folder and port: `host=DIR port=PORT`
#   scripts/postgres-cluster.sh stop DIR
#   scripts/postgres-cluster.sh pause DIR          stops the server, keeps the cluster (a restart test)
#   scripts/postgres-cluster.sh resume DIR [PORT]  starts a paused cluster again
#
# Installs Debian's `postgresql` package when its server programs are missing. PostgreSQL refuses to run as root,
# so as root the cluster belongs to the `postgres` user the package creates.
set -euo pipefail
command=${1:?usage: postgres-cluster.sh start|stop|pause|resume DIR [PORT]}
dir=${2:?usage: postgres-cluster.sh start|stop|pause|resume DIR [PORT]}
port=${3:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "installing Debian's postgresql package" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-instructions >"$dir/initdb.log" 2>&1
  # The server outlives this script: it must not inherit a descriptor of the caller's (a pipe the caller reads
  # to its end would never end).
  for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-k $dir -c listen_addresses='' -p $port -c max_connections=300" start </dev/null >/dev/null 2>&1
  echo "host=$dir port=$port"
  ;;
pause)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  ;;
resume)
  for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-k $dir -c listen_addresses='' -p $port -c max_connections=300" start </dev/null >/dev/null 2>&1
  ;;
stop)
  if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: postgres-cluster.sh start|stop|pause|resume DIR [PORT]" >&2
  exit 64
  ;;
esac
