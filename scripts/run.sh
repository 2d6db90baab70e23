#!/usr/bin/env bash
# The README's run command: database (the project's own PostgreSQL cluster unless ConnectionStrings__TorMetrics is
# set), migrations, real Tor documents, then the web app on http://127.0.0.1:5000 until Ctrl+C.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '[run] %s\n' "$*" >&2; }

if [ -z "${ConnectionStrings__TorMetrics:-}" ]; then
  scripts/postgres.sh start
fi
scripts/prerequisites.sh

log "Building."
dotnet build TorMetrics.Web -c Release -v quiet -nologo >/dev/null
app=(dotnet "$ROOT/TorMetrics.Web/bin/Release/net10.0/tormetrics.dll")

"${app[@]}" migrate

# Real Tor documents, so the dashboard and the API have content at first start. Importing is idempotent: a second
# start re-reads nothing it already has.
samples="$(dirname "$ROOT")/shared/samples"
if [ -d "$samples" ]; then
  log "Importing the sample documents from $samples."
  "${app[@]}" import "$samples"
fi

# Documents the host serves from the archive: Onionoo's (the host also updates them after each import it hears of,
# but this import happened before it started) and CollecTor's recent/ tree.
log "Preparing Onionoo documents and CollecTor's recent/ tree."
"${app[@]}" onionoo update
"${app[@]}" collector publish

# The first operator: e-mail admin@localhost, password generated once and kept outside git.
password_file="$ROOT/.data/admin-password"
if [ ! -f "$password_file" ]; then
  mkdir -p "$ROOT/.data"
  (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$password_file")
fi
export Admin__InitialEmail=admin@localhost
Admin__InitialPassword=$(cat "$password_file")
export Admin__InitialPassword

cat <<BANNER

  TorMetrics is starting on http://127.0.0.1:5000
    Admin UI   http://127.0.0.1:5000/admin       (sign in: admin@localhost / password in .data/admin-password)
    Swagger    http://127.0.0.1:5000/swagger
    Health     http://127.0.0.1:5000/health
    Onionoo    http://127.0.0.1:5000/summary?limit=10   (relay search: /admin/relays)
    CollecTor  http://127.0.0.1:5000/index/index.json
  Stop with Ctrl+C; stop the database with: scripts/postgres.sh stop

BANNER
cd "$ROOT/TorMetrics.Web"
exec "${app[@]}" serve
