# shellcheck shell=bash
# The folder a static site is served from, relative to the app root:
# static.json's "root" when given (a leading /app/ is the app itself, as on
# Heroku), else public_html/ when the app has static.json and that folder (as
# heroku-buildpack-static), else public/ when it holds index.html, else the top
# folder. detect, compile and release must agree on it.
docroot() {
  local dir=$1 root=
  if [ -f "$dir/static.json" ]; then
    root=$(jq -r '.root? // empty | strings' "$dir/static.json" 2>/dev/null || true)
    case $root in /app) root=. ;; /app/*) root=${root#/app/} ;; esac
    if [ -z "$root" ] && [ -d "$dir/public_html" ]; then root=public_html; fi
  fi
  if [ -z "$root" ]; then
    if [ -f "$dir/public/index.html" ] || { [ -d "$dir/public" ] && [ ! -f "$dir/index.html" ]; }; then
      root=public
    else
      root=.
    fi
  fi
  root=${root#./}; root=${root%/}
  echo "${root:-.}"
}

# /app, /app/public, ...: where the docroot is inside the run container.
runtime_docroot() {
  local root; root=$(docroot "$1")
  if [ "$root" = . ]; then echo /app; else echo "/app/$root"; fi
}
