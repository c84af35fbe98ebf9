#!/usr/bin/env bash
# Router benchmark: the same small nginx backend behind three proxies on this machine (this router,
# nginx as a reverse proxy, HAProxy), measured with wrk for a bounded time, with keep-alive and with
# a new connection per request. Prints req/s, p50, p99, the CPU each proxy spent per request (and how
# much of it in user space: the rest is the kernel's TCP work), and the ratios router/nginx, router/haproxy
# (of the medians, and round by round).
#
#   infra/bench/router-bench.sh            (needs router/target/paas-router.jar: mvn -pl router -am package)
#   WARMUP=15s (router JIT warm-up per mode before measuring, then 5 s more at a time until the JIT is quiet)  DURATION=5s CONNECTIONS=64 THREADS=2 ROUTER_JAVA_OPTS="-Xmx64m -XX:+UseParallelGC" infra/bench/router-bench.sh
#   PRIME=2s ...    unmeasured load on each proxy right before each of its measured runs (0: none)
#   ROUNDS=5 ...    measures every proxy 5 times, interleaved (each round in another order: router, nginx, haproxy,
#                   then nginx, haproxy, router, ...), and prints the median of each figure and every run: on a
#                   shared machine the load shifts within a minute
#   EVENT_LOOPS=1 ... router event loops (default 2)
#   TRANSPORT=epoll ... router socket transport: auto (default: io_uring where it works, else epoll), io_uring, epoll, nio
#   PROFILE=1 ...   also records a JFR profile of the router under keep-alive load and prints its top frames
#   DEFER_ACCEPT=0 ... nginx and HAProxy accept at once (default 1: nginx 'listen ... deferred', HAProxy 'bind ...
#                   defer-accept', the TCP_DEFER_ACCEPT the router's listeners use; each gains ~4% on new connections)
#   SAME_WORK=0 ... nginx and HAProxy without the router's per-request work (default 1: each one also writes an
#                   access log line per request and sets X-Forwarded-Proto/-Host/-Port, X-Request-Id and Via, as
#                   the router does; with 0 they only forward, and the router still logs and adds its headers)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/router/target/paas-router.jar"
DURATION="${DURATION:-5s}"
ROUNDS="${ROUNDS:-5}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-15s}"
# Every measured run follows PRIME of the same load on the same proxy, unmeasured. wrk ending a run drops all
# its connections at once: the router's JIT sees paths the steady load never takes and deoptimises hot methods
# (-XX:+PrintCompilation), so a run measured straight after another one, or after the other mode, starts with
# seconds of recompiling. Production traffic never stops like that. The same PRIME for all three proxies.
PRIME="${PRIME:-2s}"
# The router's flags as infra/platform.sh starts it (start_java router): measure what users run.
ROUTER_JAVA_OPTS="${ROUTER_JAVA_OPTS:--Xmx64m -Xms16m -Xss512k -XX:+UseSerialGC}"
# shellcheck source=lib.sh
. "$ROOT/infra/bench/lib.sh"
bench_scratch router-bench

need() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
if ! need wrk || ! need nginx || ! need haproxy; then
  [ "$(id -u)" = 0 ] || { echo "router-bench: wrk, nginx-light and haproxy are missing; run as root to install them" >&2; exit 1; }
  apt-get install -y -q wrk nginx-light haproxy >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
HAPROXY="$(command -v haproxy || echo /usr/sbin/haproxy)"
[ -f "$JAR" ] || { echo "router-bench: $JAR not built (mvn -B -q -pl router -am package -DskipTests)" >&2; exit 1; }

wait_port() {
  for _ in $(seq 1 100); do
    curl -s -o /dev/null -H "Host: app.localhost" "http://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "router-bench: nothing answers on port $1" >&2; tail -5 "$WORK"/*.log "$WORK"/*/error.log >&2 2>/dev/null; exit 1
}

# The router defers accepting until a client's first bytes (TCP_DEFER_ACCEPT): the others do the same by default.
if [ "${DEFER_ACCEPT:-1}" = 1 ]; then NGINX_DEFER=" deferred"; HAPROXY_DEFER=" defer-accept"; else NGINX_DEFER=""; HAPROXY_DEFER=""; fi
BACKEND_PORT=$(free_port); ROUTER_PORT=$(free_port); NGINX_PORT=$(free_port); HAPROXY_PORT=$(free_port)

# The backend: nginx, one worker, a 13-byte static answer.
mkdir -p "$WORK/proxy"
bench_backend "$NGINX" "$BACKEND_PORT"

# nginx as reverse proxy: 2 workers, keep-alive upstream. With SAME_WORK=1 it does what the router does per
# request: a buffered access log line (the router batches its lines too), X-Forwarded-*, X-Request-Id both ways, Via.
if [ "${SAME_WORK:-1}" = 1 ]; then
  NGINX_LOG="log_format paas '\$time_iso8601 access host=\$host method=\$request_method path=\"\$request_uri\" status=\$status bytes=\$body_bytes_sent ms=\$request_time request_id=\$request_id fwd=\$remote_addr endpoint=\$upstream_addr';
  access_log $WORK/proxy/access.log paas buffer=32k flush=1s;"
  NGINX_HEADERS="proxy_set_header X-Forwarded-Proto \$scheme; proxy_set_header X-Forwarded-Host \$host;
                 proxy_set_header X-Forwarded-Port \$server_port; proxy_set_header X-Request-Id \$request_id;
                 proxy_set_header Via '1.1 nginx'; add_header X-Request-Id \$request_id;"
else
  NGINX_LOG="access_log off;"
  NGINX_HEADERS=""
fi
cat > "$WORK/proxy/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/proxy/nginx.pid;
error_log $WORK/proxy/error.log;
events { worker_connections 4096; }
http {
  $NGINX_LOG
  keepalive_requests 1000000;
  upstream app { server 127.0.0.1:$BACKEND_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_PORT$NGINX_DEFER;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host;
                 proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; $NGINX_HEADERS }
  }
}
CONF
"$NGINX" -c "$WORK/proxy/nginx.conf" -p "$WORK/proxy" -g 'daemon off;' & NGINX_PID=$!; PIDS+=("$NGINX_PID")

# HAProxy: 2 threads, keep-alive to the backend; with SAME_WORK=1 also a log line per request and the same headers.
if [ "${SAME_WORK:-1}" = 1 ]; then
  HAPROXY_LOG="log stdout format raw local0"
  HAPROXY_WORK="option httplog
  unique-id-format %{+X}o%ci:%cp_%fi:%fp_%Ts_%rt:%pid
  unique-id-header X-Request-Id
  http-request set-header X-Forwarded-Proto http
  http-request set-header X-Forwarded-Host %[req.hdr(host)]
  http-request set-header X-Forwarded-Port %[dst_port]
  http-request add-header Via \"1.1 haproxy\"
  http-response set-header X-Request-Id %[unique-id]"
else
  HAPROXY_LOG=""
  HAPROXY_WORK=""
fi
cat > "$WORK/haproxy.cfg" <<CONF
global
  nbthread 2
  maxconn 4096
  $HAPROXY_LOG
defaults
  mode http
  log global
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  option forwardfor
  http-reuse always
frontend fe
  bind 127.0.0.1:$HAPROXY_PORT$HAPROXY_DEFER
  $HAPROXY_WORK
  default_backend be
backend be
  server s1 127.0.0.1:$BACKEND_PORT
CONF
"$HAPROXY" -f "$WORK/haproxy.cfg" -db > "$WORK/haproxy.log" 2>&1 & HAPROXY_PID=$!; PIDS+=("$HAPROXY_PID")

# This router, with a static route table (no controller).
cat > "$WORK/routes.json" <<JSON
{"generation": 1, "routes": [{"host": "app.localhost", "app": "app", "endpoints": ["127.0.0.1:$BACKEND_PORT"]}]}
JSON
ROUTER_LOG="$WORK/router.log"
PAAS_ROUTER_STATIC_ROUTES="$WORK/routes.json" PAAS_ROUTER_PORT=$ROUTER_PORT PAAS_ROUTER_TLS_PORT=-1 \
  PAAS_ROUTER_ADMIN_PORT=-1 PAAS_ROUTER_ACCESS_LOG="${ACCESS_LOG:-1}" PAAS_ROUTER_EVENT_LOOPS="${EVENT_LOOPS:-2}" \
  PAAS_ROUTER_TRANSPORT="${TRANSPORT:-auto}" \
  java $ROUTER_JAVA_OPTS -jar "$JAR" > "$ROUTER_LOG" 2>&1 & ROUTER_PID=$!; PIDS+=("$ROUTER_PID")

for port in $BACKEND_PORT $NGINX_PORT $HAPROXY_PORT $ROUTER_PORT; do wait_port "$port"; done

# Warm up the JIT and every connection pool before measuring. The router is a JVM: on 2 shared cores
# its C2 compiler needs ~15 s of load to reach steady state (3 s measured it half-interpreted), for
# keep-alive requests and again for new connections (accept, set-up and close are their own code), and
# sometimes more: after WARMUP, each mode gets 5 s more at a time until the JIT spent under 0.2 s of
# compiling in the last 5 s (jstat; at most 60 s more). A run measured while C2 still compiles the path
# is slower and the compiler takes CPU from every process on the machine.
jit_seconds() { jstat -compiler "$ROUTER_PID" 2>/dev/null | awk 'NR == 2 { print $4 }'; }
warm_up() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Host: app.localhost" "$@" "http://127.0.0.1:$ROUTER_PORT/" >/dev/null
  local more=0 before after
  before=$(jit_seconds)
  while [ "$more" -lt 60 ]; do
    wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "Host: app.localhost" "$@" "http://127.0.0.1:$ROUTER_PORT/" >/dev/null
    more=$((more + 5))
    after=$(jit_seconds)
    awk -v a="${after:-0}" -v b="${before:-0}" 'BEGIN { exit !(a - b < 0.2) }' && break
    before=$after
  done
  echo "$more"
}
WARM_KEEPALIVE=$(warm_up)
WARM_CLOSE=$(warm_up -H "Connection: close")
for port in $ROUTER_PORT $NGINX_PORT $HAPROXY_PORT; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d3s -H "Host: app.localhost" "http://127.0.0.1:$port/" >/dev/null
done

us_per_request() { awk -v t="$1" -v hz="$CLOCK_TICKS" -v n="$2" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }'; }
# wrk output -> "req/s p50_ms p99_ms cpu_us_per_request user_us_per_request errors". The CPU the proxy spent per
# request does not depend on what else the shared machine runs as much as req/s and latency do.
measure() {
  local port=$1 pid=$2; shift 2
  local out user0 sys0 user1 sys1
  if [ "$PRIME" != 0 ]; then
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$PRIME" -H "Host: app.localhost" "$@" "http://127.0.0.1:$port/" >/dev/null
  fi
  read -r user0 sys0 <<<"$(cpu_ticks "$pid")"
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Host: app.localhost" "$@" "http://127.0.0.1:$port/")
  read -r user1 sys1 <<<"$(cpu_ticks "$pid")"
  local rps p50 p99 requests cpu user errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu=$(us_per_request $((user1 + sys1 - user0 - sys0)) "$requests")
  user=$(us_per_request $((user1 - user0)) "$requests")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") $cpu $user ${errors:-none}"
}

if [ "${PROFILE:-0}" = 1 ]; then
  jcmd "$ROUTER_PID" JFR.start name=bench settings=profile filename="$WORK/router.jfr" >/dev/null
fi

declare -A RESULT RUNS
PROXIES=(router nginx haproxy)
for round in $(seq 1 "$ROUNDS"); do
  # Each round starts with another proxy, so none is always measured first (or right after the same one).
  first=$(( (round - 1) % 3 ))
  order=("${PROXIES[@]:first}" "${PROXIES[@]:0:first}")
  for mode in keepalive close; do
    extra=(); [ "$mode" = close ] && extra=(-H "Connection: close")
    for name in "${order[@]}"; do
      case $name in
        router) port=$ROUTER_PORT pid=$ROUTER_PID;; nginx) port=$NGINX_PORT pid=$NGINX_PID;; haproxy) port=$HAPROXY_PORT pid=$HAPROXY_PID;;
      esac
      RUNS[$mode,$name]+="$(measure "$port" "$pid" "${extra[@]}")"$'\n'
    done
  done
done
# Each figure is the median of its own column over the runs (req/s, p50, p99, CPU apart: the run with the
# median req/s can hold a stray p99); errors from every run.
for key in "${!RUNS[@]}"; do
  runs="${RUNS[$key]}"
  errors=$(printf '%s' "$runs" | awk '{ $1 = $2 = $3 = $4 = $5 = ""; sub(/^ +/, ""); if ($0 != "none") print $0 }' | sort -u | paste -sd' ')
  RESULT[$key]="$(median_of "$runs" 1) $(median_of "$runs" 2) $(median_of "$runs" 3) $(median_of "$runs" 4) $(median_of "$runs" 5) ${errors:-none}"
done

if [ "${PROFILE:-0}" = 1 ]; then
  jcmd "$ROUTER_PID" JFR.stop name=bench >/dev/null
  echo "== top frames of the router (JFR execution samples, all modes) =="
  { jfr print --events jdk.ExecutionSample "$WORK/router.jfr" || echo "(no profile: the router did not write one)" >&2; } \
    | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print}' \
    | sort | uniq -c | sort -rn | head -25 || true   # head closes the pipe early: not a failure under pipefail
fi

echo
echo "router benchmark: wrk -t$THREADS -c$CONNECTIONS -d$DURATION x $ROUNDS rounds, each after $PRIME unmeasured, median (router warm-up: keep-alive $WARMUP + ${WARM_KEEPALIVE}s, new connections $WARMUP + ${WARM_CLOSE}s), backend nginx 1 worker, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "router JVM: $ROUTER_JAVA_OPTS; transport: $(grep -o "io_uring\|epoll\|nio" "$ROUTER_LOG" | head -1); access log: ${ACCESS_LOG:-1}; event loops: ${EVENT_LOOPS:-2}"
echo "nginx and HAProxy doing the router's per-request work (log line, X-Forwarded-*, X-Request-Id, Via): ${SAME_WORK:-1}; deferred accept like the router: ${DEFER_ACCEPT:-1}"
printf "%-10s %-8s %12s %9s %9s %12s %10s  %s\n" mode proxy "req/s" "p50 ms" "p99 ms" "CPU us/req" "of it user" errors
for mode in keepalive close; do
  for name in router nginx haproxy; do
    read -r rps p50 p99 cpu user errors <<<"${RESULT[$mode,$name]}"
    printf "%-10s %-8s %12s %9s %9s %12s %10s  %s\n" "$mode" "$name" "$rps" "$p50" "$p99" "$cpu" "$user" "$errors"
  done
done
if [ "$ROUNDS" -gt 1 ]; then
  echo "every run (req/s/p99 ms/CPU us per request/of it user), in order:"
  for mode in keepalive close; do
    for name in router nginx haproxy; do
      printf "  %-10s %-8s %s\n" "$mode" "$name" "$(printf '%s' "${RUNS[$mode,$name]}" | awk '{printf "%d/%s/%s/%s  ", $1, $3, $4, $5}')"
    done
  done
fi
for mode in keepalive close; do
  read -r r _ rp99 rc _ _ <<<"${RESULT[$mode,router]}"
  read -r n _ np99 nc _ _ <<<"${RESULT[$mode,nginx]}"
  read -r h _ hp99 hc _ _ <<<"${RESULT[$mode,haproxy]}"
  awk -v m="$mode" -v r="$r" -v n="$n" -v h="$h" -v rp="$rp99" -v np="$np99" -v hp="$hp99" -v rc="$rc" -v nc="$nc" -v hc="$hc" 'BEGIN {
    printf "%-10s req/s router/nginx %.2f  router/haproxy %.2f   p99 router/nginx %.2f  router/haproxy %.2f   CPU per request router/nginx %.2f  router/haproxy %.2f\n",
      m, r/n, r/h, rp/np, rp/hp, rc/nc, rc/hc }'
done
# The same ratios taken round by round (the router's run against the other proxy's run of the same
# round, a few seconds apart): the machine's drift over the whole benchmark cancels out of each one.
if [ "$ROUNDS" -gt 1 ]; then
  # "NAME median (lowest-highest)" of one column
  spread() {
    printf '%s' "$1" | awk -v c="$2" '{ print $c }' | sort -g \
      | awk -v name="$3" -v m="$(median_of "$1" "$2")" 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%s %.2f (%.2f-%.2f)", name, m, lo, hi }'
  }
  echo "round by round, median (lowest-highest):"
  for mode in keepalive close; do
    for other in nginx haproxy; do
      # req/s p99 CPU of each (a run's errors, last on its line, may hold spaces), then their ratios per round
      ratios=$(paste -d' ' <(printf '%s' "${RUNS[$mode,router]}" | awk '{ print $1, $3, $4 }') \
        <(printf '%s' "${RUNS[$mode,$other]}" | awk '{ print $1, $3, $4 }') | awk '{ print $1 / $4, $2 / $5, $3 / $6 }')
      printf "%-10s router/%-8s %s   %s   %s\n" "$mode" "$other" "$(spread "$ratios" 1 "req/s")" \
        "$(spread "$ratios" 2 p99)" "$(spread "$ratios" 3 "CPU per request")"
    done
  done
fi
