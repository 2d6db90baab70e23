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
command -v bzip2 >/dev/null || missing+=(bzip2)
command -v npm >/dev/null || missing+=(nodejs npm)
if $browser && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  log "Installing ${missing[*]} from Debian's packages."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if $tor; then "$ROOT/scripts/install-tor.sh"; fi
# tor's GeoIP files for Onionoo's country fields. The package depends on tor, whose system service would join the
# public network: block the service before installing (local-tor-network.md §2.1); nothing here starts tor.
if [ ! -f /usr/share/tor/geoip ] || [ ! -f /usr/share/tor/geoip6 ]; then
  log "Installing tor-geoipdb from Debian's packages (the tor service stays blocked)."
  created_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && created_policy=1
  fi
  systemctl mask tor.service tor@default.service >/dev/null 2>&1 || true
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends tor-geoipdb >/dev/null
  if [ -n "$created_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi

# htmx and ECharts for the admin UI: installed from npm, served from node_modules, never committed.
web="$ROOT/TorMetrics.Web"
if [ ! -f "$web/node_modules/.installed" ] || [ "$web/package.json" -nt "$web/node_modules/.installed" ]; then
  log "Installing front-end packages (npm)."
  (cd "$web" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null)
  touch "$web/node_modules/.installed"
fi
