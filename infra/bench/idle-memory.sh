#!/usr/bin/env bash
# Memory (PSS) of a whole idle platform: starts a private one on free ports, lets it settle,
# prints `infra/platform.sh status` (one line per process, then the total) and stops it.
# Goal: under 500 MB for everything (JVMs, PostgreSQL, registry, Podman service); the guide's: under 400 MB.
# The web console is opened once before settling (sign-in page, a user's apps page), so its classes and
# templates count; OPEN_CONSOLE=0 leaves it unopened.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/paas-mem.XXXXXX)
export HOME=$work/home PAAS_HOME=$work/platform PAAS_PLATFORM_ID=mem$$ PAAS_NO_GLOBAL_BIN=1
export PAAS_CONTROLLER_PORT=0 PAAS_BUILDER_PORT=0 PAAS_BUILDER_SSH_PORT=0 PAAS_ROUTER_PORT=0 PAAS_REGISTRY_PORT=0
export PAAS_ROUTER_TLS_PORT=0 PAAS_ROUTER_ADMIN_PORT=0 PAAS_CONTROLLER_ADMIN_PORT=0 PAAS_BUILDER_ADMIN_PORT=0
export PAAS_CACHE=${PAAS_CACHE:-/root/.cache/paas}
mkdir -p "$HOME"
trap '"$repo/infra/platform.sh" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$repo/infra/platform.sh" start >"$work/start.log" 2>&1 || { cat "$work/start.log"; exit 1; }
if [ "${OPEN_CONSOLE:-1}" = 1 ]; then
  port=$(grep -E '^PAAS_CONTROLLER_PORT=' "$PAAS_HOME/platform.env" | cut -d= -f2)
  token=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"username":"memory","password":"idle-memory-1"}' \
    "http://127.0.0.1:$port/v2/auth/register" | sed -E 's/.*"token":"([^"]+)".*/\1/')
  curl -fsS -o /dev/null "http://127.0.0.1:$port/console/sign-in"
  # the session cookie holds an API token: the apps page as a signed-in user sees it
  curl -fsS -o /dev/null -H "Cookie: paas_session=$token" "http://127.0.0.1:$port/console/apps"
fi
sleep "${SETTLE_SECONDS:-20}"
"$repo/infra/platform.sh" status
