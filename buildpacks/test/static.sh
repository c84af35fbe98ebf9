# shellcheck shell=bash
# Sourced by run.sh (its helpers: build, check, contains, lacks, rc_is): what the static
# buildpack makes of static.json on this host, bad settings refused with the reason. The
# answers nginx gives for each setting are checked in static-serve.sh, in the stack images.

# static_json NAME JSON [FILE...]: a site with that static.json and public_html/ holding
# index.html and FILEs, under $WORK/src/NAME.
static_json() {
  local name=$1 json=$2 f; shift 2
  rm -rf "$WORK/src/$name"; mkdir -p "$WORK/src/$name/public_html"
  printf '%s\n' "$json" > "$WORK/src/$name/static.json"
  for f in index.html "$@"; do mkdir -p "$(dirname "$WORK/src/$name/public_html/$f")"; echo "<p>$f</p>" > "$WORK/src/$name/public_html/$f"; done
}

# refused NAME JSON MESSAGE: that static.json fails the build with MESSAGE, no jq trace.
refused() {
  static_json "$1" "$2"
  build "$1" "$WORK/src/$1"
  if ! rc_is "$1" 0 && grep -qF -- " !     $3" "$WORK/$1.log" && ! grep -q "jq: error" "$WORK/$1.log"; then
    ok "refused: $2"
  else
    ko "refused with \"$3\": $2" "$(cat "$WORK/$1.log")"
  fi
}

echo "== static.json"
build json "$SAMPLES/static-json-app"
check "static.json site builds" rc_is json 0
contains "root public_html/ is served" "$WORK/json.log" "Document root: /app/public_html (4 files"
contains "says what static.json asks for" "$WORK/json.log" "static.json:   1 route, 1 redirect, headers for 2 paths, clean_urls, error_page 404.html"
contains "release.yml runs nginx on \$PORT" "$WORK/json/app/.paas/release.yml" 'web: sed "s/@PORT@/$PORT/" /app/.paas/nginx.conf > /tmp/nginx.conf && exec nginx -e stderr -c /tmp/nginx.conf'
contains "routes \"/**\" is a regex location" "$WORK/json/app/.paas/nginx.conf" 'location ~ "^/.*$" { try_files $uri.html $uri $uri/ "/index.html" =404; }'
static_json default-root '{"clean_urls": false}'
build default-root "$WORK/src/default-root"
contains "public_html/ is the root when static.json names none" "$WORK/default-root.log" "Document root: /app/public_html"
static_json missing-target '{"routes": {"/**": "app.html"}, "error_page": "/errors/404.html"}'
build missing-target "$WORK/src/missing-target"
contains "a route to a missing file is built, with a warning" "$WORK/missing-target.log" "static.json names app.html, which is not in /app/public_html: it will answer 404"
contains "so is a missing error_page" "$WORK/missing-target.log" "static.json names errors/404.html"

refused bad-json '{"routes": {"/**": "index.html",}}' "static.json is not valid JSON: "
refused not-object '["public_html"]' "static.json: static.json must be an object, not an array"
refused unknown '{"rooot": "public_html/"}' 'static.json: "rooot" is not a static.json setting (supported: root, routes, clean_urls, redirects, headers, https_only, error_page)'
refused unsupported '{"proxies": {"/api/": {"origin": "https://example.com"}}}' 'static.json: "proxies" is a heroku-buildpack-static setting this platform does not support'
refused bool-typed '{"clean_urls": "yes"}' 'static.json: "clean_urls" must be true or false, not a string'
refused https-typed '{"https_only": 1}' 'static.json: "https_only" must be true or false, not a number'
refused root-typed '{"root": 7}' 'static.json: "root" must be a string, not a number'
refused routes-typed '{"routes": ["/**"]}' 'static.json: "routes" must be an object, not an array'
refused route-path '{"routes": {"**": "index.html"}}' 'static.json: the route "**" must start with /'
refused route-target '{"routes": {"/**": "../../etc/passwd"}}' 'static.json: the target of route "/**" must stay inside the site (no ..)'
refused route-control '{"routes": {"/a\nb": "index.html"}}' 'static.json: the route "/a\nb" holds a control character'
refused redirect-typed '{"redirects": {"/old": "/new"}}' 'static.json: redirect "/old" must be an object, not a string'
refused redirect-status '{"redirects": {"/old": {"url": "/new", "status": 200}}}' 'static.json: the status of redirect "/old" must be 301, 302, 303, 307 or 308, not 200'
refused redirect-field '{"redirects": {"/old": {"url": "/new", "code": 302}}}' 'static.json: redirect "/old" has unknown field "code" (it takes url and status)'
refused redirect-url '{"redirects": {"/old": {"status": 302}}}' 'static.json: the url of redirect "/old" must be a string, not null'
refused header-name '{"headers": {"/**": {"Bad Header": "x"}}}' 'static.json: "Bad Header" (headers of "/**") is not a header name'
refused header-value '{"headers": {"/**": {"X-A": ["x"]}}}' 'static.json: header "X-A" of "/**" must be a string, not an array'
refused error-page '{"error_page": false}' 'static.json: "error_page" must be a string, not true or false'
refused root-up '{"root": "../"}' 'static.json root ".." points outside the app'
refused root-absolute '{"root": "/etc"}' 'static.json root "/etc" points outside the app'
refused root-missing '{"root": "dist/"}' 'static.json root "dist" is not a folder of the app'
static_json root-link '{"root": "site"}'
ln -s /etc "$WORK/src/root-link/site"
build root-link "$WORK/src/root-link"
contains "a root that is a symlink out of the app is refused" "$WORK/root-link.log" 'static.json root "site" points outside the app (through a symlink)'
