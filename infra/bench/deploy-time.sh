#!/usr/bin/env bash
# Time from `git push` to the first answer of the new release through the router, for the sample
# static, Node.js, Go (go.mod), Python and Java (Maven) apps, with a cold build cache (first push of a new app) and a warm one (a
# second push of a changed commit). Starts a private platform on free ports and stops it after.
#   infra/bench/deploy-time.sh [SAMPLE...]  # prints one line per app and cache state
# Then the first app is scaled from web=1 to web=5: the time until the engine runs all five and
# the router has answered from each new one (SCALE=0 skips it).
# Each line gives the image's size (compressed, as pushed: the stack's run image and the slug's
# layers, the runtime apart), and the phases the push ended with (build, image, release).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/paas-bench.XXXXXX)
export HOME=$work/home PAAS_HOME=$work/platform PAAS_PLATFORM_ID=bench$$ PAAS_NO_GLOBAL_BIN=1
export PAAS_CONTROLLER_PORT=0 PAAS_BUILDER_PORT=0 PAAS_BUILDER_SSH_PORT=0 PAAS_ROUTER_PORT=0 PAAS_REGISTRY_PORT=0
export PAAS_ROUTER_TLS_PORT=0 PAAS_ROUTER_ADMIN_PORT=0 PAAS_CONTROLLER_ADMIN_PORT=0 PAAS_BUILDER_ADMIN_PORT=0
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
PAAS_REGISTRY=${PAAS_REGISTRY:-127.0.0.1:$PAAS_REGISTRY_PORT}
export PATH=$PAAS_HOME/bin:$PATH
paas register "http://127.0.0.1:$PAAS_CONTROLLER_PORT" --username bench --password bench-pass-1 >/dev/null

ms() { date +%s%3N; }

# push_and_wait DIR APP MARKER: prints milliseconds from push to the first answer holding MARKER.
push_and_wait() {
  local dir=$1 app=$2 marker=$3 start
  start=$(ms)
  (cd "$dir" && git push paas main >"$work/push-$app.log" 2>&1) || { cat "$work/push-$app.log" >&2; exit 1; }
  until curl -fsS "http://$app.localhost:$PAAS_ROUTER_PORT/" 2>/dev/null | grep -q "$marker"; do
    sleep 0.05
  done
  echo $(( $(ms) - start ))
}

# image_size APP: "image 123.4 MB (slug 45.6 MB: runtime 40.0 MB, app 5.6 MB)" from the registry's
# manifest of the image the last push released (compressed sizes, as stored and pulled).
image_size() {
  local ref manifest base
  ref=$(grep -o "$PAAS_REGISTRY/[^ ]*@sha256:[0-9a-f]*" "$work/push-$1.log" | tail -1) || return 0
  manifest=$(curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$PAAS_REGISTRY/v2/$(cut -d/ -f2 <<< "${ref%@*}")/manifests/${ref#*@}")
  base=$(curl -fsS -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$PAAS_REGISTRY/v2/paas/stack-run/manifests/${PAAS_STACK:-bookworm}" | jq '.layers | length')
  jq -r --argjson base "$base" '.layers | map(.size) as $s | def mb: if . < 104858 then (. / 1024 | round | tostring) + " KB" else (. / 1048576 * 10 | round / 10 | tostring) + " MB" end;
    "image \($s | add | mb) (slug \($s[$base:] | add | mb)"
    + (if ($s | length) - $base > 1 then ": runtime \($s[$base:-1] | add | mb), app \($s[-1] | mb))" else ")" end)' <<< "$manifest"
}

# scale_time APP N: milliseconds from `paas scale web=N` until N of the app's containers run and
# the router has answered N times in a row (each answer from a container that accepts connections).
scale_time() {
  local app=$1 n=$2 start running ok=0
  start=$(ms)
  paas scale "web=$n" -a "$app" >"$work/scale-$app.log" 2>&1 || { cat "$work/scale-$app.log" >&2; exit 1; }
  until running=$(podman ps -q --filter "label=paas.platform=$PAAS_PLATFORM_ID" --filter "label=paas.app=$app" \
      --filter "label=paas.type=web" --filter status=running | wc -l) && ((running >= n)); do sleep 0.05; done
  while ((ok < n)); do
    if curl -fsS -o /dev/null "http://$app.localhost:$PAAS_ROUTER_PORT/" 2>/dev/null; then ok=$((ok + 1)); else ok=0; fi
  done
  echo $(( $(ms) - start ))
}

phases() { grep -o 'Done in [^)]*)' "$work/push-$1.log" | tail -1; }

samples=("$@")
[ ${#samples[@]} -gt 0 ] || samples=(static-app node-app go-mod-app python-app java-app)
printf '%-8s %-6s %10s\n' app cache push-to-answer
for sample in "${samples[@]}"; do
  app=bench-${sample%-app}
  dir=$work/$sample
  cp -r "$repo/infra/samples/$sample" "$dir"
  (cd "$dir" && git init -q -b main && git add -A && git commit -qm first && paas apps:create "$app" >/dev/null)
  cold=$(push_and_wait "$dir" "$app" "Hello")
  printf '%-8s %-6s %8d ms  %s; %s\n' "${sample%-app}" cold "$cold" "$(image_size "$app")" "$(phases "$app")"
  echo "<!-- $(date +%s%N) -->" >>"$dir/README.bench"
  (cd "$dir" && git add -A && git commit -qm second)
  warm=$(push_and_wait "$dir" "$app" "Hello")
  printf '%-8s %-6s %8d ms  %s; %s\n' "${sample%-app}" warm "$warm" "$(image_size "$app")" "$(phases "$app")"
done
if [[ ${SCALE:-1} == 1 ]]; then
  app=bench-${samples[0]%-app}
  printf '%-8s scale web=1->5 %8d ms\n' "${samples[0]%-app}" "$(scale_time "$app" 5)"
fi
