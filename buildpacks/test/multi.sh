# Several buildpacks in order (BUILDPACKS, as the builder passes them): a tarball and a git
# repository fetched over HTTP, then a built-in one; export files, merged process types, each
# custom buildpack's own cache folder, and the fetch refusals. Sourced by run.sh.
# shellcheck shell=bash

echo "== several buildpacks, fetched by URL"
served=$WORK/bp-served
mkdir -p "$served" "$WORK/src/first/first-main/bin" "$WORK/src/second/bin" "$served/moved.tgz"
cat > "$WORK/src/first/first-main/bin/compile" <<'SH'
#!/usr/bin/env bash
echo "-----> first: compiling"
echo first > "$1/first.txt"
echo "export FIRST_TOOL=/app/first.txt" > "$(cd "$(dirname "$0")/.." && pwd)/export"
SH
cat > "$WORK/src/first/first-main/bin/release" <<'SH'
#!/usr/bin/env bash
printf -- '---\ndefault_process_types:\n  web: first-web\n  worker: first-worker\n'
SH
# GitHub's archives hold one top folder: first-main/
tar -czf "$served/first.tgz" -C "$WORK/src/first" first-main
cat > "$WORK/src/second/bin/compile" <<'SH'
#!/usr/bin/env bash
echo "-----> second: sees FIRST_TOOL=${FIRST_TOOL:-unset}, cache $(basename "$(dirname "$2")")/"
echo second > "$1/second.txt"
SH
(cd "$WORK/src/second" && git init -q -b main && git add -A && git -c user.name=t -c user.email=t@t commit -qm bp \
  && git clone -q --bare . "$served/second.git" && git -C "$served/second.git" update-server-info)
bp_port=$(free_port)
python3 -m http.server --bind 127.0.0.1 --directory "$served" "$bp_port" > "$WORK/bp-served.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -fs -o /dev/null "http://127.0.0.1:$bp_port/first.tgz" && break; sleep 0.1; done
base=http://127.0.0.1:$bp_port
three=$(printf 'tarball %s/first.tgz - - first.tgz\ngit %s/second.git main - second.git#main\nbuiltin static - - heroku-community/static' "$base" "$base")
build multi "$SAMPLES/static-app" "BUILDPACKS=$three" FETCHED_DIR="$WORK/fetched"
check "three buildpacks build the app" rc_is multi 0
contains "each URL buildpack is fetched" "$WORK/multi.log" "-----> Fetching buildpack second.git#main"
contains "the order is shown" "$WORK/multi.log" "-----> Using 3 buildpacks, in order: first.tgz, second.git#main, heroku-community/static"
contains "an export file reaches the buildpacks after it" "$WORK/multi.log" "second: sees FIRST_TOOL=/app/first.txt, cache buildpacks/"
contains "the built-in one runs last" "$WORK/multi.log" "-----> Static site app detected"
check "both custom buildpacks wrote into the slug" test -f "$WORK/multi/app/first.txt" -a -f "$WORK/multi/app/second.txt"
contains "a later buildpack's process type wins" "$WORK/multi/app/.paas/release.yml" "  web: sed"
contains "an earlier buildpack's other types stay" "$WORK/multi/app/.paas/release.yml" "  worker: first-worker"
check "each URL buildpack has its own cache folder" test "$(ls "$WORK/cache-multi/buildpacks" | wc -l)" = 2
build moved "$SAMPLES/static-app" "BUILDPACKS=tarball $base/moved.tgz - - moved.tgz" FETCHED_DIR="$WORK/fetched"
contains "a redirect is not followed" "$WORK/moved.log" "buildpack moved.tgz redirects to $base/moved.tgz/: give that URL instead"
build no-ref "$SAMPLES/static-app" "BUILDPACKS=git $base/second.git v9 - second.git#v9" FETCHED_DIR="$WORK/fetched"
contains "a missing git ref is named" "$WORK/no-ref.log" "buildpack second.git#v9 has no branch, tag or commit v9"
build missing "$SAMPLES/static-app" "BUILDPACKS=tarball $base/nope.tgz - - nope.tgz" FETCHED_DIR="$WORK/fetched"
contains "a missing tarball says what the server answered" "$WORK/missing.log" "cannot fetch buildpack nope.tgz: HTTP 404"
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=
