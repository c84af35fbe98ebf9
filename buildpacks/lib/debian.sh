# shellcheck shell=bash
# Runtimes from Debian's archive, the one source of runtimes here, shared by
# the buildpacks (Go, Python). The mirror is plain HTTP: each suite's
# InRelease is checked against Debian's archive keyring (in the stack build
# image), its Packages index against the InRelease, and each .deb against the
# index. Needs output.sh (header, info, warn, fail, now, elapsed, size_of).

DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_KEYRING=${DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

# debian_index SUITE ARCH DIR FILTER: what FILTER (a function reading a
# Packages index on stdin, called with SUITE) prints for SUITE's main index,
# cached in DIR by the index's checksum: a warm build fetches only InRelease,
# and an unreachable mirror falls back to the list of an earlier build.
debian_index() {
  local suite=$1 arch=$2 dir=$3 filter=$4 release sha list tmp
  mkdir -p "$dir"
  if ! release=$(curl -fsS --retry 2 --max-time 30 "$DEBIAN_MIRROR/dists/$suite/InRelease" 2>&1); then
    list=$(ls -t "$dir/$suite"@*.list 2>/dev/null | head -1)
    [ -n "$list" ] || { warn "Debian suite $suite unreachable ($release)" >&2; return 1; }
    warn "Debian suite $suite unreachable: using its index as read by an earlier build" >&2
    cat "$list"; return 0
  fi
  if ! release=$(printf '%s\n' "$release" | gpgv --keyring "$DEBIAN_KEYRING" --output - - 2>/dev/null); then
    warn "Debian suite $suite: InRelease is not signed by a key in $DEBIAN_KEYRING: not used" >&2
    return 1
  fi
  sha=$(printf '%s\n' "$release" | awk -v f="main/binary-$arch/Packages.xz" '/^SHA256:/ { s = 1; next } /^[^ ]/ { s = 0 } s && $3 == f { print $1; exit }')
  [ -n "$sha" ] || { warn "Debian suite $suite has no main/binary-$arch/Packages.xz" >&2; return 1; }
  list="$dir/$suite@$sha.list"
  if [ ! -f "$list" ]; then
    tmp=$(mktemp "$dir/.index.XXXXXX")
    if ! curl -fsS --retry 2 --max-time 120 -o "$tmp" "$DEBIAN_MIRROR/dists/$suite/main/binary-$arch/Packages.xz" \
      || [ "$(sha256sum < "$tmp" | cut -d' ' -f1)" != "$sha" ]; then
      rm -f "$tmp"; warn "Debian suite $suite: could not fetch a Packages index matching its InRelease" >&2; return 1
    fi
    xz -dc < "$tmp" | "$filter" "$suite" | sort -V > "$list.tmp" && mv "$list.tmp" "$list"
    rm -f "$tmp"
    find "$dir" -name "$suite@*.list" ! -path "$list" -delete
  fi
  cat "$list"
}

# debian_packages [REGEX]: reads a Packages index on stdin and prints
# "PACKAGE VERSION FILE SHA256" for each package whose name matches REGEX
# (an awk regex; every package without one). The one reader of index stanzas:
# each buildpack picks its packages from these lines.
debian_packages() {
  awk -v re="${1:-.}" '
    function flush() { if (pkg != "" && pkg ~ re) print pkg, ver, fn, sum; pkg = ver = fn = sum = "" }
    /^Package: / { pkg = $2 } /^Version: / { ver = $2 } /^Filename: / { fn = $2 } /^SHA256: / { sum = $2 }
    /^$/ { flush() }
    END { flush() }'
}

# debian_unpack FILE SHA256 SUITE TARGET: downloads the .deb FILE (a path in
# the pool), checks it against the SHA256 of SUITE's index and unpacks it
# into TARGET. Fails the build (after removing TARGET) on any error.
debian_unpack() {
  local file=$1 sum=$2 suite=$3 target=$4 deb
  deb="$target/$(basename "$file")"
  info "Downloading $DEBIAN_MIRROR/$file" >&2
  curl -fsS --retry 2 --max-time 300 -o "$deb" "$DEBIAN_MIRROR/$file" \
    || { rm -rf "$target"; fail "could not download $DEBIAN_MIRROR/$file"; }
  [ "$(sha256sum < "$deb" | cut -d' ' -f1)" = "$sum" ] \
    || { rm -rf "$target"; fail "$(basename "$file") does not match the checksum in Debian's $suite index"; }
  dpkg-deb -x "$deb" "$target" || { rm -rf "$target"; fail "could not unpack $(basename "$file")"; }
  rm -f "$deb"
}
