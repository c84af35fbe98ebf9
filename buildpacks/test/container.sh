#!/usr/bin/env bash
# Runs bin/build inside the stack build image exactly as the builder does
# (same mounts and env), for the node sample twice (cold, then warm cache),
# the Node.js 4 sample, the static samples, the Go samples (go.mod cold and
# warm, Godeps), the Python and Java samples (cold and warm), then serves each slug from
# the stack run image (static-serve.sh: each static.json setting over HTTP).
# Prints cold and warm build times. Containers carry a unique paas.platform
# label and are removed by this script only.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BP=$(cd "$HERE/.." && pwd)
SAMPLES=$(cd "$BP/../infra/samples" && pwd)
BUILD_IMAGE=${BUILD_IMAGE:-localhost/paas/stack-build:bookworm}
RUN_IMAGE=${RUN_IMAGE:-localhost/paas/stack-run:bookworm}
LABEL="paas.platform=bp-test-$$"
WORK=$(mktemp -d /tmp/bp-ctest.XXXXXX)
FAILED=0

# Podman here needs runc, cgroupfs and explicit ulimits (see ARCHITECTURE.md).
cat > "$WORK/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
CONF
export CONTAINERS_CONF="$WORK/containers.conf"

cleanup() {
  podman ps -aq --filter "label=$LABEL" | xargs -r podman rm -f >/dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

ok() { echo "  ok   $1"; }
ko() { FAILED=$((FAILED + 1)); echo "  FAIL $1"; [ -z "${2:-}" ] || echo "$2" | sed 's/^/         | /' | tail -30; }

# container_build NAME SAMPLE CACHE: prints the build output, leaves the slug
# in $WORK/NAME and the time in ms in $WORK/NAME.ms.
container_build() {
  local name=$1 src=$2 cache=$3 started code
  cp -a "$src" "$WORK/$name"; rm -rf "$WORK/$name/node_modules"
  mkdir -p "$WORK/$cache" "$WORK/env"
  started=$(date +%s%3N)
  podman run --rm --network host --label "$LABEL" --label paas.role=build \
    -v "$WORK/$name:/app" -v "$WORK/$cache:/cache" -v "$WORK/env:/env:ro" \
    -v "$BP:/buildpacks:ro" -v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro \
    -e BUILD_DIR=/app -e CACHE_DIR=/cache -e ENV_DIR=/env -e STACK=bookworm \
    -e NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    "$BUILD_IMAGE" /buildpacks/bin/build > "$WORK/$name.log" 2>&1
  code=$?
  echo $(( $(date +%s%3N) - started )) > "$WORK/$name.ms"
  sed 's/^/       | /' "$WORK/$name.log"
  if [ $code = 0 ]; then ok "$name build exits 0"; else ko "$name build exits 0 (exit $code)"; fi
}

# serve NAME CMD PATH TEXT: runs the slug in the run image with the release's
# command and checks that PATH answers with TEXT; then stops it (SIGTERM).
serve() {
  local name=$1 cmd=$2 path=$3 text=$4 port body
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  podman run -d --name "bp-test-$$-$name" --label "$LABEL" --init -p "127.0.0.1:$port:5000" \
    -e PORT=5000 -e GREETING=from-container -v "$WORK/$name:/app:ro" \
    "$RUN_IMAGE" /usr/local/bin/paas-launch "$cmd" >/dev/null || { ko "$name starts"; return; }
  body=
  for _ in $(seq 1 50); do body=$(curl -fsS "http://127.0.0.1:$port$path" 2>/dev/null) && break; sleep 0.2; done
  if [[ $body == *"$text"* ]]; then ok "$name serves $path: $(echo "$body" | head -1 | cut -c1-100)"
  else ko "$name serves $path with \"$text\"" "$body$(podman logs "bp-test-$$-$name" 2>&1)"; fi
}

release_cmd() { sed -n 's/^  web: //p' "$WORK/$1/.paas/release.yml"; }

# warm_checks NAME SAMPLE RUNTIME: NAME-warm, built on NAME-cold's cache, used the cached RUNTIME,
# downloaded nothing and was faster; prints both times.
warm_checks() {
  local name=$1 cold warm
  grep -q -- "-----> Using cached $3" "$WORK/$name-warm.log" && ok "warm build uses the cached $3" || ko "warm build uses the cached $3"
  grep -q "Downloading" "$WORK/$name-warm.log" && ko "warm build downloads nothing" || ok "warm build downloads nothing"
  cold=$(cat "$WORK/$name-cold.ms") warm=$(cat "$WORK/$name-warm.ms")
  echo "       $2 build in the container: cold ${cold} ms, warm ${warm} ms (load: $(cut -d' ' -f1-3 /proc/loadavg))"
  [ "$warm" -lt "$cold" ] && ok "warm build is faster" || ko "warm build is faster"
}

# cold_then_changed NAME SAMPLE FILE SED RUNTIME: builds SAMPLE cold as NAME-cold, then a copy with
# one line of FILE changed by the sed expression (warm means a changed source line, not the same
# tree again) as NAME-warm on the same cache, and runs warm_checks.
cold_then_changed() {
  local name=$1 sample=$2
  container_build "$name-cold" "$SAMPLES/$sample" "cache-$name"
  cp -a "$SAMPLES/$sample" "$WORK/$name-changed-src"
  sed -i "$4" "$WORK/$name-changed-src/$3"
  container_build "$name-warm" "$WORK/$name-changed-src" "cache-$name"
  warm_checks "$name" "$sample" "$5"
}

echo "== node-app in $BUILD_IMAGE"
mkdir -p "$WORK/env" && echo "from-config" > "$WORK/env/GREETING"
container_build node-cold "$SAMPLES/node-app" cache-node
container_build node-warm "$SAMPLES/node-app" cache-node
warm_checks node node-app Node.js
cmd=$(release_cmd node-warm)
[ "$cmd" = "npm start" ] && ok "release.yml says web: npm start" || ko "release.yml says web: npm start" "$cmd"
serve node-warm "node server.js" / "Hello from node, GREETING=from-container"
podman stop -t 10 "bp-test-$$-node-warm" >/dev/null
code=$(podman inspect -f '{{.State.ExitCode}}' "bp-test-$$-node-warm")
[ "$code" = 0 ] && ok "node app exits 0 on stop (SIGTERM)" || ko "node app exits 0 on stop (SIGTERM) (exit $code)"
serve node-cold "npm start" / "Hello from node"

echo "== node4-app (Node.js 4.5, no engines.npm) in $BUILD_IMAGE"
container_build node4 "$SAMPLES/node4-app" cache-node4
grep -q "Picked npm 4.6.1" "$WORK/node4.log" && ok "picks npm 4.6.1 for Node.js 4.5.0" || ko "picks npm 4.6.1 for Node.js 4.5.0"
serve node4 "$(release_cmd node4)" / "on node v4.5.0"

echo "== static-app in $BUILD_IMAGE"
container_build static "$SAMPLES/static-app" cache-static
cmd=$(release_cmd static)
serve static "$cmd" / "Hello from static"
podman rm -f "bp-test-$$-static" >/dev/null
serve static "$cmd" /about.html "About this site"

echo "== go-mod-app (go.mod, vendor/) and go-gopath-app (Godeps) in $BUILD_IMAGE"
cold_then_changed go go-mod-app cmd/web/main.go 's/built with %s/built (again) with %s/' "Go 1.24"
file "$WORK/go-warm/bin/web" | grep -q "statically linked" && ok "bin/web is a static binary" || ko "bin/web is a static binary" "$(file "$WORK/go-warm/bin/web")"
serve go-warm "web" / "Hello from Go (module mode), GREETING=from-container, built (again) with go1.24.4"
podman stop -t 10 "bp-test-$$-go-warm" >/dev/null
code=$(podman inspect -f '{{.State.ExitCode}}' "bp-test-$$-go-warm")
[ "$code" = 0 ] && ok "go app exits 0 on stop (SIGTERM)" || ko "go app exits 0 on stop (SIGTERM) (exit $code)"
container_build go-gopath "$SAMPLES/go-gopath-app" cache-go-gopath
cmd=$(release_cmd go-gopath)
[ "$cmd" = "go-gopath-app" ] && ok "release.yml says web: go-gopath-app" || ko "release.yml says web: go-gopath-app" "$cmd"
serve go-gopath "$cmd" / "Hello from Go (GOPATH mode), GREETING=from-container, built with go1.24.4: Don't communicate"

echo "== python-app (Debian's Python in the slug, wheels/, bin/pre_compile) in $BUILD_IMAGE"
cold_then_changed python python-app app.py 's/Hello from Python/Hello (again) from Python/' "Python 3.11"
echo "       python-app slug: $(du -sh "$WORK/python-warm" | cut -f1) (Python: $(du -sh "$WORK/python-warm/.heroku/python" | cut -f1))"
# The run image has no Python: every module the slug's needs a library for loads there.
echo 'import ssl, sqlite3, decimal, pyexpat, ctypes, readline, curses, uuid, bz2, lzma, zlib, dbm, pysample_greeting; print("modules ok")' > "$WORK/modules.py"
out=$(podman run --rm --label "$LABEL" -v "$WORK/python-warm:/app:ro" -v "$WORK/modules.py:/tmp/modules.py:ro" "$RUN_IMAGE" \
  /usr/local/bin/paas-launch python3 /tmp/modules.py 2>&1)
[ "$out" = "modules ok" ] && ok "the slug's Python loads its C modules in the run image" || ko "the slug's Python loads its C modules in the run image" "$out"
out=$(podman run --rm --label "$LABEL" -e PAAS_RELEASE=v7 -v "$WORK/python-warm:/app:ro" "$RUN_IMAGE" /usr/local/bin/paas-launch python release.py 2>&1)
[ "$out" = "release phase: python 3.11.2 migrated v7" ] && ok "the release command runs: $out" || ko "the release command runs" "$out"
serve python-warm "python app.py" / "Hello (again) from Python 3.11.2, GREETING=from-container, Simple is better than complex, built by bin/pre_compile"
podman stop -t 10 "bp-test-$$-python-warm" >/dev/null
code=$(podman inspect -f '{{.State.ExitCode}}' "bp-test-$$-python-warm")
[ "$code" = 0 ] && ok "python app exits 0 on stop (SIGTERM)" || ko "python app exits 0 on stop (SIGTERM) (exit $code)"

echo "== java-app (Maven, Debian's OpenJDK 17, a jlink runtime in the slug) in $BUILD_IMAGE"
cold_then_changed java java-app src/main/java/io/paas/sample/App.java 's/Hello from Java/Hello again from Java/' "OpenJDK 17"
grep -q -- "-----> Using cached Maven 3.9.16" "$WORK/java-warm.log" && ok "warm build uses the cached Maven" || ko "warm build uses the cached Maven"
grep -q "Maven downloaded nothing" "$WORK/java-warm.log" && ok "warm build: Maven downloads nothing" || ko "warm build: Maven downloads nothing"
echo "       java-app slug: $(du -sh "$WORK/java-warm" | cut -f1) (Java runtime .jdk: $(du -sh "$WORK/java-warm/.jdk" | cut -f1))"
# Two builds give the same .jdk, times included: as an image layer of its own it would be reused.
[ "$(cd "$WORK/java-cold" && find .jdk -printf '%P %T@ %s %m\n' | sort | sha256sum)" = "$(cd "$WORK/java-warm" && find .jdk -printf '%P %T@ %s %m\n' | sort | sha256sum)" ] \
  && ok "both builds' .jdk are the same, file for file, times included" || ko "both builds' .jdk are the same, file for file, times included"
[ ! -e "$WORK/java-warm/.jdk/bin/javac" ] && [ -x "$WORK/java-warm/.jdk/bin/java" ] && ok "the slug has a Java runtime, no compiler" || ko "the slug has a Java runtime, no compiler"
cmd=$(release_cmd java-warm)
[ "$cmd" = 'java -Dserver.port=$PORT $JAVA_OPTS -jar target/java-app-1.0.jar' ] && ok "release.yml runs the runnable jar: $cmd" || ko "release.yml runs the runnable jar" "$cmd"
# The heap follows the container's memory limit (-XX:MaxRAMPercentage=70 of 512 MB), and the
# tools an app shells out to are in the run image.
out=$(podman run --rm --label "$LABEL" --memory 512m -v "$WORK/java-warm:/app:ro" "$RUN_IMAGE" \
  /usr/local/bin/paas-launch 'java -XX:+PrintFlagsFinal -version 2>/dev/null | grep -w MaxHeapSize; hostname' 2>&1)
heap=$(awk '/MaxHeapSize/ { print int($4 / 1048576) }' <<< "$out")
[ -n "$heap" ] && [ "$heap" -gt 300 ] && [ "$heap" -lt 400 ] && ok "the heap is 70% of a 512 MB container: ${heap} MB" || ko "the heap is 70% of a 512 MB container" "$out"
[ "$(tail -1 <<< "$out" | wc -w)" = 1 ] && ok "hostname works in the run image: $(tail -1 <<< "$out")" || ko "hostname works in the run image" "$out"
serve java-warm "$cmd" / "Hello again from Java 17.0."
body=$(curl -fsS "http://127.0.0.1:$(podman port "bp-test-$$-java-warm" 5000 | cut -d: -f2)/" 2>/dev/null)
[[ $body == *"GREETING=from-container, host=$(podman inspect -f '{{.Config.Hostname}}' "bp-test-$$-java-warm"), Built With Maven And Commons Text"* ]] \
  && ok "the app shells out to hostname and uses commons-text" || ko "the app shells out to hostname and uses commons-text" "$body"
podman stop -t 10 "bp-test-$$-java-warm" >/dev/null

echo "== java-app with a Maven wrapper and Heroku's MAVEN_CUSTOM_OPTS / MAVEN_CUSTOM_GOALS, on java-app's cache"
cp -a "$SAMPLES/java-app" "$WORK/java-wrapper-src"
mkdir -p "$WORK/java-wrapper-src/.mvn/wrapper"
printf '#!/bin/sh\necho "the buildpack runs its own mvn, not this wrapper" >&2; exit 1\n' > "$WORK/java-wrapper-src/mvnw"
chmod +x "$WORK/java-wrapper-src/mvnw"
echo 'distributionUrl=https\://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.11/apache-maven-3.9.11-bin.zip' \
  > "$WORK/java-wrapper-src/.mvn/wrapper/maven-wrapper.properties"
echo "-V -DskipTests" > "$WORK/env/MAVEN_CUSTOM_OPTS"
echo "clean package" > "$WORK/env/MAVEN_CUSTOM_GOALS"
container_build java-wrapper "$WORK/java-wrapper-src" cache-java
rm -f "$WORK/env/MAVEN_CUSTOM_OPTS" "$WORK/env/MAVEN_CUSTOM_GOALS"
grep -q -- "-----> Java app (Maven): Java 17 (system.properties asks for java.runtime.version=17), Maven 3.9.11 (the Maven wrapper names apache-maven 3.9.11)" "$WORK/java-wrapper.log" \
  && ok "the wrapper's distributionUrl picks Maven 3.9.11" || ko "the wrapper's distributionUrl picks Maven 3.9.11"
grep -q "Apache Maven 3.9.11" "$WORK/java-wrapper.log" && grep -q -- "--- clean:" "$WORK/java-wrapper.log" \
  && ok "that Maven runs with MAVEN_CUSTOM_OPTS (-V) and MAVEN_CUSTOM_GOALS (clean package)" || ko "that Maven runs with MAVEN_CUSTOM_OPTS and MAVEN_CUSTOM_GOALS"
grep -q -- "-----> Using cached OpenJDK 17" "$WORK/java-wrapper.log" && ok "on the cached JDK" || ko "on the cached JDK"

# shellcheck source=static-serve.sh
. "$HERE/static-serve.sh"

[ "$FAILED" = 0 ]
