# static.json (the input; {} for a site without one) -> the nginx config that serves it, as
# heroku-buildpack-static reads it: root, routes, clean_urls, redirects, headers, https_only,
# error_page. Every setting is checked first; a bad one stops with error("...") naming it.
# Args: --arg root /app/DOCROOT (where the site is in the run container).
#
# Paths from static.json reach nginx only escaped (regex metacharacters, quotes, backslashes,
# `$`), so no value can add a directive or read a variable. `listen @PORT@` is filled in when
# the process starts, since $PORT is only known then.

def supported: ["root", "routes", "clean_urls", "redirects", "headers", "https_only", "error_page"];
# heroku-buildpack-static settings this platform does not implement: refused by name, not
# silently ignored, so the site never behaves differently from what its static.json says.
def unsupported: ["encoding", "canonical_host", "proxies", "basic_auth", "basic_auth_htpasswd_path",
  "logging", "worker_connections", "debug", "absolute_redirect", "mime_types", "port"];

def a_type: {object: "an object", array: "an array", string: "a string", number: "a number",
  boolean: "true or false", null: "null"}[.];
# (A parameter named $type would hide the builtin type inside: jq defines both.)
def expect($where; $want):
  if type == $want then . else error("\($where) must be \($want | a_type), not \(type | a_type)") end;
def no_controls($where):
  if test("[[:cntrl:]]") then error("\($where) holds a control character") else . end;
def a_path($where):
  expect($where; "string") | no_controls($where)
  | if startswith("/") then . else error("\($where) must start with /") end;
# A file of the site, named relative to its root (a leading / is allowed, as on Heroku).
def a_file($where):
  expect($where; "string") | no_controls($where) | ltrimstr("/")
  | if . == "" then error("\($where) must name a file")
    elif (split("/") | any(. == "..")) then error("\($where) must stay inside the site (no ..)")
    else . end;

# nginx's own quoting: inside "..." a backslash escapes " and \ ; $ would start a variable in
# values that take them, so it is written ${dollar} there (a geo variable holding "$").
def q: "\"" + (gsub("\\\\"; "\\\\") | gsub("\""; "\\\"")) + "\"";
def qv: "\"" + (gsub("\\\\"; "\\\\") | gsub("\""; "\\\"") | gsub("\\$"; "${dollar}")) + "\"";
def re_escape: gsub("(?<c>[.^$|?*+()\\[\\]{}\\\\])"; "\\\(.c)");
# Heroku's globs: ** is anything, * anything but /, the rest literal; matched as a whole.
def glob_regex: "^" + (split("**") | map(split("*") | map(re_escape) | join("[^/]*")) | join(".*")) + "$";

def validate:
  expect("static.json"; "object")
  | (keys_unsorted[] as $k
      | if (supported | index($k)) then empty
        elif (unsupported | index($k)) then error("\"\($k)\" is a heroku-buildpack-static setting this platform does not support (supported: \(supported | join(", ")))")
        else error("\"\($k)\" is not a static.json setting (supported: \(supported | join(", ")))") end),
    (.root | if . == null then empty else expect("\"root\""; "string") | empty end),
    (("clean_urls", "https_only") as $k | .[$k] | if . == null then empty else expect("\"\($k)\""; "boolean") | empty end),
    (.error_page | if . == null then empty else a_file("\"error_page\"") | empty end),
    (.routes // {} | expect("\"routes\""; "object") | to_entries[]
      | .key as $route | ($route | a_path("the route \(tojson)")), (.value | a_file("the target of route \($route | tojson)")) | empty),
    (.redirects // {} | expect("\"redirects\""; "object") | to_entries[] | .key as $from
      | ($from | a_path("the redirect \(tojson)")),
        (.value | expect("redirect \($from | tojson)"; "object")
          | (keys_unsorted - ["url", "status"] | if length > 0 then error("redirect \($from | tojson) has unknown field \(.[0] | tojson) (it takes url and status)") else empty end),
            (.url | expect("the url of redirect \($from | tojson)"; "string") | no_controls("the url of redirect \($from | tojson)")
              | if test("^\\s*$") or test("\\s") then error("the url of redirect \($from | tojson) must be a URL or a path, without spaces") else empty end),
            (.status // 301 | expect("the status of redirect \($from | tojson)"; "number")
              | if IN(301, 302, 303, 307, 308) then empty else error("the status of redirect \($from | tojson) must be 301, 302, 303, 307 or 308, not \(.)") end))
      | empty),
    (.headers // {} | expect("\"headers\""; "object") | to_entries[] | .key as $glob
      | ($glob | a_path("the headers path \(tojson)")),
        (.value | expect("the headers of \($glob | tojson)"; "object") | to_entries[]
          | (.key | if test("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$") then empty else error("\(tojson) (headers of \($glob | tojson)) is not a header name") end),
            (.key as $name | .value | if type == "string" or type == "number" then tostring | no_controls("header \($name | tojson) of \($glob | tojson)") else expect("header \($name | tojson) of \($glob | tojson)"; "string") end)
          | empty)
      | empty)
  ;

def config($root):
  . as $c
  | ($c.clean_urls == true) as $clean
  | (if $clean then "$uri.html $uri $uri/" else "$uri $uri/" end) as $files
  | ($c.headers // {} | to_entries) as $globs
  # Each header name (case-insensitively) gets a map from the matching glob to its value.
  # Cache-Control defaults to no-cache: browsers revalidate (ETag, Last-Modified) before reuse.
  | ([{name: "Cache-Control", lower: "cache-control"}]
      + [$globs[].value | keys_unsorted[] | {name: ., lower: ascii_downcase}]
      | unique_by(.lower)) as $names
  | [
    "# Written by the static buildpack at each build (from static.json when there is one).",
    "worker_processes 1;",
    "daemon off;",
    "pid /tmp/nginx.pid;",
    "error_log stderr;",
    "events { worker_connections 512; }",
    "http {",
    "  include /etc/nginx/mime.types;",
    "  default_type application/octet-stream;",
    "  charset utf-8;",
    "  sendfile on;",
    "  server_tokens off;",
    "  keepalive_timeout 65;",
    "  access_log /dev/stdout;",
    "  client_body_temp_path /tmp/nginx-client-body;",
    "  proxy_temp_path /tmp/nginx-proxy;",
    "  fastcgi_temp_path /tmp/nginx-fastcgi;",
    "  uwsgi_temp_path /tmp/nginx-uwsgi;",
    "  scgi_temp_path /tmp/nginx-scgi;",
    "  gzip on;",
    "  gzip_min_length 512;",
    "  gzip_types text/plain text/css text/xml application/json application/javascript application/xml application/rss+xml image/svg+xml;",
    "  gzip_vary on;",
    "  gzip_proxied any;",
    "  geo $dollar { default \"$\"; }",
    # The path as the client sent it (headers match it, as Heroku's do, before any rewrite).
    "  map $request_uri $static_path { \"~^(?<path>[^?]*)\" $path; }",
    # The last glob of static.json that matches wins: nginx takes the first regex, so reversed.
    "  map $static_path $static_glob {",
    "    default \"\";",
    ($globs | to_entries | reverse[] | "    \("~" + (.value.key | glob_regex) | q) \(.key);"),
    "  }",
    ($names | to_entries[] | .key as $n | .value as $h
      | "  map $static_glob $static_header_\($n) {",
        "    default \(if $h.lower == "cache-control" then "no-cache" else "\"\"" end);",
        ($globs | to_entries[] | .key as $g | .value.value | to_entries[]
          | select(.key | ascii_downcase == $h.lower) | "    \($g) \(.value | tostring | qv);"),
        "  }"),
    "  server {",
    "    listen @PORT@;",
    "    root \($root | q);",
    "    index index.html index.htm;",
    "    absolute_redirect off;",
    ($names | to_entries[] | "    add_header \(.value.name) $static_header_\(.key) always;"),
    (if $c.error_page then "    error_page 404 500 \("/" + ($c.error_page | ltrimstr("/")) | qv);" else empty end),
    # The router sets X-Forwarded-Proto (a client's own is replaced), so this is the client's scheme.
    (if $c.https_only == true then "    if ($http_x_forwarded_proto != \"https\") { return 301 https://$host$request_uri; }" else empty end),
    "    location / { try_files \($files) =404; }",
    (if $clean then "    location ~ \\.html$ { try_files $uri =404; }" else empty end),
    (if $root == "/app" then "    location ^~ /.paas/ { return 404; }" else empty end),
    ($c.routes // {} | to_entries[]
      | "    location ~ \(.key | glob_regex | q) { try_files \($files) \("/" + (.value | ltrimstr("/")) | qv) =404; }"),
    # A redirect applies where no file answers, as on Heroku; an exact location beats any route.
    ($c.redirects // {} | to_entries | to_entries[]
      | "    location = \(.value.key | q) { try_files \($files) @redirect_\(.key); }",
        "    location @redirect_\(.key) { return \(.value.value.status // 301) \(.value.value.url | qv); }"),
    "  }",
    "}"
  ] | join("\n");

validate, config($root)
