#!/usr/bin/env bash
# A local PostgreSQL primary and a streaming replica, for the scale tests and benches (issue #9).
#
#   scripts/pg-cluster.sh up        initdb a primary, pg_basebackup a replica from it, start both
#   scripts/pg-cluster.sh status    who is primary, replication state
#   scripts/pg-cluster.sh kill-primary   stop the primary at once (as a crash: -m immediate)
#   scripts/pg-cluster.sh stop-replica   stop the replica
#   scripts/pg-cluster.sh promote   promote the replica (the scripted failover)
#   scripts/pg-cluster.sh down      stop both and remove the directory
#
# Settings: MOTCUA_CLUSTER_DIR (/tmp/motcua-cluster), PRIMARY_PORT (5433), REPLICA_PORT (5434),
# SYNC (1: the replica is a synchronous standby, so a commit is acknowledged only once the
# replica has it on disk and a failover loses no acknowledged dossier; 0: asynchronous).
# The servers listen on 127.0.0.1 only, trust authentication, user postgres. As root, the
# servers run as the postgres user (PostgreSQL refuses to run as root).
set -euo pipefail

BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
DIR=${MOTCUA_CLUSTER_DIR:-/tmp/motcua-cluster}
P1=${PRIMARY_PORT:-5433}
P2=${REPLICA_PORT:-5434}
SYNC=${SYNC:-1}

as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_at() { # port sql
  as_pg "$BIN/psql" -X -q -t -A -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "$2"
}

stop_one() { # dir
  if [ -f "$1/postmaster.pid" ]; then as_pg "$BIN/pg_ctl" -D "$1" -m fast -w stop >/dev/null 2>&1 || true; fi
}

down() {
  stop_one "$DIR/primary"
  stop_one "$DIR/replica"
  rm -rf "$DIR"
}

up() {
  down
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
  as_pg "$BIN/initdb" -D "$DIR/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$DIR/primary/postgresql.conf" <<EOF
port = $P1
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 5
max_replication_slots = 5
hot_standby = on
shared_buffers = 256MB
max_connections = 200
EOF
  if [ "$SYNC" = 1 ]; then
    echo "synchronous_standby_names = 'replica1'" >>"$DIR/primary/postgresql.conf"
  fi
  as_pg "$BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
  # The replica: a base backup of the primary with its own replication slot (-C -S), configured
  # to follow it (-R writes primary_conninfo and standby.signal).
  as_pg "$BIN/pg_basebackup" -h 127.0.0.1 -p "$P1" -U postgres -D "$DIR/replica" -R -X stream -C -S replica1
  cat >>"$DIR/replica/postgresql.conf" <<EOF
port = $P2
# Once promoted, it has no standby of its own: it must not wait for one.
synchronous_standby_names = ''
EOF
  echo "primary_conninfo = 'host=127.0.0.1 port=$P1 user=postgres application_name=replica1'" \
    >>"$DIR/replica/postgresql.auto.conf"
  as_pg "$BIN/pg_ctl" -D "$DIR/replica" -l "$DIR/replica.log" -w start >/dev/null
  for _ in $(seq 1 100); do
    state=$(psql_at "$P1" "select state from pg_stat_replication where application_name = 'replica1'" || true)
    [ "$state" = streaming ] && break
    sleep 0.1
  done
  [ "$state" = streaming ] || { echo "replica is not streaming" >&2; exit 1; }
  echo "primary 127.0.0.1:$P1, replica 127.0.0.1:$P2 (streaming, $([ "$SYNC" = 1 ] && echo synchronous || echo asynchronous))"
}

status() {
  for p in "$P1" "$P2"; do
    if r=$(psql_at "$p" "select case when pg_is_in_recovery() then 'replica' else 'primary' end" 2>/dev/null); then
      echo "127.0.0.1:$p $r"
    else
      echo "127.0.0.1:$p down"
    fi
  done
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  kill-primary) as_pg "$BIN/pg_ctl" -D "$DIR/primary" -m immediate -w stop >/dev/null ;;
  stop-replica) as_pg "$BIN/pg_ctl" -D "$DIR/replica" -m fast -w stop >/dev/null ;;
  promote) as_pg "$BIN/pg_ctl" -D "$DIR/replica" -w promote >/dev/null ;;
  *)
    echo "usage: $0 up|status|kill-primary|stop-replica|promote|down" >&2
    exit 2
    ;;
esac
