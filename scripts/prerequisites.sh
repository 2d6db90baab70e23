#!/usr/bin/env bash
# Installs what the project needs beyond the .NET SDK, from Debian's packages and npm, only when missing.
# Usage: scripts/prerequisites.sh [--browser] [--tor]   (--tor: scripts/install-tor.sh)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
log() { printf '[prerequisites] %s\n' "$*" >&2; }

browser=false
tor=false
for arg in "$@"; do
  case "$arg" in
    --browser) browser=true ;;
    --tor) tor=true ;;
    *) log "unknown option: $arg"; exit 2 ;;
  esac
done

missing=()
command -v xz >/dev/null || missing+=(xz-utils)
command -v npm >/dev/null || missing+=(nodejs npm)
if $browser && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]} from Debian's packages."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if $tor; then "$ROOT/scripts/install-tor.sh"; fi

# htmx and ECharts for the admin UI: installed from npm, served from node_modules, never committed.
web="$ROOT/TorMetrics.Web"
if [ ! -f "$web/node_modules/.installed" ] || [ "$web/package.json" -nt "$web/node_modules/.installed" ]; then
  log "Installing front-end packages (npm)."
  (cd "$web" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)
  touch "$web/node_modules/.installed"
fi
