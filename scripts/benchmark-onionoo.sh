#!/usr/bin/env bash
# Onionoo benchmark on the synthetic network, in one run, on loopback only:
#   (a) details?lookup=FP latency p50/p99 at 50 connections (wrk + a Lua script rotating over real fingerprints);
#   (b) full /summary and /details throughput, plain and gzip, against nginx serving the same bytes as static files;
#   (c) the updater's duration after a new consensus (`onionoo update` after importing the newest hour).
# It prints one table with the targets (lookup p99 < 5 ms; full summary >= 50 % of nginx; updater < 15 s) and
# PASS/FAIL, and the load average, since the machine is shared and load generator and server share its cores.
#
# Usage: scripts/benchmark-onionoo.sh [--fresh | --serve-only]
#   --fresh       forget the cached database and re-import (needed after a change to the importer or parsers;
#                 a new migration is noticed by itself); the generated network is kept either way.
#   --serve-only  skip loading and updating: serve what the previous run left in the scratch database, and only
#                 measure serving (for re-measuring after a change to the web code).
# Environment (defaults in brackets): RELAYS [7000] BRIDGES [2000] DAYS [8] END [2026-11-21T12:00:00Z] SEED [1]
#   for the generator; DURATION [15s] THREADS [2] CONNECTIONS [50] WARMUP [3s] ROUNDS [2] for wrk; ONLY (space-separated
#   run names such as "lookup_app details_gz_nginx", as in the log) limits the wrk runs.
# The last run's logs and wrk outputs are kept in .data/benchmark/last-run/.
#
# Caching: the network is generated once per generator arguments into .data/benchmark/network-<key>/. The database
# with everything but the newest hour imported (and no Onionoo update yet) is kept as the template database
# onionoo_bench_base_<hash> (hash of the generator arguments and migrations/); a rerun clones it into the scratch
# database onionoo_bench with CREATE DATABASE ... TEMPLATE (seconds, instead of minutes of import), so each run times
# the same first build, newest-hour import and update. The dev database is never touched.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '[benchmark-onionoo] %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

RELAYS=${RELAYS:-7000} BRIDGES=${BRIDGES:-2000} DAYS=${DAYS:-8} END=${END:-2026-11-21T12:00:00Z} SEED=${SEED:-1}
DURATION=${DURATION:-15s} THREADS=${THREADS:-2} CONNECTIONS=${CONNECTIONS:-50} WARMUP=${WARMUP:-3s} ROUNDS=${ROUNDS:-2}
FRESH=0 SERVE_ONLY=0 ONLY=${ONLY:-}
for arg in "$@"; do
  case "$arg" in
    --fresh) FRESH=1 ;;
    --serve-only) SERVE_ONLY=1 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) die "unknown argument: $arg (see --help)" ;;
  esac
done

# --- 1. wrk and nginx (Debian packages), without letting the nginx package start its system service -------------
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ ${#missing[@]} -eq 0 ] && return
  log "Installing ${missing[*]} (Debian packages)."
  local created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d"
    created_policy=1
  fi
  # Works before the unit exists; on hosts without systemd policy-rc.d alone keeps the service down.
  as_root systemctl mask nginx.service >/dev/null 2>&1 || true
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ "$created_policy" -eq 1 ] && as_root rm -f /usr/sbin/policy-rc.d
  if [ -s /run/nginx.pid ] && kill -0 "$(cat /run/nginx.pid)" 2>/dev/null; then
    die "a system nginx is running (pid $(cat /run/nginx.pid)); the guard did not hold. Stop it, then rerun."
  fi
}
install_tools

# --- database: the project's cluster, a scratch database and its cached template ---------------------------------
scripts/postgres.sh start
admin=$(scripts/postgres.sh admin-connection-string)
field() { printf '%s' "$admin" | tr ';' '\n' | sed -n "s/^$1=//p"; }
PGHOST=$(field Host) PGPORT=$(field Port) PGUSER=$(field Username) PGPASSWORD=$(field Password)
export PGHOST PGPORT PGUSER PGPASSWORD
psql_admin() { PGOPTIONS='-c client_min_messages=warning' psql -d postgres -tAq -v ON_ERROR_STOP=1 -c "$1"; }

WORK_DB=onionoo_bench
key="r${RELAYS}-b${BRIDGES}-d${DAYS}-e$(printf '%s' "$END" | tr -cd '0-9TZ')-s${SEED}"
TEMPLATE_DB="onionoo_bench_base_$( (printf '%s' "$key"; cat migrations/*.sql) | sha1sum | cut -c1-12)"
export ConnectionStrings__TorMetrics="${admin/Database=postgres/Database=$WORK_DB}"
export Jobs__Enabled=false Logging__LogLevel__Default=Warning

# --- scratch space, servers, cleanup -----------------------------------------------------------------------------
RUN=$(mktemp -d /tmp/tormetrics-onionoo-bench.XXXXXX)
chmod 755 "$RUN"   # nginx's workers (nobody when started as root) read the files
APP_PID='' NGINX_PID=''
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null
  [ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null
  for _ in 1 2 3 4 5 6 7 8 9 10; do [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null && sleep 0.3; done
  rm -rf "$ROOT/.data/benchmark/last-run" && mkdir -p "$ROOT/.data/benchmark/last-run"
  find "$RUN" -maxdepth 2 -type f \( -name '*.log' -o -name '*.txt' -o -name '*.lua' -o -name '*.conf' \) \
    -exec cp {} "$ROOT/.data/benchmark/last-run/" \;
  rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "Building (Release)."
dotnet build TorMetrics.Web -c Release -v quiet -nologo >/dev/null
APP="$ROOT/TorMetrics.Web/bin/Release/net10.0/tormetrics"
tormetrics() { (cd "$ROOT/TorMetrics.Web" && "$APP" "$@"); }
seconds() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(seconds)" 'BEGIN { printf "%.1f", b - a }'; }

# --- 2. synthetic network (cached), import all but the newest hour, two updates ----------------------------------
NETWORK="$ROOT/.data/benchmark/network-$key"
if [ ! -f "$NETWORK/complete" ]; then
  log "Generating the synthetic network into $NETWORK."
  t=$(seconds)
  tormetrics synthesize network --output "$NETWORK" --relays "$RELAYS" --bridges "$BRIDGES" --days "$DAYS" \
    --end "$END" --seed "$SEED" --overwrite | tail -n 1
  log "Generated in $(elapsed "$t") s."
  touch "$NETWORK/complete"
fi
RECENT="$NETWORK/recent"

# The newest consensus hour: its consensus and every file stamped within that hour (descriptors, bridge statuses,
# exit list, pool assignment), as a CollecTor follower would fetch them together.
newest=$(ls "$RECENT/relay-descriptors/consensuses" | sort | tail -n 1)
hour=${newest:0:13}                                   # 2026-11-21-12
bridge_hour="${hour:0:4}${hour:5:2}${hour:8:2}-${hour:11:2}"   # 20261121-12
RELAYS_PUBLISHED="${hour:0:10} ${hour:11:2}:00:00"
mapfile -t all_files < <(find "$RECENT" -type f | sort)
base_files=() new_files=()
for f in "${all_files[@]}"; do
  case "$(basename "$f")" in
    "$hour"-*|"$bridge_hour"*) new_files+=("$f") ;;
    *) base_files+=("$f") ;;
  esac
done
log "Newest consensus hour $hour: ${#new_files[@]} files held back, ${#base_files[@]} imported first."

# Loads the base into the scratch database: a clone of the cached template, or an import that then becomes it.
load_base() {
  [ "$FRESH" -eq 1 ] && psql_admin "DROP DATABASE IF EXISTS $TEMPLATE_DB WITH (FORCE)"
  psql_admin "DROP DATABASE IF EXISTS $WORK_DB WITH (FORCE)"
  local t
  t=$(seconds)
  if [ -n "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$TEMPLATE_DB'")" ]; then
    psql_admin "CREATE DATABASE $WORK_DB TEMPLATE $TEMPLATE_DB"
    BASE_LOAD="cloned the cached database $TEMPLATE_DB in $(elapsed "$t") s"
    tormetrics migrate >/dev/null
    return
  fi
  # Templates of other arguments or older migrations are useless now; they hold gigabytes.
  for old in $(psql_admin "SELECT datname FROM pg_database WHERE datname LIKE 'onionoo\_bench\_base\_%'"); do
    psql_admin "DROP DATABASE $old WITH (FORCE)"
  done
  psql_admin "CREATE DATABASE $WORK_DB"
  tormetrics migrate >/dev/null
  log "Importing ${#base_files[@]} files (everything but the newest hour); this takes minutes, once."
  tormetrics import "${base_files[@]}" > "$RUN/import-base.log" 2>&1 || { tail -n 20 "$RUN/import-base.log"; die "import failed"; }
  BASE_LOAD="imported $(tail -n 1 "$RUN/import-base.log" | sed 's/^Import run [0-9]*: //') (wall $(elapsed "$t") s)"
  psql_admin "CREATE DATABASE $TEMPLATE_DB TEMPLATE $WORK_DB"
}

# Runs `onionoo update`, keeps its summary line, and sets FOLD, TOTAL, BUILD (total minus fold: build and publish).
update() {
  local out="$RUN/update-$1.log" t
  t=$(seconds)
  tormetrics onionoo update > "$out" 2>&1 || { tail -n 20 "$out"; die "onionoo update failed"; }
  WALL=$(elapsed "$t")
  # Progress lines are reported from the thread pool and may come after the summary line.
  UPDATE_LINE=$(grep '^Generation ' "$out" | tail -n 1)
  FOLD=$(printf '%s' "$UPDATE_LINE" | sed -n 's/.* in \([0-9.]*\) s; total.*/\1/p')
  TOTAL=$(printf '%s' "$UPDATE_LINE" | sed -n 's/.*; total \([0-9.]*\) s\..*/\1/p')
  BUILD=$(awk -v a="$TOTAL" -v b="$FOLD" 'BEGIN { printf "%.1f", a - b }')
  log "update ($1): $UPDATE_LINE"
}

FIRST_FOLD=- FIRST_BUILD=- FIRST_TOTAL=- FIRST_WALL=- FOLD=- BUILD=- TOTAL=- WALL=- LOAD_AFTER_UPDATE=-
FIRST_LINE='skipped (--serve-only)' UPDATE_LINE='skipped (--serve-only)' BASE_LOAD='skipped (--serve-only)' NEW_IMPORT='skipped'
if [ "$SERVE_ONLY" -eq 1 ]; then
  [ -n "$(psql_admin "SELECT 1 FROM pg_database WHERE datname = '$WORK_DB'")" ] \
    || die "--serve-only needs the scratch database $WORK_DB of a previous run"
else
  load_base
  log "Base: $BASE_LOAD."
  update first
  FIRST_FOLD=$FOLD FIRST_BUILD=$BUILD FIRST_TOTAL=$TOTAL FIRST_WALL=$WALL FIRST_LINE=$UPDATE_LINE
  # Consensuses come an hour apart, and in that hour autovacuum processes the millions of rows the first build
  # wrote. Measured right after it, the second update would share the two cores with autovacuum instead.
  t=$(seconds)
  PGOPTIONS='-c client_min_messages=warning' psql -d "$WORK_DB" -tAq -v ON_ERROR_STOP=1 -c "VACUUM (ANALYZE)"
  log "VACUUM (ANALYZE) after the first build, standing in for autovacuum between two consensuses: $(elapsed "$t") s."
  t=$(seconds)
  tormetrics import "${new_files[@]}" > "$RUN/import-new.log" 2>&1 || { tail -n 20 "$RUN/import-new.log"; die "import failed"; }
  NEW_IMPORT="$(tail -n 1 "$RUN/import-new.log" | sed 's/^Import run [0-9]*: //') (wall $(elapsed "$t") s)"
  log "Newest hour: $NEW_IMPORT."
  update second
  LOAD_AFTER_UPDATE=$(cut -d' ' -f1-3 /proc/loadavg)
fi

# --- 3. the web app (Release, scheduler off) and nginx with the same bytes ---------------------------------------
free_port() {
  local port=$1
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
# Below the kernel's ephemeral range, and away from the private tor networks' default 20000-20499.
APP_PORT=$(free_port $((30000 + RANDOM % 2500)))
(cd "$ROOT/TorMetrics.Web" && exec "$APP" serve --urls "http://127.0.0.1:$APP_PORT") > "$RUN/app.log" 2>&1 &
APP_PID=$!
APP_URL="http://127.0.0.1:$APP_PORT"
log "tormetrics serve (pid $APP_PID) on $APP_URL; waiting for relays_published $RELAYS_PUBLISHED."
for i in $(seq 1 240); do
  if curl -sf "$APP_URL/summary?limit=1" 2>/dev/null | grep -q "\"relays_published\":\"$RELAYS_PUBLISHED\""; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { tail -n 30 "$RUN/app.log"; die "the app exited"; }
  [ "$i" -eq 240 ] && { tail -n 30 "$RUN/app.log"; die "the app did not serve the new generation within 120 s"; }
  sleep 0.5
done

HTML="$RUN/nginx/html"
mkdir -p "$HTML" "$RUN/nginx/tmp"
for doc in summary details; do
  curl -sf -o "$HTML/$doc" "$APP_URL/$doc"
  curl -sf -H 'Accept-Encoding: gzip' -o "$HTML/$doc.gz" "$APP_URL/$doc"
  gzip -dc "$HTML/$doc.gz" | cmp -s - "$HTML/$doc" || die "/$doc: the gzip body does not decompress to the plain body"
done

# A few hundred real fingerprints from the summary: relays' fingerprints and bridges' hashed fingerprints.
relay_fps=$(grep -o '"f":"[0-9A-F]\{40\}"' "$HTML/summary" | cut -d'"' -f4)
bridge_fps=$(grep -o '"h":"[0-9A-F]\{40\}"' "$HTML/summary" | cut -d'"' -f4)
pick() { awk -v n="$1" '{ a[NR] = $0 } END { step = NR / n; if (step < 1) step = 1; for (i = 1; i <= NR && c < n; i += step) { print a[int(i)]; c++ } }'; }
{ printf '%s\n' "$relay_fps" | pick 300; printf '%s\n' "$bridge_fps" | pick 100; } > "$RUN/fingerprints"
[ "$(wc -l < "$RUN/fingerprints")" -ge 100 ] || die "too few fingerprints in /summary"
{
  printf 'local fingerprints = {\n'
  sed 's/.*/  "&",/' "$RUN/fingerprints"
  printf '}\nlocal i = 0\n'
  printf 'function setup(thread) end\n'
  printf 'request = function()\n  i = i + 1\n'
  printf '  return wrk.format("GET", "/details?lookup=" .. fingerprints[(i %% #fingerprints) + 1])\nend\n'
} > "$RUN/lookup.lua"
# nginx's reference for the lookup: one relay's details document as a small static file.
curl -sf -o "$HTML/lookup" "$APP_URL/details?lookup=$(head -n 1 "$RUN/fingerprints")"

NGINX_PORT=$(free_port $((APP_PORT + 1)))
nginx_user=''
[ "$(id -u)" -eq 0 ] && nginx_user='user nobody nogroup;'
cat > "$RUN/nginx/nginx.conf" <<CONF
$nginx_user
worker_processes auto;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/error.log warn;
events { worker_connections 1024; }
http {
  default_type application/json;
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $RUN/nginx/tmp/body;
  proxy_temp_path $RUN/nginx/tmp/proxy;
  fastcgi_temp_path $RUN/nginx/tmp/fastcgi;
  uwsgi_temp_path $RUN/nginx/tmp/uwsgi;
  scgi_temp_path $RUN/nginx/tmp/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $HTML;
    gzip_static on;
  }
}
CONF
chmod -R a+rX "$RUN"
/usr/sbin/nginx -p "$RUN/nginx" -e "$RUN/nginx/error.log" -c "$RUN/nginx/nginx.conf"
for _ in $(seq 1 50); do [ -s "$RUN/nginx/nginx.pid" ] && break; sleep 0.1; done
NGINX_PID=$(cat "$RUN/nginx/nginx.pid")
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
log "nginx (pid $NGINX_PID) on $NGINX_URL."
for doc in summary details; do
  curl -sf "$NGINX_URL/$doc" | cmp -s - "$HTML/$doc" || die "nginx /$doc differs from the app's"
  curl -sf -H 'Accept-Encoding: gzip' "$NGINX_URL/$doc" | cmp -s - "$HTML/$doc.gz" || die "nginx /$doc (gzip) differs"
done

# --- 4. wrk --------------------------------------------------------------------------------------------------------
# wrk prints binary units (KB = 1024 B) and times in us/ms/s; the table uses MB = 10^6 B and milliseconds.
to_mb() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
  f = (u == "GB") ? 1073741824 : (u == "MB") ? 1048576 : (u == "KB") ? 1024 : 1; printf "%.1f", n * f / 1e6 }'; }
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
  f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : 1; printf "%.2f", n * f }'; }
# bench NAME URL [wrk options...]: one wrk run, added to the sums in RPS, MBS, P50, P99 (averaged over the rounds
# below) and to EACH (req/s of each round) and ERR (wrk's error lines). Warms up in the first round only.
declare -A RPS MBS P50 P99 EACH ERR
add() { awk -v a="${1:-0}" -v b="$2" 'BEGIN { print a + b }'; }
bench() {
  local name=$1 url=$2; shift 2
  if [ -n "$ONLY" ] && [[ " $ONLY " != *" $name "* ]]; then return; fi
  local out="$RUN/wrk-$name-$round.txt"
  [ "$round" -eq 1 ] && wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" --timeout 10s "$@" "$url" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "$@" "$url" > "$out"
  local rps
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  RPS[$name]=$(add "${RPS[$name]:-}" "$rps")
  MBS[$name]=$(add "${MBS[$name]:-}" "$(to_mb "$(awk '/^Transfer\/sec:/ { print $2 }' "$out")")")
  P50[$name]=$(add "${P50[$name]:-}" "$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")")
  P99[$name]=$(add "${P99[$name]:-}" "$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")")
  EACH[$name]+="${EACH[$name]:+/}$rps"
  ERR[$name]+=$(awk '/Socket errors|Non-2xx/ { sub(/^ +/, ""); printf "%s; ", $0 }' "$out")
  log "round $round $name: $rps req/s, $(awk '/^Transfer\/sec:/ { print $2 }' "$out")/s, p99 $(awk '$1 == "99%" { print $2 }' "$out")"
}
LOAD_BEFORE_WRK=$(cut -d' ' -f1-3 /proc/loadavg)
gz=(-H 'Accept-Encoding: gzip')
log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, $ROUNDS rounds (a $WARMUP warm-up before the first), app and nginx in turn."
# Each app run is followed at once by nginx's on the same bytes, and the rounds repeat the whole sequence, so a
# change in the machine's load (it is shared) weighs on both alike.
for round in $(seq 1 "$ROUNDS"); do
  bench lookup_app "$APP_URL/details" -s "$RUN/lookup.lua"
  bench lookup_gz_app "$APP_URL/details" -s "$RUN/lookup.lua" "${gz[@]}"
  bench lookup_nginx "$NGINX_URL/lookup"
  for doc in summary details; do
    bench "${doc}_app" "$APP_URL/$doc"
    bench "${doc}_nginx" "$NGINX_URL/$doc"
    bench "${doc}_gz_app" "$APP_URL/$doc" "${gz[@]}"
    bench "${doc}_gz_nginx" "$NGINX_URL/$doc" "${gz[@]}"
  done
done
for name in "${!RPS[@]}"; do
  RPS[$name]=$(awk -v v="${RPS[$name]}" -v n="$ROUNDS" 'BEGIN { printf "%.0f", v / n }')
  MBS[$name]=$(awk -v v="${MBS[$name]}" -v n="$ROUNDS" 'BEGIN { printf "%.1f", v / n }')
  P50[$name]=$(awk -v v="${P50[$name]}" -v n="$ROUNDS" 'BEGIN { printf "%.2f", v / n }')
  P99[$name]=$(awk -v v="${P99[$name]}" -v n="$ROUNDS" 'BEGIN { printf "%.2f", v / n }')
done
LOAD_AFTER_WRK=$(cut -d' ' -f1-3 /proc/loadavg)

# --- report --------------------------------------------------------------------------------------------------------
get() { local -n figures=$1; printf '%s' "${figures[$2]:-}"; }
ratio() { awk -v a="$(get RPS "$1")" -v b="$(get RPS "$2")" 'BEGIN { if (b > 0) printf "%.0f %%", 100 * a / b; else print "-" }'; }
# verdict EXPRESSION: PASS when the awk expression over numbers holds (FAIL when a figure is missing too).
verdict() { if [[ "$1" =~ ^[0-9.\ \<\>=*]+$ ]] && awk "BEGIN { exit !($1) }" 2>/dev/null; then echo PASS; else echo FAIL; fi; }
row() {  # name label ratio target result; runs left out by ONLY are left out here too
  [ -n "$(get RPS "$1")" ] || return 0
  printf '%-34s %10s %9s %9s %9s %9s  %-18s %-7s %s\n' "$2" "$(get RPS "$1")" "$(get MBS "$1")" "$(get P50 "$1")" \
    "$(get P99 "$1")" "$3" "$4" "$5" "$(get EACH "$1")"
}
size() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.2f MB", b / 1e6 }'; }

echo
echo "Onionoo benchmark: synthetic network $key (${#all_files[@]} files; $(grep -c '"f":' "$HTML/summary") relays and $(grep -c '"h":' "$HTML/summary") bridges served)"
echo "  machine: $(nproc) cores; load average $LOAD_AFTER_UPDATE after the updates, $LOAD_BEFORE_WRK before wrk, $LOAD_AFTER_WRK after wrk"
echo "  bodies: /summary $(size "$HTML/summary") (gzip $(size "$HTML/summary.gz")), /details $(size "$HTML/details") (gzip $(size "$HTML/details.gz")), one lookup $(stat -c %s "$HTML/lookup") B"
echo "  wrk 4.1 -t$THREADS -c$CONNECTIONS -d$DURATION --latency on 127.0.0.1, $ROUNDS rounds, $WARMUP warm-up per run in the first; nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*nginx\///'), sendfile, gzip_static"
echo
printf '%-34s %10s %9s %9s %9s %9s  %-18s %-7s %s\n' "run (means over $ROUNDS rounds)" "req/s" "MB/s" "p50 ms" "p99 ms" "app/nginx" "target" "result" "req/s per round"
row lookup_app "details?lookup=FP (app, 400 FPs)" "-" "p99 < 5 ms" "$(verdict "$(get P99 lookup_app) < 5")"
row lookup_gz_app "details?lookup=FP gzip (app)" "-" "(none)" ""
row lookup_nginx "  nginx: one lookup body, static" "" "(reference)" ""
for doc in summary details; do
  for variant in "" _gz; do
    label="/$doc${variant:+ gzip}"
    r=$(ratio "${doc}${variant}_app" "${doc}${variant}_nginx")
    if [ "$doc" = summary ]; then
      row "${doc}${variant}_app" "$label (app)" "$r" ">= 50 % of nginx" \
        "$(verdict "$(get RPS "${doc}${variant}_app") >= 0.5 * $(get RPS "${doc}${variant}_nginx")")"
    else
      row "${doc}${variant}_app" "$label (app)" "$r" "(none)" ""
    fi
    row "${doc}${variant}_nginx" "  nginx, same bytes" "" "" ""
  done
done
echo
printf '%-34s %10s %9s %9s %9s\n' "updater" "fold s" "build s" "total s" "wall s"
printf '%-34s %10s %9s %9s %9s  %s\n' "first full build" "$FIRST_FOLD" "$FIRST_BUILD" "$FIRST_TOTAL" "$FIRST_WALL" ""
printf '%-34s %10s %9s %9s %9s  %-18s %s\n' "after the new consensus" "$FOLD" "$BUILD" "$TOTAL" "$WALL" "total < 15 s" \
  "$([ "$SERVE_ONLY" -eq 1 ] && echo skipped || verdict "$TOTAL < 15")"
echo "  (fold = folding new statuses and extra-infos into the histories; build = total - fold: documents and publishing;"
echo "   wall = the verb's process including .NET start-up)"
echo "  base: $BASE_LOAD"
echo "  newest hour ($hour, ${#new_files[@]} files): $NEW_IMPORT"
echo "  first update: $FIRST_LINE"
echo "  second update: $UPDATE_LINE"
errors=''
for name in lookup_app lookup_gz_app lookup_nginx summary_app summary_nginx summary_gz_app summary_gz_nginx details_app details_nginx details_gz_app details_gz_nginx; do
  e=$(get ERR "$name")
  [ -n "$e" ] && errors+="  $name: $e"$'\n'
done
[ -n "$errors" ] && printf 'wrk reported errors:\n%s' "$errors"
exit 0
