#!/usr/bin/env bash
# HTTPS benchmark: the same small nginx backend behind three TLS-terminating proxies on this machine: the router
# on the JDK's TLS (PAAS_ROUTER_TLS_ENGINE=jdk), the router on BoringSSL (openssl, netty-tcnative: what auto, the default, picks),
# and nginx as a reverse proxy. All three serve one RSA-2048 certificate with Mozilla's intermediate profile, and
# are measured with wrk over HTTPS: keep-alive (HTTPS requests per second) and a new TLS connection per request
# (a full handshake each: handshakes per second). Prints req/s, p50, p99, CPU per request and the ratios to nginx.
#
#   infra/bench/tls-bench.sh      (needs router/target/paas-router.jar: mvn -B -q -pl controller/client,router package -DskipTests)
#   DURATION=5s ROUNDS=3 CONNECTIONS=64 THREADS=2 WARMUP=15s EVENT_LOOPS=2 infra/bench/tls-bench.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/router/target/paas-router.jar"
DURATION="${DURATION:-5s}"
ROUNDS="${ROUNDS:-3}"
CONNECTIONS="${CONNECTIONS:-64}"
THREADS="${THREADS:-2}"
WARMUP="${WARMUP:-15s}"
# The router's flags as infra/platform.sh starts it.
ROUTER_JAVA_OPTS="${ROUTER_JAVA_OPTS:--Xmx64m -Xms16m -Xss512k -XX:+UseSerialGC}"
# shellcheck source=lib.sh
. "$ROOT/infra/bench/lib.sh"
bench_scratch tls-bench

need() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
if ! need wrk || ! need nginx || ! need openssl; then
  [ "$(id -u)" = 0 ] || { echo "tls-bench: wrk, nginx-light and openssl are missing; run as root to install them" >&2; exit 1; }
  apt-get install -y -q wrk nginx-light openssl >/dev/null
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -f "$JAR" ] || { echo "tls-bench: $JAR not built (mvn -B -q -pl controller/client,router package -DskipTests)" >&2; exit 1; }

wait_tls() {
  for _ in $(seq 1 150); do
    curl -sk -o /dev/null "https://127.0.0.1:$1/" && return 0
    sleep 0.1
  done
  echo "tls-bench: nothing answers HTTPS on port $1" >&2; tail -5 "$WORK"/*.log "$WORK"/*/error.log >&2 2>/dev/null; exit 1
}

BACKEND_PORT=$(free_port); JDK_PORT=$(free_port); OPENSSL_PORT=$(free_port); NGINX_PORT=$(free_port)
mkdir -p "$WORK/proxy"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 2 \
  -subj /CN=app.localhost -addext subjectAltName=DNS:app.localhost 2>/dev/null
bench_backend "$NGINX" "$BACKEND_PORT"

# nginx terminating TLS with Mozilla's intermediate settings (ssl-config.mozilla.org), 2 workers as the router's
# 2 event loops, and a session cache and tickets, as the routers have by default: the three offer the same. wrk
# resumes sessions on its new connections (nginx without cache and tickets does half as many), so "resumed" below
# is a new connection with a resumed session, and "full" (openssl s_time -new: a new session each time, no request)
# is the full handshake, an RSA signature and a key exchange each.
cat > "$WORK/proxy/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/proxy/nginx.pid;
error_log $WORK/proxy/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  upstream app { server 127.0.0.1:$BACKEND_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_PORT ssl;
    ssl_certificate $WORK/cert.pem;
    ssl_certificate_key $WORK/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305;
    ssl_prefer_server_ciphers off;
    ssl_session_tickets on;
    ssl_session_cache shared:SSL:10m;
    location / { proxy_pass http://app; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host; }
  }
}
CONF
"$NGINX" -c "$WORK/proxy/nginx.conf" -p "$WORK/proxy" -g 'daemon off;' & NGINX_PID=$!; PIDS+=("$NGINX_PID")

# The two routers: a static route table with the certificate (no controller), HTTPS only, access log off as nginx's.
python3 - "$WORK" "$BACKEND_PORT" <<'PY'
import json, sys
work, port = sys.argv[1], sys.argv[2]
table = {"generation": 1,
         "routes": [{"host": h, "app": "app", "endpoints": ["127.0.0.1:" + port]} for h in ("app.localhost", "127.0.0.1")],
         "certificates": [{"name": "app", "hosts": ["app.localhost"], "certPem": open(work + "/cert.pem").read(),
                           "keyPem": open(work + "/key.pem").read()}]}
json.dump(table, open(work + "/routes.json", "w"))
PY
start_router() {
  local engine=$1 port=$2
  PAAS_ROUTER_STATIC_ROUTES="$WORK/routes.json" PAAS_ROUTER_PORT=0 PAAS_ROUTER_TLS_PORT="$port" PAAS_ROUTER_ADMIN_PORT=-1 \
    PAAS_ROUTER_ACCESS_LOG=0 PAAS_ROUTER_EVENT_LOOPS="${EVENT_LOOPS:-2}" PAAS_ROUTER_TLS_ENGINE="$engine" \
    java $ROUTER_JAVA_OPTS -jar "$JAR" > "$WORK/router-$engine.log" 2>&1 &
  echo $!
}
JDK_PID=$(start_router jdk "$JDK_PORT"); PIDS+=("$JDK_PID")
OPENSSL_PID=$(start_router openssl "$OPENSSL_PORT"); PIDS+=("$OPENSSL_PID")
for port in $JDK_PORT $OPENSSL_PORT $NGINX_PORT; do wait_tls "$port"; done

# The JIT's warm-up, for both modes, on both routers (see router-bench.sh: a JVM measured cold is measured half-interpreted).
for port in $JDK_PORT $OPENSSL_PORT; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "https://127.0.0.1:$port/" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H "Connection: close" "https://127.0.0.1:$port/" >/dev/null
done

# cpu_total PID: user + system clock ticks of the proxy so far (cpu_ticks, bench/lib.sh)
cpu_total() { cpu_ticks "$1" | awk '{ print $1 + $2 }'; }
# "req/s p50_ms p99_ms cpu_us_per_request errors" of one run
measure() {
  local port=$1 pid=$2; shift 2
  local out t0 t1 rps p50 p99 requests errors
  t0=$(cpu_total "$pid")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "https://127.0.0.1:$port/")
  t1=$(cpu_total "$pid")
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {printf "%s ", $0}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") $(awk -v t=$((t1 - t0)) -v hz="$CLOCK_TICKS" -v n="$requests" \
    'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }') ${errors:-none}"
}

# "handshakes/s - - cpu_us_per_handshake none": two s_time clients (one per core) making full handshakes for DURATION
full_handshakes() {
  local port=$1 pid=$2 t0 t1 seconds n=0 out clients=()
  seconds=${DURATION%s}
  t0=$(cpu_total "$pid")
  for i in 1 2; do
    openssl s_time -connect "127.0.0.1:$port" -new -time "$seconds" > "$WORK/s_time.$i" 2>/dev/null & clients+=($!)
  done
  wait "${clients[@]}" || true
  t1=$(cpu_total "$pid")
  for out in "$WORK"/s_time.*; do
    n=$((n + $(awk '/connections in [0-9.]+ real seconds/ { print $1; exit }' "$out")))
  done
  awk -v n="$n" -v s="$seconds" -v t=$((t1 - t0)) -v hz="$CLOCK_TICKS" \
    'BEGIN { printf "%.2f - - %.1f none\n", n / s, (n > 0 ? t * 1e6 / hz / n : 0) }'
}

declare -A RUNS
PROXIES=(jdk openssl nginx)
for round in $(seq 1 "$ROUNDS"); do
  first=$(( (round - 1) % 3 ))
  order=("${PROXIES[@]:first}" "${PROXIES[@]:0:first}")
  for mode in keepalive resumed full; do
    extra=(); [ "$mode" = resumed ] && extra=(-H "Connection: close")
    for name in "${order[@]}"; do
      case $name in
        jdk) port=$JDK_PORT pid=$JDK_PID;; openssl) port=$OPENSSL_PORT pid=$OPENSSL_PID;; nginx) port=$NGINX_PORT pid=$NGINX_PID;;
      esac
      if [ "$mode" = full ]; then
        RUNS[$mode,$name]+="$(full_handshakes "$port" "$pid")"$'\n'
      else
        RUNS[$mode,$name]+="$(measure "$port" "$pid" "${extra[@]}")"$'\n'
      fi
    done
  done
done

echo
echo "HTTPS benchmark: wrk -t$THREADS -c$CONNECTIONS -d$DURATION x $ROUNDS rounds, median; RSA-2048, TLS as Mozilla's intermediate;"
echo "keepalive: HTTPS requests on kept connections; resumed: a new TLS connection per request, its session resumed (wrk);
full: full handshakes, no request (2 x openssl s_time -new), figures are handshakes per second."
echo "routers: $ROUTER_JAVA_OPTS, ${EVENT_LOOPS:-2} event loops, access log off; nginx: 2 workers, session cache and tickets; $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
negotiated() { echo | openssl s_client -connect "127.0.0.1:$1" 2>/dev/null | awk '/^New, / { sub(/,$/, "", $2); print $2, $NF; exit }'; }
echo "negotiated (openssl s_client): router/jdk $(negotiated "$JDK_PORT"), router/openssl $(negotiated "$OPENSSL_PORT"), nginx $(negotiated "$NGINX_PORT")"
printf "%-10s %-15s %10s %8s %8s %11s  %s\n" mode proxy "req/s" "p50 ms" "p99 ms" "CPU us/req" errors
for mode in keepalive resumed full; do
  for name in "${PROXIES[@]}"; do
    runs="${RUNS[$mode,$name]}"
    errors=$(printf '%s' "$runs" | awk '{ $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); if ($0 != "none") print $0 }' | sort -u | paste -sd' ')
    label=$name; [ "$name" = nginx ] || label="router/$name"
    printf "%-10s %-15s %10s %8s %8s %11s  %s\n" "$mode" "$label" "$(median_of "$runs" 1)" "$(median_of "$runs" 2)" \
      "$(median_of "$runs" 3)" "$(median_of "$runs" 4)" "${errors:-none}"
  done
  awk -v m="$mode" -v j="$(median_of "${RUNS[$mode,jdk]}" 1)" -v o="$(median_of "${RUNS[$mode,openssl]}" 1)" \
      -v n="$(median_of "${RUNS[$mode,nginx]}" 1)" \
      'BEGIN { printf "%-10s req/s router-jdk/nginx %.2f  router-openssl/nginx %.2f  openssl/jdk %.2f\n", m, j/n, o/n, o/j }'
done
