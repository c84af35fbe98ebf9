# shellcheck shell=bash
# Python buildpack tests on this host, sourced by run.sh (its check/contains/build
# helpers): which Python an app gets, detection, a refusal, and builds of the
# python-app sample (wheels it ships), an app installing from a package index
# named by PIP_INDEX_URL (served here), a pyproject.toml app and a stdlib-only
# app. The builds fetch Python from Debian's mirror; container.sh runs the sample
# in the run image.

# The host's pip settings are not an app's.
unset PIP_FIND_LINKS PIP_INDEX_URL PIP_EXTRA_INDEX_URL

echo "== Python: which Python an app gets on each stack (no network)"
# STACK|FILE|CONTENT|expected: "3.11" or "! text of the refusal"
while IFS='|' read -r stack file content expected; do
  [ -n "$file$content" ] || continue
  dir=$(mktemp -d "$WORK/pyver.XXXXXX")
  [ "$file" = - ] || printf '%s\n' "$content" > "$dir/$file"
  got=$(cd "$dir" && bash -c "source '$BP/python/lib/runtime.sh'; wanted_python $stack && echo \"\$PY_SERIES\" || echo \"! \$REFUSAL\"" 2>&1)
  if [[ $expected == '!'* ]]; then
    if [[ $got == "$expected"* ]]; then ok "$stack: $file '$content': refused"; else ko "$stack: $file '$content': refused with \"$expected\"" "$got"; fi
  elif [ "$got" = "$expected" ]; then ok "$stack: $file '$content' -> Python $expected"; else ko "$stack: $file '$content' -> Python $expected" "$got"; fi
done <<'TABLE'
bookworm|-||3.11
bookworm|runtime.txt|python-3.11|3.11
bookworm|runtime.txt|python-3.11.9|3.11
bookworm|.python-version|3.11|3.11
bookworm|.python-version|3.11.2|3.11
bookworm|runtime.txt|python-3.13.1|! runtime.txt asks for Python 3.13.1: supported here: Python 3.11 (Debian bookworm's python3.11, on the bookworm stack); Python 3.13 is Debian trixie's and runs on the trixie stack: run `paas stack:set trixie` and push again
bookworm|.python-version|3.13|! .python-version asks for Python 3.13: supported here: Python 3.11 (Debian bookworm's python3.11, on the bookworm stack); Python 3.13 is Debian trixie's and runs on the trixie stack: run `paas stack:set trixie` and push again
bookworm|.python-version|3.12|! .python-version asks for Python 3.12: supported here: Python 3.11
bookworm|runtime.txt|python-2.7.18|! runtime.txt asks for Python 2.7.18: supported here: Python 3.11
bookworm|runtime.txt|pypy3.10|! runtime.txt asks for "pypy3.10", which is not a Python version
trixie|-||3.13
trixie|runtime.txt|python-3.13|3.13
trixie|.python-version|3.13|3.13
trixie|runtime.txt|python-3.13.5|3.13
trixie|runtime.txt|python-3.11|! runtime.txt asks for Python 3.11: supported here: Python 3.13 (Debian trixie's python3.13, on the trixie stack); Python 3.11 is Debian bookworm's and runs on the bookworm stack: run `paas stack:set bookworm` and push again
trixie|.python-version|3.12|! .python-version asks for Python 3.12: supported here: Python 3.13 (Debian trixie's python3.13, on the trixie stack)
TABLE

echo "== Python: detect"
check "python detects python-app (requirements.txt)" "$BP/python/bin/detect" "$SAMPLES/python-app"
mkdir -p "$WORK/src/py-stdlib" "$WORK/src/py-noproc"
printf 'import os, sys\nprint("stdlib only on", sys.version.split()[0], os.environ.get("GREETING"))\n' > "$WORK/src/py-stdlib/hello.py"
cp "$WORK/src/py-stdlib/hello.py" "$WORK/src/py-noproc/hello.py"
echo "web: python hello.py" > "$WORK/src/py-stdlib/Procfile"
check "python detects *.py with a Procfile" "$BP/python/bin/detect" "$WORK/src/py-stdlib"
check "python does not detect *.py without a Procfile or requirements" bash -c "! '$BP/python/bin/detect' '$WORK/src/py-noproc'"
check "python does not detect node-app or go-mod-app" bash -c "! '$BP/python/bin/detect' '$SAMPLES/node-app' && ! '$BP/python/bin/detect' '$SAMPLES/go-mod-app'"
check "nodejs, go and static do not detect python-app" bash -c "! '$BP/nodejs/bin/detect' '$SAMPLES/python-app' && ! '$BP/go/bin/detect' '$SAMPLES/python-app' && ! '$BP/static/bin/detect' '$SAMPLES/python-app'"

echo "== Python: a version this stack lacks is refused"
cp -a "$SAMPLES/python-app" "$WORK/src/py-old"
echo "python-3.12.4" > "$WORK/src/py-old/runtime.txt"
build py-old "$WORK/src/py-old"
check "exits non-zero" bash -c "! grep -qx 0 '$WORK/py-old.rc'"
contains "names the supported versions" "$WORK/py-old.log" "runtime.txt asks for Python 3.12.4: supported here: Python 3.11 (Debian bookworm's python3.11"
contains "and names the failing step" "$WORK/py-old.log" "python compile failed"
lacks "downloads nothing" "$WORK/py-old.log" "Downloading"
cp -a "$SAMPLES/python-app" "$WORK/src/py-313"
echo "python-3.13" > "$WORK/src/py-313/runtime.txt"
build py-313 "$WORK/src/py-313"
check "3.13 on the default (bookworm) stack exits non-zero" bash -c "! grep -qx 0 '$WORK/py-313.rc'"
contains "and names the command that moves the app to trixie" "$WORK/py-313.log" "Python 3.13 is Debian trixie's and runs on the trixie stack: run \`paas stack:set trixie\` and push again"

echo "== Python: python-app (runtime.txt, wheels/, bin/pre_compile, release phase)"
CACHE_NAME=py build py-app "$SAMPLES/python-app"
check "build succeeds" rc_is py-app 0
contains "says the Python asked for" "$WORK/py-app.log" "-----> Python app: Python 3.11 (runtime.txt asks for python-3.11)"
contains "runs bin/pre_compile" "$WORK/py-app.log" "left build-mark.txt"
contains "installs Debian's Python with pip" "$WORK/py-app.log" "-----> Installing Python 3.11.2 (Debian bookworm python3.11 3.11.2-"
contains "installs the requirements from the wheels it ships, offline" "$WORK/py-app.log" "pip install -r requirements.txt --find-links $WORK/py-app/app/wheels --no-index"
contains "pip installs the wheel" "$WORK/py-app.log" "Successfully installed pysample-greeting-1.0.0"
contains "no default process types (the Procfile says)" "$WORK/py-app/app/.paas/release.yml" "default_process_types: {}"
contains ".profile.d sets PYTHONHOME" "$WORK/py-app/app/.profile.d/python.sh" 'PYTHONHOME="$HOME/.heroku/python/usr"'
check "the runtime is cached per app" bash -c "ls -d '$WORK'/cache-py/python/runtime/python3.11.2-*/usr/bin/python3.11"
port=$(free_port)
(cd "$WORK/py-app/app" && HOME=$PWD PORT=$port GREETING=host bash -c '. .profile.d/python.sh; exec python app.py' > "$WORK/py-app.run.log" 2>&1) &
server_pid=$!
body=
for _ in $(seq 1 50); do body=$(curl -fsS "http://127.0.0.1:$port/" 2>/dev/null) && break; sleep 0.2; done
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=
if [ "$body" = "Hello from Python 3.11.2, GREETING=host, Simple is better than complex, built by bin/pre_compile" ]; then
  ok "the app runs from the slug's Python: $body"; else ko "the app runs from the slug's Python" "$body$(cat "$WORK/py-app.run.log")"; fi
CACHE_NAME=py build py-app-warm "$SAMPLES/python-app"
contains "a warm build uses the cached Python" "$WORK/py-app-warm.log" "-----> Using cached Python 3.11.2"
lacks "and downloads nothing" "$WORK/py-app-warm.log" "Downloading"
echo "       python-app build: cold $(cat "$WORK/py-app.ms") ms, warm $(cat "$WORK/py-app-warm.ms") ms; slug $(du -sh "$WORK/py-app-warm/app" | cut -f1)"

echo "== Python: requirements from the index PIP_INDEX_URL names (a simple index served here), bin/post_compile"
index="$WORK/pyindex/simple/pysample-greeting"
mkdir -p "$index"
cp "$SAMPLES"/python-app/wheels/*.whl "$index/"
printf '<html><body><a href="pysample_greeting-1.0.0-py3-none-any.whl">pysample_greeting-1.0.0-py3-none-any.whl</a></body></html>\n' > "$index/index.html"
index_port=$(free_port)
python3 -m http.server --bind 127.0.0.1 --directory "$WORK/pyindex" "$index_port" > "$WORK/pyindex.log" 2>&1 &
server_pid=$!
cp -a "$SAMPLES/python-app" "$WORK/src/py-indexed"
rm -rf "$WORK/src/py-indexed/wheels" "$WORK/src/py-indexed/runtime.txt"
echo "3.11" > "$WORK/src/py-indexed/.python-version"
printf '#!/bin/sh\npython -c "import pysample_greeting; print(\\"post_compile sees\\", pysample_greeting.proverb())"\n' > "$WORK/src/py-indexed/bin/post_compile"
mkdir -p "$WORK/env-py-indexed"
echo "http://127.0.0.1:$index_port/simple" > "$WORK/env-py-indexed/PIP_INDEX_URL"
for _ in $(seq 1 25); do curl -fs "http://127.0.0.1:$index_port/simple/pysample-greeting/" >/dev/null && break; sleep 0.2; done
CACHE_NAME=py build py-indexed "$WORK/src/py-indexed"
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=
check "build succeeds" rc_is py-indexed 0
contains ".python-version picks the version" "$WORK/py-indexed.log" "(.python-version asks for 3.11)"
contains "names the index" "$WORK/py-indexed.log" "PIP_INDEX_URL (config var): http://127.0.0.1:$index_port/simple"
check "pip fetched the wheel from that index" grep -q "GET /simple/pysample-greeting/pysample_greeting-1.0.0-py3-none-any.whl" "$WORK/pyindex.log"
contains "bin/post_compile runs after the requirements" "$WORK/py-indexed.log" "post_compile sees Simple is better than complex"

echo "== Python: a pyproject.toml project, built through pip"
mkdir -p "$WORK/src/py-project/src/webapp"
cp -a "$SAMPLES/python-app/wheels" "$WORK/src/py-project/"
cat > "$WORK/src/py-project/pyproject.toml" <<'TOML'
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "webapp"
version = "0.1.0"
dependencies = ["pysample-greeting>=1.0"]

[project.scripts]
webapp = "webapp:main"
TOML
printf 'import pysample_greeting\n\n\ndef main():\n    print("webapp says", pysample_greeting.proverb())\n' > "$WORK/src/py-project/src/webapp/__init__.py"
echo "web: webapp" > "$WORK/src/py-project/Procfile"
CACHE_NAME=py build py-project "$WORK/src/py-project"
check "build succeeds" rc_is py-project 0
contains "pip builds the project" "$WORK/py-project.log" "pip install --no-build-isolation . (pyproject.toml) --find-links $WORK/py-project/app/wheels --no-index"
contains "with its dependency" "$WORK/py-project.log" "Successfully installed pysample-greeting-1.0.0 webapp-0.1.0"
check "its script is on PATH and runs" bash -c "cd '$WORK/py-project/app' && HOME=\$PWD && . .profile.d/python.sh && webapp | grep -qx 'webapp says Simple is better than complex'"

echo "== Python: no requirements (*.py and a Procfile), then no Procfile"
CACHE_NAME=py build py-stdlib "$WORK/src/py-stdlib"
check "build succeeds" rc_is py-stdlib 0
contains "says it is the standard library only" "$WORK/py-stdlib.log" "No requirements.txt or pyproject.toml: the standard library only"
check "the app runs" bash -c "cd '$WORK/py-stdlib/app' && export HOME=\$PWD GREETING=hi && . .profile.d/python.sh && python hello.py | grep -qx 'stdlib only on 3.11.2 hi'"
cp -a "$SAMPLES/python-app" "$WORK/src/py-noprocfile"; rm "$WORK/src/py-noprocfile/Procfile"
CACHE_NAME=py build py-noprocfile "$WORK/src/py-noprocfile"
check "build succeeds" rc_is py-noprocfile 0
contains "without a Procfile it says how to add one" "$WORK/py-noprocfile.log" "No Procfile: Python apps say how they run in one (e.g. web: python app.py), as on Heroku"
