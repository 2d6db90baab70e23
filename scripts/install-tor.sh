#!/usr/bin/env bash
# Installs Debian's tor (for the private test network, `tormetrics testnet`) without ever starting the system tor:
# the package's service would join the public Tor network. policy-rc.d forbids service starts during the install
# and the units are masked first; policy-rc.d is removed afterwards only if this script created it.
# Fails if a system tor is running afterwards. Does nothing when tor and tor-gencert are already there.
set -euo pipefail

log() { printf '[install-tor] %s\n' "$*" >&2; }

system_tor_running() {
  # Our own test networks run tor with a DataDirectory under a run directory and never as a service; the system
  # service runs as debian-tor or with the package's defaults file.
  pgrep -u debian-tor -x tor >/dev/null 2>&1 && return 0
  pgrep -f -- '--defaults-torrc /usr/share/tor/tor-service-defaults-torrc' >/dev/null 2>&1 && return 0
  if command -v systemctl >/dev/null && systemctl is-active --quiet tor@default.service 2>/dev/null; then return 0; fi
  return 1
}

if ! command -v tor >/dev/null || ! command -v tor-gencert >/dev/null; then
  created_policy=false
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=true
  fi
  if command -v systemctl >/dev/null; then
    systemctl mask tor.service tor@default.service >/dev/null 2>&1 || true
  fi
  log "Installing tor from Debian's packages (system service blocked)."
  export DEBIAN_FRONTEND=noninteractive
  status=0
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends tor >/dev/null; } || status=$?
  if $created_policy; then rm -f /usr/sbin/policy-rc.d; fi
  if [ "$status" -ne 0 ]; then log "apt-get failed ($status)"; exit "$status"; fi
fi

command -v tor-gencert >/dev/null || { log "tor-gencert missing after installing tor"; exit 1; }
if system_tor_running; then
  log "A system tor is running: it may be on the public Tor network. Stop it (systemctl stop tor) and rerun."
  exit 1
fi
log "$(tor --version | head -n 1)"
