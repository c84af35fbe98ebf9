#!/usr/bin/env bash
# The router's TLS as a scanner sees it: testssl.sh (Debian's package) against a router started alone
# with a static route table and a self-signed certificate made here. Prints testssl.sh's findings and
# a summary: every VULNERABLE line and every "NOT ok", besides those about the test certificate
# itself (self-signed, so no chain of trust, no CRL or OCSP address, no CT). Exits 1 if any is left.
#
#   infra/bench/tls-check.sh     (needs router/target/paas-router.jar: mvn -B -q -pl router -am package -DskipTests)
#   FULL=1 ...                   the whole testssl.sh run (default: protocols, ciphers, vulnerabilities,
#                                forward secrecy, server preferences and defaults, headers: what the profile decides)
#   ENGINE=jdk ...                the router on the JDK's TLS (default auto: BoringSSL where it loads, as the platform runs it)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAR="$ROOT/router/target/paas-router.jar"
# shellcheck source=lib.sh
. "$ROOT/infra/bench/lib.sh"
bench_scratch tls-check

if ! command -v testssl >/dev/null 2>&1 && ! command -v testssl.sh >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { echo "tls-check: testssl.sh is missing; run as root to install it" >&2; exit 1; }
  apt-get install -y -q testssl.sh >/dev/null
fi
TESTSSL="$(command -v testssl || command -v testssl.sh)"
[ -f "$JAR" ] || { echo "tls-check: $JAR not built (mvn -B -q -pl router -am package -DskipTests)" >&2; exit 1; }

BACKEND_PORT=$(free_port); PORT=$(free_port); TLS_PORT=$(free_port)
HOST=secure.example.test

openssl req -x509 -nodes -days 30 -newkey rsa:2048 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" \
  -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" 2>/dev/null
python3 - "$WORK" "$HOST" "$BACKEND_PORT" <<'PY'
import json, sys
work, host, port = sys.argv[1], sys.argv[2], sys.argv[3]
table = {"generation": 1,
         "routes": [{"host": host, "app": "app", "endpoints": ["127.0.0.1:" + port]}],
         "certificates": [{"name": "test", "hosts": [host], "certPem": open(work + "/cert.pem").read(),
                           "keyPem": open(work + "/key.pem").read(), "expiresAt": None}]}
json.dump(table, open(work + "/routes.json", "w"))
PY
mkdir -p "$WORK/www" && echo ok > "$WORK/www/index.html"
(cd "$WORK/www" && exec python3 -m http.server "$BACKEND_PORT" --bind 127.0.0.1 >/dev/null 2>&1) & PIDS+=($!)
PAAS_ROUTER_STATIC_ROUTES="$WORK/routes.json" PAAS_ROUTER_PORT=$PORT PAAS_ROUTER_TLS_PORT=$TLS_PORT \
  PAAS_ROUTER_ADMIN_PORT=-1 PAAS_ROUTER_ACCESS_LOG=0 PAAS_ROUTER_TLS_ENGINE="${ENGINE:-auto}" \
  java -Xmx64m -Xms16m -Xss512k -XX:+UseSerialGC -jar "$JAR" > "$WORK/router.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 100); do
  curl -sk -o /dev/null --resolve "$HOST:$TLS_PORT:127.0.0.1" "https://$HOST:$TLS_PORT/" && break
  sleep 0.2
done

CHECKS=(--protocols --std --fs --server-preference --vulnerable --headers --server-defaults)
[ "${FULL:-0}" = 1 ] && CHECKS=()
# --ip: the name resolves nowhere; testssl.sh sends it as SNI and Host.
# Its exit status counts findings and checks it could not finish alike: the summary below reads its lines.
"$TESTSSL" --quiet --color 0 --warnings off --ip 127.0.0.1 "${CHECKS[@]}" "$HOST:$TLS_PORT" | tee "$WORK/testssl.txt" || true

echo
echo "== summary"
echo "router: $(grep -o 'listening on.*' "$WORK/router.log" | head -1)"
# The test certificate's own findings: a scanner cannot trust a self-signed certificate made a moment ago.
CERT_ONLY='self signed|chain of trust|CRL|OCSP|Certificate Transparency|trust \(hostname\)|Certificate Validity'
FINDINGS=$(grep -E 'VULNERABLE|NOT ok' "$WORK/testssl.txt" | grep -Ev "$CERT_ONLY" || true)
if [ -n "$FINDINGS" ]; then
  echo "$FINDINGS"
  echo "tls-check: $(echo "$FINDINGS" | wc -l) finding(s) beyond the test certificate's own"
  exit 1
fi
echo "tls-check: no VULNERABLE line, no NOT ok beyond the test certificate's own"
