# shellcheck shell=bash
# Go toolchains from Debian's archive, the one source of runtimes here. The
# mirror is plain HTTP: each suite's InRelease is checked against Debian's
# archive keyring (in the stack image), its Packages index against the
# InRelease, and each .deb against the index.

DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_KEYRING=${DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}

# Suites with Go for a stack, oldest first. Trixie's golang-1.24 is linked
# statically (go and every tool in pkg/tool), so it runs on bookworm;
# install_go checks that the toolchain runs all the same.
go_suites() {
  case $1 in
    bookworm) echo "bookworm bookworm-backports trixie" ;;
    trixie) echo "trixie" ;;
    *) echo "$1" ;;
  esac
}

# golang_packages: reads a Packages index on stdin and prints
# "VERSION SUITE DEBVERSION GO_FILE GO_SHA256 SRC_FILE SRC_SHA256" per Go release
# (golang-X.Y-go with its golang-X.Y-src of the same version; prereleases left out).
golang_packages() {
  awk -v suite="$1" '
    function flush() {
      if (pkg ~ /^golang-1\.[0-9]+-(go|src)$/) { kind = pkg ~ /-go$/ ? "go" : "src"; file[kind, ver] = fn; sha[kind, ver] = sum; if (kind == "go") vers[ver] = 1 }
      pkg = ver = fn = sum = ""
    }
    /^Package: / { pkg = $2 } /^Version: / { ver = $2 } /^Filename: / { fn = $2 } /^SHA256: / { sum = $2 }
    /^$/ { flush() }
    END {
      flush()
      for (v in vers) {
        if (!(("src", v) in file)) continue
        up = v; sub(/^[0-9]+:/, "", up); sub(/-[^-]*$/, "", up)
        if (up !~ /^[0-9]+\.[0-9]+\.[0-9]+$/) continue
        print up, suite, v, file["go", v], sha["go", v], file["src", v], sha["src", v]
      }
    }'
}

# suite_index SUITE ARCH DIR: the Go releases in SUITE (golang_packages lines),
# cached in DIR by the index's checksum: a warm build fetches only InRelease.
suite_index() {
  local suite=$1 arch=$2 dir=$3 release sha list tmp
  mkdir -p "$dir"
  if ! release=$(curl -fsS --retry 2 --max-time 30 "$DEBIAN_MIRROR/dists/$suite/InRelease" 2>&1); then
    list=$(ls -t "$dir/$suite"@*.list 2>/dev/null | head -1)
    [ -n "$list" ] || { warn "Debian suite $suite unreachable ($release)" >&2; return 1; }
    warn "Debian suite $suite unreachable: using the list of Go releases from an earlier build" >&2
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
    xz -dc < "$tmp" | golang_packages "$suite" | sort -V > "$list.tmp" && mv "$list.tmp" "$list"
    rm -f "$tmp"
    find "$dir" -name "$suite@*.list" ! -path "$list" -delete
  fi
  cat "$list"
}

# go_releases STACK ARCH DIR: every Go release for the stack, newest
# build of each release line (a later suite wins a tie), oldest first.
go_releases() {
  local suite
  for suite in $(go_suites "$1"); do suite_index "$suite" "$2" "$3" || true; done \
    | awk '{ minor = $1; sub(/\.[0-9]+$/, "", minor); best[minor] = $0 } END { for (m in best) print best[m] }' \
    | sort -V
}

# install_go LINE DIR: unpacks the release described by LINE (a go_releases
# line) into DIR/<version> unless there already; prints its GOROOT. Other
# releases in DIR are removed (the cache holds the one the app uses).
install_go() {
  local version suite debver go_file go_sha src_file src_sha
  read -r version suite debver go_file go_sha src_file src_sha <<< "$1"
  local dir=$2 minor=${version%.*}
  local target="$dir/go$version-${debver//[^A-Za-z0-9.]/_}"
  local goroot="$target/usr/lib/go-$minor"
  if [ -x "$goroot/bin/go" ] && [ -f "$target/.complete" ]; then
    header "Using cached Go $version (Debian $suite golang-$minor $debver)" >&2
  else
    header "Installing Go $version (Debian $suite golang-$minor $debver)" >&2
    rm -rf "$target" "$target.tmp"; mkdir -p "$target.tmp"
    local started f file sum deb
    started=$(now)
    for f in go src; do
      if [ $f = go ]; then file=$go_file sum=$go_sha; else file=$src_file sum=$src_sha; fi
      deb="$target.tmp/$(basename "$file")"
      info "Downloading $DEBIAN_MIRROR/$file" >&2
      curl -fsS --retry 2 --max-time 300 -o "$deb" "$DEBIAN_MIRROR/$file" \
        || { rm -rf "$target.tmp"; fail "could not download $DEBIAN_MIRROR/$file"; }
      [ "$(sha256sum < "$deb" | cut -d' ' -f1)" = "$sum" ] \
        || { rm -rf "$target.tmp"; fail "$(basename "$file") does not match the checksum in Debian's $suite index"; }
      dpkg-deb -x "$deb" "$target.tmp" || { rm -rf "$target.tmp"; fail "could not unpack $(basename "$file")"; }
      rm -f "$deb"
    done
    # Go's own test suite is not needed to build apps (a third of the size).
    rm -rf "$target.tmp/usr/share/go-$minor/test" "$target.tmp/usr/share/doc"
    find "$target.tmp/usr/share/go-$minor/src" -type d -name testdata -prune -exec rm -rf {} + 2>/dev/null || true
    touch "$target.tmp/.complete"
    mv "$target.tmp" "$target"
    info "Unpacked in $(elapsed "$started") ($(size_of "$target"))" >&2
  fi
  find "$dir" -mindepth 1 -maxdepth 1 ! -path "$target" -exec rm -rf {} + 2>/dev/null || true
  local says
  says=$(GOROOT=$goroot GOTOOLCHAIN=local "$goroot/bin/go" version 2>&1) \
    || fail "Go $version from Debian $suite does not run on the $STACK stack: $(echo "$says" | head -2)$([ "$suite" = trixie ] && echo " (trixie's Go needs a trixie stack)")"
  echo "$goroot"
}
