# shellcheck shell=bash
# Which npm an app gets when package.json names none, and what that npm can
# do. Needs: output.sh, registry.sh, $CACHE_DIR, $NODE_HOME.

# npm without its docs and man pages (300 files nobody reads in a slug).
NPM_ONLY='--exclude=package/docs --exclude=package/doc --exclude=package/html --exclude=package/man package'

# True when version $1 is at least $2 (both plain x.y.z).
version_at_least() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]
}

# The npm releases worth trying for Node.js $2, one a line: per major, newest
# major first, the newest release whose own engines.node (in the registry's
# metadata $1) accepts that Node. Releases that declare no engines.node (npm 2
# to 6.13) are candidates too: their own start-up check decides (npm_runs).
npm_candidates() {
  local meta=$1 node=$2 accepted
  accepted=$(jq -c --arg v "$node" '{version: $v, ranges: [.versions[] | .engines | objects | .node | strings] | unique}' "$meta" \
    | jq -c --arg range '' -f "$BP_DIR/lib/semver.jq")
  jq -r --argjson ok "$accepted" '
    .versions | to_entries
    | map(select(.key | test("^[0-9]+\\.[0-9]+\\.[0-9]+$"))
          | [.value.engines | objects | .node | strings][0] as $e
          | select($e == null or any($ok[]; . == $e))
          | .key | split(".") | map(tonumber))
    | group_by(.[0]) | map(max) | sort | reverse[] | map(tostring) | join(".")
  ' "$meta"
}

# Runs npm (unpacked in $1) with the installed node: npm checks at start-up
# whether it supports the Node.js it runs on and refuses the ones it knows to
# be broken. Prints npm's first complaint when it does not run.
npm_runs() {
  local dir=$1 version=$2 out
  if out=$(cd / && "$NODE_HOME/bin/node" "$dir/bin/npm-cli.js" --version 2>&1) && [ "$out" = "$version" ]; then
    return 0
  fi
  # Its own message (npm 5+) or the error that stopped it (a syntax this Node.js lacks).
  { grep -m1 -E 'ERROR|Error' <<<"$out" || head -1 <<<"$out"; } | cut -c1-200
  return 1
}

# Picks npm for Node.js $node_version when engines.npm is not given: the
# first candidate (npm_candidates) that runs on it. Within a major only its
# newest release is tried: later releases know more about which Node.js
# versions break them (npm 5.6 refuses Node.js 4 before 4.7, npm 5.0 did not
# know yet). A refusal is remembered in the cache so a warm build downloads
# nothing, and so is the pick that ran (a warm build does not start it
# again). Sets npm_version and npm_cache (the unpacked package).
pick_npm() {
  local meta=$1 refused="$CACHE_DIR/node/npm-refused" runs="$CACHE_DIR/node/npm-runs" candidates candidate dir why refusing=()
  npm_version='' npm_cache=''
  candidates=$(npm_candidates "$meta" "$node_version")
  for candidate in $candidates; do
    if grep -qx "$candidate $node_version" "$refused" 2>/dev/null; then
      refusing+=("$candidate")
      info "npm $candidate does not run on Node.js $node_version (found by an earlier build): skipped"
      continue
    fi
    dir=$(cache_package "$meta" npm "$candidate" npm "$NPM_ONLY")
    if grep -qx "$candidate $node_version" "$runs" 2>/dev/null || why=$(npm_runs "$dir" "$candidate"); then
      npm_version=$candidate npm_cache=$dir
      echo "$candidate $node_version" > "$runs"
      break
    fi
    warn "npm $candidate does not run on Node.js $node_version: $why"
    echo "$candidate $node_version" >> "$refused"
    refusing+=("$candidate")
  done
  [ -n "$npm_version" ] || fail "No npm release runs on Node.js $node_version: set engines.npm"
  local engines first newest why_not=()
  engines=$(jq -r --arg v "$npm_version" '.versions[$v].engines | objects | .node | strings' "$meta")
  first=$(head -1 <<<"$candidates")
  newest=$(jq -r '.versions | keys[] | select(test("^[0-9]+\\.[0-9]+\\.[0-9]+$")) | split(".")[0] | tonumber' "$meta" | sort -n | tail -1)
  if [ "${first%%.*}" -lt "$newest" ]; then
    why_not+=("npm $((${first%%.*} + 1)) to $newest do not support it (their engines.node)")
  fi
  if [ ${#refusing[@]} -gt 0 ]; then
    why_not+=("npm $(printf '%s\n' "${refusing[@]}" | paste -sd ',' | sed 's/,/, /g') refuse to start on it")
  fi
  info "Picked npm $npm_version, the newest npm that supports Node.js $node_version${engines:+ (its engines.node: $engines)}"
  [ ${#why_not[@]} = 0 ] || info "$(printf '%s; ' "${why_not[@]}" | sed 's/; $//')"
}

# How dependencies are installed with this npm: `npm ci` came with npm 5.7,
# --include/--omit with npm 7 (before: --production), package-lock.json with
# npm 5. Sets npm_install (an array) and npm_prune.
npm_commands() {
  local version=$1 lock=$2 dev_flag=--include=dev offline=(--prefer-offline)
  version_at_least "$version" 7.0.0 || dev_flag=--production=false
  version_at_least "$version" 5.0.0 || offline=()
  if [ -n "$lock" ] && version_at_least "$version" 5.7.0; then
    npm_install=(ci "$dev_flag" "${offline[@]}")
    npm_install_says="Running npm ci (package-lock.json)"
  elif [ -n "$lock" ] && version_at_least "$version" 5.0.0; then
    npm_install=(install "$dev_flag" "${offline[@]}")
    npm_install_says="Running npm install (npm $version has no npm ci, which came with 5.7; it follows package-lock.json)"
  elif [ -n "$lock" ]; then
    npm_install=(install "$dev_flag")
    npm_install_says="Running npm install (npm $version predates package-lock.json, which came with npm 5: versions follow package.json's ranges)"
  else
    npm_install=(install "$dev_flag" "${offline[@]}")
    npm_install_says="Running npm install (no package-lock.json: commit one for reproducible builds)"
  fi
  if version_at_least "$version" 7.0.0; then npm_prune=(prune --omit=dev); else npm_prune=(prune --production); fi
}
