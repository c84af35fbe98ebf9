#!/usr/bin/env bash
# Time from `git push` to the first answer of the new release through the router, for the sample
# static, Node.js, Go (go.mod), Python and Java (Maven) apps, with a cold build cache (first push of a new app) and a warm one (a
# second push of a changed commit). Starts a private platform on free ports and stops it after.
#   infra/bench/deploy-time.sh            # prints one line per app and cache state
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/paas-bench.XXXXXX)
export HOME=$work/home PAAS_HOME=$work/platform PAAS_PLATFORM_ID=bench$$ PAAS_NO_GLOBAL_BIN=1
export PAAS_CONTROLLER_PORT=0 PAAS_BUILDER_PORT=0 PAAS_ROUTER_PORT=0 PAAS_REGISTRY_PORT=0
export PAAS_ROUTER_TLS_PORT=0 PAAS_ROUTER_ADMIN_PORT=0
export PAAS_CACHE=${PAAS_CACHE:-/root/.cache/paas}
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
mkdir -p "$HOME"

cleanup() {
  "$repo/infra/platform.sh" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"$repo/infra/platform.sh" start >"$work/start.log" 2>&1 || { cat "$work/start.log"; exit 1; }
# shellcheck disable=SC1091
. <(grep -E '^PAAS_[A-Z_]+=' "$PAAS_HOME/platform.env" | sed 's/^/export /')
export PATH=$PAAS_HOME/bin:$PATH
paas register "http://127.0.0.1:$PAAS_CONTROLLER_PORT" --username bench --password bench-pass-1 >/dev/null

ms() { date +%s%3N; }

# push_and_wait DIR APP MARKER: prints milliseconds from push to the first answer holding MARKER.
push_and_wait() {
  local dir=$1 app=$2 marker=$3 start
  start=$(ms)
  (cd "$dir" && git push -q paas main >"$work/push-$app.log" 2>&1) || { cat "$work/push-$app.log" >&2; exit 1; }
  until curl -fsS "http://$app.localhost:$PAAS_ROUTER_PORT/" 2>/dev/null | grep -q "$marker"; do
    sleep 0.05
  done
  echo $(( $(ms) - start ))
}

printf '%-8s %-6s %10s\n' app cache push-to-answer
for sample in static-app node-app go-mod-app python-app java-app; do
  app=bench-${sample%-app}
  dir=$work/$sample
  cp -r "$repo/infra/samples/$sample" "$dir"
  (cd "$dir" && git init -q -b main && git add -A && git commit -qm first && paas apps:create "$app" >/dev/null)
  cold=$(push_and_wait "$dir" "$app" "Hello")
  printf '%-8s %-6s %8d ms\n' "${sample%-app}" cold "$cold"
  echo "<!-- $(date +%s%N) -->" >>"$dir/README.bench"
  (cd "$dir" && git add -A && git commit -qm second)
  warm=$(push_and_wait "$dir" "$app" "Hello")
  printf '%-8s %-6s %8d ms\n' "${sample%-app}" warm "$warm"
done
