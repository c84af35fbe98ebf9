# shellcheck shell=bash
# Builds on the trixie stack (STACK=trixie in paas/stack-build:trixie, served from
# paas/stack-run:trixie), sourced by container.sh (its container_build and serve):
# python-app asking for 3.13 gets Debian trixie's Python, whose C modules load in
# trixie's run image; java-app asking for 25 gets trixie's OpenJDK 25 (jlink runtime
# in the slug). Skipped until the images exist (infra/platform.sh stack trixie,
# or PAAS_STACK=trixie infra/stack/build.sh).

if ! podman image exists localhost/paas/stack-build:trixie || ! podman image exists localhost/paas/stack-run:trixie; then
  echo "== trixie stack: skipped (no podman images paas/stack-build:trixie and paas/stack-run:trixie yet)"
  return 0
fi
BUILD_IMAGE=localhost/paas/stack-build:trixie RUN_IMAGE=localhost/paas/stack-run:trixie STACK=trixie

echo "== python-app asking for Python 3.13 on the trixie stack"
cp -a "$SAMPLES/python-app" "$WORK/py313-src"
echo "python-3.13" > "$WORK/py313-src/runtime.txt"
container_build py313 "$WORK/py313-src" cache-py313
grep -q -- "-----> Python app: Python 3.13 (runtime.txt asks for python-3.13)" "$WORK/py313.log" \
  && ok "the trixie stack gives Python 3.13" || ko "the trixie stack gives Python 3.13"
grep -q -- "-----> Installing Python 3.13.[0-9]* (Debian trixie python3.13 " "$WORK/py313.log" \
  && ok "from Debian trixie" || ko "from Debian trixie"
echo "       python-app on trixie slug: $(du -sh "$WORK/py313" | cut -f1) (Python: $(du -sh "$WORK/py313/.heroku/python" | cut -f1))"
echo 'import ssl, sqlite3, decimal, pyexpat, ctypes, readline, curses, uuid, bz2, lzma, zlib, dbm, pysample_greeting; print("modules ok")' > "$WORK/modules313.py"
out=$(podman run --rm --label "$LABEL" -v "$WORK/py313:/app:ro" -v "$WORK/modules313.py:/tmp/modules.py:ro" "$RUN_IMAGE" \
  /usr/local/bin/paas-launch python3 /tmp/modules.py 2>&1)
[ "$out" = "modules ok" ] && ok "its C modules load in trixie's run image" || ko "its C modules load in trixie's run image" "$out"
serve py313 "python app.py" / "Hello from Python 3.13."


echo "== java-app asking for Java 25 on the trixie stack"
cp -a "$SAMPLES/java-app" "$WORK/java25-src"
echo "java.runtime.version=25" > "$WORK/java25-src/system.properties"
container_build java25 "$WORK/java25-src" cache-java25
grep -q -- "-----> Installing OpenJDK 25 (Debian trixie openjdk-25 " "$WORK/java25.log" \
  && ok "the trixie stack gives OpenJDK 25, from Debian trixie" || ko "the trixie stack gives OpenJDK 25, from Debian trixie"
echo "       java-app on trixie slug: $(du -sh "$WORK/java25" | cut -f1) (Java runtime .jdk: $(du -sh "$WORK/java25/.jdk" | cut -f1))"
[ "$(du -sm "$WORK/java25/.jdk" | cut -f1)" -lt 200 ] && ok "the runtime in the slug has no native debug symbols" || ko "the runtime in the slug has no native debug symbols" "$(find "$WORK/java25/.jdk" -size +20M)"
serve java25 "$(release_cmd java25)" / "Hello from Java 25."
