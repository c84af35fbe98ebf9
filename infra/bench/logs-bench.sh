#!/usr/bin/env bash
# App logs (issue 22): how many lines a second one app's output can push through to a follower of
# `paas logs --tail` without loss, and what the router's line per request for the apps' logs costs
# its throughput.
#
# Part 1 starts a private platform on free ports (its own PAAS_HOME, platform id and Podman service;
# nothing else is touched), deploys the stack's run image to an app whose worker prints LINES
# numbered lines at each of RATES lines a second, follows the app's log through the API (the same
# NDJSON stream `paas logs --tail` reads) and prints, per rate, how many arrived and how many were
# lost (numbers missing).
# Part 2 starts the router jar with a stub controller (python3: the route table stream, acks, and
# POST /v2/routes/logs counting the lines it is sent) in front of an nginx backend, and measures
# wrk's req/s and the router's CPU per request with the apps' logs on (PAAS_ROUTER_APP_LOGS=1) and
# off (0), ROUNDS times interleaved, then the lines the stub received against the requests made.
#
# usage: infra/bench/logs-bench.sh     (as root, like infra/platform.sh; needs router/target/paas-router.jar)
# knobs: LINES per rate (default 20000), RATES (lines/s printed, default "1000 5000 20000 50000"), DURATION (wrk run, default 5s), ROUNDS (default 3), CONNECTIONS (default 64)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
LINES=${LINES:-20000}
RATES=${RATES:-"1000 5000 20000 50000"}
DURATION=${DURATION:-5s}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-64}
JAR=$repo/router/target/paas-router.jar
[ -f "$JAR" ] || { echo "logs-bench: $JAR not built (mvn -B -q -pl controller/client,router package -DskipTests)" >&2; exit 1; }
for tool in wrk nginx jq python3; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || apt-get install -y -q wrk nginx-light jq python3 >/dev/null
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/paas-logs-bench.XXXXXX)
export HOME=$work/home PAAS_HOME=$work/platform PAAS_PLATFORM_ID=logs$$ PAAS_NO_GLOBAL_BIN=1
export PAAS_CONTROLLER_PORT=0 PAAS_BUILDER_PORT=0 PAAS_BUILDER_SSH_PORT=0 PAAS_ROUTER_PORT=0 PAAS_REGISTRY_PORT=0
export PAAS_ROUTER_TLS_PORT=0 PAAS_ROUTER_ADMIN_PORT=0 PAAS_CONTROLLER_ADMIN_PORT=0 PAAS_BUILDER_ADMIN_PORT=0
# The app deploys an image of the platform's own registry, a loopback address.
export PAAS_ALLOW_PLATFORM_ADDRESSES=true
export PAAS_CACHE=${PAAS_CACHE:-/root/.cache/paas}
mkdir -p "$HOME"
pids=()
started=0

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if ((started)); then
    PAAS_REMOVE_IMAGES=1 "$repo/infra/platform.sh" stop >"$work/stop.log" 2>&1 || cat "$work/stop.log" >&2
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
ms() { date +%s%3N; }
# shellcheck source=lib.sh
. "$repo/infra/bench/lib.sh"   # free_port

echo "logs-bench: LINES=$LINES DURATION=$DURATION ROUNDS=$ROUNDS ($(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'))"

# ---------------------------------------------------------------- part 1: one app's output to a follower
"$repo/infra/platform.sh" start >"$work/start.log" 2>&1 || { cat "$work/start.log"; exit 1; }
started=1
# shellcheck disable=SC1091
. <(grep -E '^PAAS_[A-Z_]+=' "$PAAS_HOME/platform.env" | sed 's/^/export /')
API=http://127.0.0.1:$PAAS_CONTROLLER_PORT
TOKEN=$(curl -fsS -X POST -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-pass-1"}' "$API/v2/auth/register" | jq -r .token)
api() {
  local out code
  out=$(curl -sS -w '\n%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --max-time 300 "$API$2" ${3:+-d "$3"})
  code=${out##*$'\n'}
  [[ $code == 2* ]] || { echo "logs-bench: $1 $2 answered $code: ${out%$'\n'*}" >&2; return 1; }
  printf '%s\n' "${out%$'\n'*}"
}
api POST /v2/apps '{"name":"chatty"}' >/dev/null
image=127.0.0.1:$PAAS_REGISTRY_PORT/paas/stack-run:bookworm
# One rate after another: the worker of each release prints LINES numbered lines at RATE lines a
# second (a batch every 10 ms, awk), while a follower reads the app's log (the NDJSON stream
# `paas logs --tail` reads); numbers missing at the follower are lines lost on the way.
for rate in $RATES; do
  worker="awk -v n=$LINES -v r=$rate 'BEGIN { b = int(r / 100); if (b < 1) b = 1; for (i = 1; i <= n; i++) { print i; if (i % b == 0) { fflush(); system(\"sleep 0.01\") } } fflush() }'; sleep 3600"
  body=$(jq -cn --arg image "$image" --arg worker "$worker" \
    '{image: $image, processTypes: {web: "exec busybox httpd -f -p $PORT -h /tmp", worker: $worker}}')
  api PATCH /v2/apps/chatty/formation '{"worker":0}' >/dev/null 2>&1 || true
  : >"$work/followed"
  curl -sS -N -H "Authorization: Bearer $TOKEN" -H 'Accept: application/x-ndjson' \
    "$API/v2/apps/chatty/logs?tail=true&lines=0&source=app&type=worker" >"$work/followed" &
  follower=$!
  pids+=("$follower")
  sleep 1
  api POST /v2/apps/chatty/images "$body" >/dev/null
  api PATCH /v2/apps/chatty/formation '{"worker":1}' >/dev/null
  t0=$(ms)
  last_count=-1
  while :; do
    count=$(grep -c '"text":"[0-9]*"' "$work/followed" || true)
    ((count >= LINES)) && break
    ((count == last_count && $(ms) - t0 > LINES * 1000 / rate + 15000)) && break
    last_count=$count
    sleep 1
  done
  kill "$follower" 2>/dev/null || true
  jq -r 'select(.text != null) | "\(.time) \(.text)"' "$work/followed" | grep -E ' [0-9]+$' >"$work/numbers" || true
  got=$(wc -l <"$work/numbers")
  missing=$(awk -v n="$LINES" '{ seen[$2] = 1 } END { m = 0; for (i = 1; i <= n; i++) if (!(i in seen)) m++; print m }' "$work/numbers")
  first=$(head -1 "$work/numbers" | cut -d' ' -f1)
  last=$(tail -1 "$work/numbers" | cut -d' ' -f1)
  span=$(python3 -c "import datetime as d,sys; f=lambda s: d.datetime.fromisoformat(s.replace('Z','+00:00')); print(max((f(sys.argv[2])-f(sys.argv[1])).total_seconds(), 0.001))" "${first:-1970-01-01T00:00:00Z}" "${last:-1970-01-01T00:00:00Z}")
  echo "printed at $rate lines/s: the follower got $got of $LINES, $missing missing;" \
    "printed over ${span} s ($(awk -v n="$got" -v s="$span" 'BEGIN { printf "%.0f", n / s }') lines/s as stamped)"
done
kept=$(api GET "/v2/apps/chatty/logs?lines=10000&source=app" | grep -c '"text":"[0-9]*"' || true)
echo "kept in the app's log afterwards: $kept app lines (PAAS_LOGS_MAX_LINES 10000 keeps between half and all)"
api DELETE /v2/apps/chatty >/dev/null || true
PAAS_REMOVE_IMAGES=1 "$repo/infra/platform.sh" stop >"$work/stop.log" 2>&1 || cat "$work/stop.log" >&2
started=0

# ---------------------------------------------------------------- part 2: the router with and without
backend_port=$(free_port); stub_port=$(free_port)
mkdir -p "$work/backend"
cat >"$work/backend/nginx.conf" <<CONF
worker_processes 1;
pid $work/backend/nginx.pid;
error_log $work/backend/error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:$backend_port; location / { return 200 "hello, world\n"; } } }
CONF
"$NGINX" -c "$work/backend/nginx.conf" -p "$work/backend" -g 'daemon off;' & pids+=($!)
cat >"$work/stub.py" <<'PY'
import http.server, json, sys, threading, time
backend, port, counter = sys.argv[1], int(sys.argv[2]), sys.argv[3]
lines = 0
lock = threading.Lock()
table = json.dumps({"generation": 1, "routes": [{"host": "app.localhost", "app": "app", "endpoints": ["127.0.0.1:" + backend]}]})
class Stub(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *args): pass
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked"); self.end_headers()
        data = (table + "\n").encode()
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data)); self.wfile.flush()
        while True: time.sleep(3600)
    def do_POST(self):
        global lines
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.endswith("/logs"):
            with lock:
                lines += len(json.loads(body))
                open(counter, "w").write(str(lines))
        self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers()
http.server.ThreadingHTTPServer(("127.0.0.1", port), Stub).serve_forever()
PY
echo 0 >"$work/shipped"
python3 "$work/stub.py" "$backend_port" "$stub_port" "$work/shipped" & pids+=($!)
router_pid=
start_router() {
  router_port=$(free_port)
  PAAS_CONTROLLER_URL=http://127.0.0.1:$stub_port PAAS_ROUTER_TOKEN=bench PAAS_ROUTER_PORT=$router_port \
    PAAS_ROUTER_TLS_PORT=-1 PAAS_ROUTER_ADMIN_PORT=-1 PAAS_ROUTER_APP_LOGS=$1 PAAS_ROUTER_ACCESS_LOG=1 \
    java -Xmx64m -Xms16m -Xss512k -XX:+UseSerialGC -jar "$JAR" >"$work/router-$1.log" 2>&1 &
  router_pid=$!
  for _ in $(seq 1 100); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' -H 'Host: app.localhost' "http://127.0.0.1:$router_port/") == 200 ]] && return 0
    sleep 0.1
  done
  echo "the router did not serve"; tail -5 "$work/router-$1.log"; exit 1
}
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
run() { # logs on/off -> "req/s cpu_us_per_request requests"
  start_router "$1"
  local warm before after out rps requests
  warm=$(wrk -t2 -c"$CONNECTIONS" -d10s -H 'Host: app.localhost' "http://127.0.0.1:$router_port/" | awk '/requests in/ { print $1 }')  # JIT warm-up
  before=$(cpu_ticks "$router_pid")
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H 'Host: app.localhost' "http://127.0.0.1:$router_port/")
  after=$(cpu_ticks "$router_pid")
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  sleep 1   # the last batch leaves within 250 ms
  kill "$router_pid"; wait "$router_pid" 2>/dev/null || true
  awk -v r="$rps" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" -v w="$warm" \
    'BEGIN { printf "%.0f %.1f %d\n", r, t * 1e6 / hz / n, n + w + 1 }'
}
declare -a on off
for round in $(seq 1 "$ROUNDS"); do
  before=$(cat "$work/shipped")
  read -r rps cpu sent <<<"$(run 1)"; on+=("$rps $cpu")
  shipped=$(( $(cat "$work/shipped") - before ))
  read -r rps_off cpu_off _ <<<"$(run 0)"; off+=("$rps_off $cpu_off")
  echo "round $round: app logs on  $rps req/s, $cpu us CPU/request; the stub controller got $shipped lines for $sent requests (the rest dropped: queue full)"
  echo "         app logs off $rps_off req/s, $cpu_off us CPU/request"
done
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
m_on=$(printf '%s\n' "${on[@]}" | cut -d' ' -f1 | median); m_off=$(printf '%s\n' "${off[@]}" | cut -d' ' -f1 | median)
c_on=$(printf '%s\n' "${on[@]}" | cut -d' ' -f2 | median); c_off=$(printf '%s\n' "${off[@]}" | cut -d' ' -f2 | median)
echo "router, median of $ROUNDS: with the apps' logs $m_on req/s ($c_on us CPU/request), without $m_off req/s ($c_off us CPU/request):" \
  "$(awk -v a="$m_on" -v b="$m_off" 'BEGIN { printf "%.1f%%", (b > 0 ? (a - b) * 100 / b : 0) }') throughput"
