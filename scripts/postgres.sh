#!/usr/bin/env bash
# The project's private PostgreSQL cluster, kept inside the project folder (.data/postgres), listening only on
# 127.0.0.1 at a port derived from the folder's path (so two clones on one machine do not collide).
# Usage: scripts/postgres.sh start|stop|status|connection-string|admin-connection-string
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA="$ROOT/.data/postgres"
CLUSTER="$DATA/cluster"
DATABASE=tormetrics
ROLE=tormetrics

log() { printf '[postgres] %s\n' "$*" >&2; }

# Runs a command as the cluster's owner: PostgreSQL refuses to run as root, so root uses the 'postgres' account.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

ensure_installed() {
  if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    log "PostgreSQL is not installed; installing Debian's package."
    export DEBIAN_FRONTEND=noninteractive
    # Keep the package from starting the system-wide cluster: we only want the binaries.
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    apt-get update -qq && apt-get install -y -qq postgresql >/dev/null
    rm -f /usr/sbin/policy-rc.d
  fi
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
}

choose_port() {
  if [ -f "$DATA/port" ]; then cat "$DATA/port"; return; fi
  local port=$(( 54000 + $(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % 900 ))
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}

init_cluster() {
  mkdir -p "$DATA"
  local port password
  port=$(choose_port)
  echo "$port" > "$DATA/port"
  password=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  umask 077
  printf '%s\n' "$password" > "$DATA/password"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$DATA"
    if ! runuser -u postgres -- test -w "$DATA"; then
      log "The 'postgres' account cannot reach $DATA (a parent folder is private). Move the project, or set ConnectionStrings__TorMetrics."
      exit 1
    fi
  fi
  log "Creating the cluster in $CLUSTER (port $port)."
  as_owner "$PGBIN/initdb" -D "$CLUSTER" -U "$ROLE" --pwfile="$DATA/password" --auth=scram-sha-256 \
    -E UTF8 --locale=C >/dev/null
  cat >> "$CLUSTER/postgresql.conf" <<CONF
# TorMetrics private cluster
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
shared_buffers = 256MB
max_connections = 200
default_toast_compression = lz4
CONF
  printf 'Host=127.0.0.1;Port=%s;Username=%s;Password=%s;Database=%s\n' "$port" "$ROLE" "$password" "$DATABASE" \
    > "$DATA/connection-string"
}

is_running() { [ -f "$CLUSTER/postmaster.pid" ] && as_owner "$PGBIN/pg_ctl" -D "$CLUSTER" status >/dev/null 2>&1; }

start() {
  ensure_installed
  [ -f "$CLUSTER/PG_VERSION" ] || init_cluster
  if is_running; then
    log "Running on 127.0.0.1:$(cat "$DATA/port")."
  else
    as_owner "$PGBIN/pg_ctl" -D "$CLUSTER" -l "$DATA/server.log" -w -t 60 start >/dev/null
    log "Started on 127.0.0.1:$(cat "$DATA/port") (log: $DATA/server.log)."
  fi
  PGPASSWORD=$(cat "$DATA/password") "$PGBIN/psql" -h 127.0.0.1 -p "$(cat "$DATA/port")" -U "$ROLE" -d postgres -tAq \
    -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'" | grep -q 1 \
    || PGPASSWORD=$(cat "$DATA/password") "$PGBIN/createdb" -h 127.0.0.1 -p "$(cat "$DATA/port")" -U "$ROLE" "$DATABASE"
}

stop() {
  ensure_installed
  if is_running; then
    as_owner "$PGBIN/pg_ctl" -D "$CLUSTER" -m fast -w stop >/dev/null
    log "Stopped."
  else
    log "Not running."
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) ensure_installed; if is_running; then log "Running on 127.0.0.1:$(cat "$DATA/port")."; else log "Not running."; exit 3; fi ;;
  connection-string) cat "$DATA/connection-string" ;;
  # The same server, connected to the maintenance database: tests create and drop their own databases there.
  admin-connection-string) sed "s/Database=$DATABASE/Database=postgres/" "$DATA/connection-string" ;;
  *) echo "usage: $0 start|stop|status|connection-string|admin-connection-string" >&2; exit 2 ;;
esac
