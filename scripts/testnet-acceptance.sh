#!/usr/bin/env bash
# Acceptance run of live relay-descriptor collection: starts a private Tor network on 127.0.0.1, collects from it
# into a fresh database for N consensus periods (default 12), prints the archive rate per type, seconds from
# valid-after to each consensus archived, and fetch counts and bytes, then stops the network by its pids.
# Usage: scripts/testnet-acceptance.sh [PERIODS]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
periods=${1:-12}
run_dir="$ROOT/.data/testnet-acceptance"

scripts/postgres.sh start >/dev/null
scripts/prerequisites.sh --tor
dotnet build TorMetrics.Web -c Release -v quiet -nologo >/dev/null
tormetrics() { "$ROOT/TorMetrics.Web/bin/Release/net10.0/tormetrics" "$@"; }

database="tm_acceptance_$(date -u +%Y%m%d%H%M%S)"
admin=$(scripts/postgres.sh admin-connection-string)
psql_admin() {
  PGPASSWORD=$(sed 's/.*Password=\([^;]*\).*/\1/' <<<"$admin") psql -q -h 127.0.0.1 \
    -p "$(sed 's/.*Port=\([0-9]*\).*/\1/' <<<"$admin")" -U "$(sed 's/.*Username=\([^;]*\).*/\1/' <<<"$admin")" -d postgres "$@"
}
psql_admin -c "CREATE DATABASE \"$database\""
export ConnectionStrings__TorMetrics="${admin/Database=postgres/Database=$database}"

trap 'tormetrics testnet stop --run-dir "$run_dir" || true' EXIT
tormetrics testnet start --run-dir "$run_dir"
echo "Collecting $periods periods into database $database."
tormetrics testnet collect --run-dir "$run_dir" --periods "$periods"
