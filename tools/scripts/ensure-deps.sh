#!/usr/bin/env bash
# Runs before `npm start` and `npm test`: installs what a fresh clone lacks, and does nothing
# (in a few milliseconds) when everything is already there.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if [[ ! -d node_modules ]]; then
  if [[ -f package-lock.json ]]; then
    echo "ensure-deps: node_modules is missing, running npm ci"
    npm ci --no-audit --no-fund
  else
    echo "ensure-deps: node_modules is missing and there is no package-lock.json, running npm install"
    npm install --no-audit --no-fund
  fi
fi

nats_server_installed() {
  # /usr/sbin is where Debian puts it, and it is often missing from a non-root PATH.
  command -v nats-server >/dev/null 2>&1 || [[ -x /usr/sbin/nats-server || -x /usr/bin/nats-server ]]
}

nats_listening_on_default_port() {
  # bash's /dev/tcp needs no netcat; timeout guards against a firewall that drops instead of refusing.
  timeout 1 bash -c 'exec 3<>/dev/tcp/127.0.0.1/4222' 2>/dev/null
}

# local-infra.ts starts its own nats-server unless NATS_URL or a server on 4222 is there to use.
if [[ -z "${NATS_URL:-}" ]] && ! nats_server_installed && ! nats_listening_on_default_port; then
  if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "ensure-deps: nats-server not found, installing Debian's nats-server package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server
  else
    cat >&2 <<'MESSAGE'
ensure-deps: nats-server is not installed and no NATS server is listening on 127.0.0.1:4222.
  Install it (Debian/Ubuntu: sudo apt-get install nats-server, or see https://docs.nats.io),
  or point Parley at a running server with NATS_URL=nats://host:4222.
MESSAGE
    exit 1
  fi
fi
