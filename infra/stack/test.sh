#!/usr/bin/env bash
# Smoke test of the platform's engine: starts a private Podman service and registry on free
# ports (infra/platform.sh start-infra), pushes the stack images, runs an app-like container
# from the registry's run image through the Docker API (paas-launch, .profile.d, PORT,
# init, ulimits, a random host port on 127.0.0.1), answers HTTP from it, then stops
# everything and checks that nothing of it is left.
#
# usage: infra/stack/test.sh        (root; uses a temporary PAAS_HOME, removes it afterwards)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# shellcheck source=../lib/common.sh
. "$REPO/infra/lib/common.sh"

export PAAS_HOME PAAS_PLATFORM_ID PAAS_REGISTRY_PORT=0 PAAS_NO_GLOBAL_BIN=1 PAAS_REMOVE_IMAGES=1
PAAS_HOME=$(mktemp -d /tmp/paas-stack-test.XXXXXX)
PAAS_PLATFORM_ID=stacktest-$$
PLATFORM=$REPO/infra/platform.sh
APP=$PAAS_HOME/app
FAILED=0

# shellcheck disable=SC2317  # run by the EXIT trap
cleanup() {
  "$PLATFORM" stop >/dev/null 2>&1 || true
  if pgrep -f -- "$PAAS_HOME" >/dev/null; then
    log "FAIL: processes of $PAAS_HOME left after stop:"; pgrep -af -- "$PAAS_HOME" >&2; FAILED=1
  fi
  rm -rf "$PAAS_HOME"
}
trap cleanup EXIT

check() {  # check NAME EXPECTED ACTUAL
  if [[ $2 == "$3" ]]; then log "ok   $1"; else log "FAIL $1: expected '$2', got '$3'"; FAILED=1; fi
}

api() {  # api METHOD PATH [JSON]
  curl -fsS --unix-socket "$SOCK" -X "$1" -H 'Content-Type: application/json' \
    ${3:+-d "$3"} "http://d/v1.41$2"
}

t0=$(now_ms)
eval "$("$PLATFORM" start-infra)"
log "infra up in $(elapsed "$t0")"
SOCK=${PAAS_DOCKER_HOST#unix://}
check "podman ping" OK "$(curl -fsS --unix-socket "$SOCK" http://d/v1.41/_ping)"

run_image="$PAAS_REGISTRY/paas/stack-run:bookworm"
check "run image in the registry" 200 "$(curl -s -o /dev/null -w '%{http_code}' \
  -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
  "http://$PAAS_REGISTRY/v2/paas/stack-run/manifests/bookworm")"
api POST "/images/create?fromImage=$PAAS_REGISTRY/paas/stack-run&tag=bookworm" >/dev/null
# Like the builder does: the build image by tag (it shares its id with the local stack image).
api POST "/images/create?fromImage=$PAAS_REGISTRY/paas/stack-build&tag=bookworm" >/dev/null

mkdir -p "$APP/.profile.d"
echo 'export GREETING=hello' >"$APP/.profile.d/greeting.sh"
# shellcheck disable=SC2016  # expanded in the container
cmd='mkdir -p /tmp/www && echo "$GREETING home=$HOME pwd=$(pwd) nofile=$(ulimit -n)" >/tmp/www/index.html && exec busybox httpd -f -p $PORT -h /tmp/www'
body=$(jq -n --arg image "$run_image" --arg cmd "$cmd" --arg id "$PAAS_PLATFORM_ID" \
  --arg profile "$APP/.profile.d" '{
    Image: $image, Cmd: [$cmd], Env: ["PORT=5000"],
    Labels: {"paas.platform": $id, "paas.app": "smoke"},
    ExposedPorts: {"5000/tcp": {}},
    HostConfig: {Init: true, Binds: [($profile + ":/app/.profile.d:ro")],
                 PortBindings: {"5000/tcp": [{HostIp: "127.0.0.1", HostPort: ""}]}}}')
id=$(api POST "/containers/create?name=$PAAS_PLATFORM_ID-smoke-web-1-v1" "$body" | jq -r .Id)
t1=$(now_ms)
api POST "/containers/$id/start" >/dev/null
port=$(api GET "/containers/$id/json" | jq -r '.NetworkSettings.Ports["5000/tcp"][0].HostPort')
wait_until 10 curl -fsS -o /dev/null "http://127.0.0.1:$port/" || true
log "container answering in $(elapsed "$t1")"
check "app answer through paas-launch" "hello home=/app pwd=/app nofile=1024" \
  "$(curl -fsS "http://127.0.0.1:$port/" 2>&1)"

# Symlinks the builder could not put in the image (Jib stores none): paas-launch recreates
# those listed in /app/.paas/symlinks in the container's own /app before the command runs.
LINKS=$PAAS_HOME/links
mkdir -p "$LINKS/.paas" "$LINKS/lib/d" "$LINKS/lib/node_modules/npm/bin" "$LINKS/lib/node_modules/npm/lib"
echo linked >"$LINKS/lib/f.txt"
echo inner >"$LINKS/lib/d/inner.txt"
echo "module.exports = 'npm ok'" >"$LINKS/lib/node_modules/npm/lib/cli.js"
# The real shape of the Node buildpack's npm: a relative link to a script that requires relatively.
echo "console.log(require('../lib/cli.js'))" >"$LINKS/lib/node_modules/npm/bin/npm-cli.js"
{
  printf 'home.txt\tlib/f.txt\n'
  printf 'dir\tlib/d\n'
  printf 'node/bin/npm\t../../lib/node_modules/npm/bin/npm-cli.js\n'
  printf 'dangling\tnowhere\n'
  for i in $(seq 1 500); do printf 'many/l%d\t../lib/f.txt\n' "$i"; done
} >"$LINKS/.paas/symlinks"
# shellcheck disable=SC2016  # expanded in the container
cmd='echo "$(readlink home.txt) $(readlink dir) $(readlink node/bin/npm) $(readlink dangling)"
echo "$(cat home.txt) $(cat dir/inner.txt) $(cat many/l500) $(head -c 11 node/bin/npm)"
ls many | wc -l
rm -rf home.txt dir node dangling many
s=$(date +%s%N); paas-launch true; e=$(date +%s%N)
echo "restore_ms=$(( (e - s) / 1000000 )) links=$(ls many | wc -l)"'
body=$(jq -n --arg image "$run_image" --arg cmd "$cmd" --arg id "$PAAS_PLATFORM_ID" \
  --arg paas "$LINKS/.paas" --arg lib "$LINKS/lib" '{
    Image: $image, Cmd: [$cmd], Tty: true, Labels: {"paas.platform": $id, "paas.app": "links"},
    HostConfig: {Init: true, Binds: [($paas + ":/app/.paas:ro"), ($lib + ":/app/lib:ro")]}}')
id=$(api POST "/containers/create?name=$PAAS_PLATFORM_ID-links-run-1-v1" "$body" | jq -r .Id)
api POST "/containers/$id/start" >/dev/null
check "links container exit code" 0 "$(api POST "/containers/$id/wait" | jq -r .StatusCode)"
out=$(api GET "/containers/$id/logs?stdout=1&stderr=1" | tr -d '\r')
api DELETE "/containers/$id?force=1" >/dev/null || true
check "symlinks recreated as listed" \
  "lib/f.txt lib/d ../../lib/node_modules/npm/bin/npm-cli.js nowhere" "$(sed -n 1p <<<"$out")"
check "symlinks resolve (file, dir, 500th, npm)" "linked inner linked console.log" "$(sed -n 2p <<<"$out")"
check "all 500 bulk links there" 500 "$(sed -n 3p <<<"$out" | tr -d ' ')"
check "links made again after removal" "links=500" "$(sed -n 4p <<<"$out" | sed 's/.* //')"
log "     $(sed -n 4p <<<"$out" | cut -d' ' -f1) to restore 504 links (paas-launch true, in a container)"
[[ -n $out ]] || log "links container output: (none)"

"$PLATFORM" stop >/dev/null 2>&1
check "app container removed by stop" 0 \
  "$(podman ps -aq --filter "label=paas.platform=$PAAS_PLATFORM_ID" | wc -l)"
check "image names of the private registry dropped by stop" 0 \
  "$(podman images --format '{{.Repository}}' | grep -cF "$PAAS_REGISTRY/" || true)"
check "local stack images kept by stop" "2" \
  "$(podman images --format '{{.Repository}}:{{.Tag}}' | grep -cE '^localhost/paas/stack-(build|run):bookworm$' || true)"
exit "$FAILED"
