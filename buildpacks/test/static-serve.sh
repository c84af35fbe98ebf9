# shellcheck shell=bash
# Sourced by container.sh (its helpers: container_build, release_cmd, ok, ko, $WORK, $LABEL,
# $RUN_IMAGE): static sites built in the stack build image and served by the run image's
# nginx, each static.json setting checked with real HTTP requests.

# site NAME DIR [USER]: builds DIR, starts its web process from the run image (as USER when
# given) and waits for an answer; SITE is then its address.
site() {
  local name=$1 src=$2 user=${3:-} port
  container_build "$name" "$src" "cache-$name" >"$WORK/$name.build" || true
  grep -q "FAIL" "$WORK/$name.build" && cat "$WORK/$name.build"
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  podman run -d --name "bp-test-$$-$name" --label "$LABEL" --init ${user:+--user "$user"} \
    -p "127.0.0.1:$port:5000" -e PORT=5000 -v "$WORK/$name:/app:ro" \
    "$RUN_IMAGE" /usr/local/bin/paas-launch "$(release_cmd "$name")" >/dev/null || { ko "$name starts"; return; }
  SITE=http://127.0.0.1:$port
  for _ in $(seq 1 50); do curl -s -o /dev/null "$SITE/" && return; sleep 0.1; done
  ko "$name answers" "$(podman logs "bp-test-$$-$name" 2>&1)"
}

# answers DESCRIPTION PATH STATUS [TEXT...] [-- CURL-ARGS...]: GET PATH answers STATUS, and
# its head and body hold each TEXT (a TEXT starting with ! must be absent).
answers() {
  local what=$1 path=$2 status=$3 out text missing=; shift 3
  local texts=() args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do texts+=("$1"); shift; done
  [ $# -gt 0 ] && shift && args=("$@")
  out=$(curl -sS -i "${args[@]}" "$SITE$path" 2>&1 | tr -d '\r')
  [[ $(head -1 <<<"$out") == "HTTP/1.1 $status "* ]] || missing="status $status"
  for text in "${texts[@]}"; do
    if [[ $text == !* ]]; then grep -qF -- "${text#!}" <<<"$out" && missing+=" [has ${text#!}]"
    else grep -qF -- "$text" <<<"$out" || missing+=" [no $text]"; fi
  done
  if [ -z "$missing" ]; then ok "$what: $path -> $status"; else ko "$what: $path -> $status:$missing" "$out"; fi
}

header() { curl -sS -i "$SITE$2" | tr -d '\r' | sed -n "s/^$1: //Ip"; }

echo "== static-json-app (heroku-buildpack-static settings) in $RUN_IMAGE"
site json "$SAMPLES/static-json-app"
answers "the index" / 200 "Single-page app shell" "X-Frame-Options: DENY" "Cache-Control: no-cache" "ETag: " "Last-Modified: "
answers 'routes "/**" -> index.html' /deep/link/to/a/view 200 "Single-page app shell"
answers "clean_urls" /about 200 "About this app"
answers "a file still wins over the route" /about.html 200 "About this app"
answers "a redirect with its status" /old-about 302 "Location: /about"
answers "headers per path: the last glob that matches" /assets/app.js 200 "Cache-Control: public, max-age=31536000, immutable" "!no-cache" "!X-Frame-Options"
answers "error_page" /nothing-here.html 404 "Nothing here (custom error page)"
answers "the root is the only folder served" /static.json 200 "Single-page app shell" '!"routes"'
etag=$(header etag /)
answers "If-None-Match" / 304 -- -H "If-None-Match: $etag"

echo "== https_only, * and **, root /app/dist, escaping"
mkdir -p "$WORK/src/edge/dist/docs"
cat > "$WORK/src/edge/static.json" <<'JSON'
{
  "root": "/app/dist",
  "https_only": true,
  "routes": { "/docs/*": "docs/page.html", "/q\"uote/**": "quote.html", "/files/**/raw": "raw.txt" },
  "redirects": { "/go": { "url": "https://example.com/$path;{}" } },
  "headers": { "/price/*": { "X-Price": "$5 \"net\"" } }
}
JSON
echo "<p>edge index</p>" > "$WORK/src/edge/dist/index.html"
echo "<p>the docs page</p>" > "$WORK/src/edge/dist/docs/page.html"
echo "<p>quote page</p>" > "$WORK/src/edge/dist/quote.html"
echo "raw text" > "$WORK/src/edge/dist/raw.txt"
site edge "$WORK/src/edge"
https=(-H "X-Forwarded-Proto: https")
answers "https_only redirects plain http to https" "/?a=1" 301 "Location: https://edge.example.test/?a=1" -- -H "Host: edge.example.test" -H "X-Forwarded-Proto: http"
answers "https_only: no X-Forwarded-Proto is not https either" / 301 "Location: https://edge.example.test/" -- -H "Host: edge.example.test"
answers "https_only serves https" / 200 "edge index" -- "${https[@]}"
answers '"/docs/*" matches one segment' /docs/intro 200 "the docs page" -- "${https[@]}"
answers '"/docs/*" does not cross /' /docs/intro/more 404 -- "${https[@]}"
answers '"/files/**/raw" crosses /' /files/a/b/c/raw 200 "raw text" -- "${https[@]}"
answers "a route with a quote matches literally" "/q%22uote/x/y" 200 "quote page" -- "${https[@]}"
answers "a redirect URL with \$ ; { } is sent as written (301 by default)" /go 301 'Location: https://example.com/$path;{}' -- "${https[@]}"
answers "a header value with \$ and quotes is sent as written" /price/x 404 'X-Price: $5 "net"' -- "${https[@]}"

echo "== a plain static site, nginx run as a user that is not root"
site plain "$SAMPLES/static-app" 65534:65534
answers "the index" / 200 "Hello from static" "Cache-Control: no-cache" "Content-Type: text/html; charset=utf-8"
answers "a second page" /about.html 200 "About this site"
etag=$(header etag /) modified=$(header last-modified /)
answers "If-None-Match" / 304 -- -H "If-None-Match: $etag"
answers "If-Modified-Since" / 304 -- -H "If-Modified-Since: $modified"
answers "the platform's files in the slug are not served" /.paas/release.yml 404
answers "a missing page" /nope.html 404
# Idle memory of the web process, beside what busybox httpd (the server before nginx) used:
# the processes' resident sets (shared pages counted in each) and the container's cgroup.
memory() {
  echo "$(podman exec "$1" sh -c 'for p in /proc/[0-9]*; do grep -q "^Name:.*\(nginx\|busybox\)" $p/status 2>/dev/null && sed -n "s/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p" $p/status; done' |
    awk '{s+=$1} END {print s}') kB RSS, $(podman stats --no-stream --format '{{.MemUsage}}' "$1" | cut -d' ' -f1) in its cgroup"
}
podman run -d --name "bp-test-$$-busybox" --label "$LABEL" --init -e PORT=5000 -v "$WORK/plain:/app:ro" \
  "$RUN_IMAGE" /usr/local/bin/paas-launch 'exec busybox httpd -f -p $PORT -h /app' >/dev/null
sleep 0.5
echo "       idle: nginx (master + 1 worker) $(memory "bp-test-$$-plain"); busybox httpd $(memory "bp-test-$$-busybox")"
podman stop -t 10 "bp-test-$$-plain" >/dev/null
code=$(podman inspect -f '{{.State.ExitCode}}' "bp-test-$$-plain")
[ "$code" = 0 ] && ok "nginx exits 0 on stop (SIGTERM)" || ko "nginx exits 0 on stop (SIGTERM) (exit $code)" "$(podman logs "bp-test-$$-plain" 2>&1 | tail -5)"
