# shellcheck shell=bash
# Go toolchains from Debian's archive (fetched and checked by ../../lib/debian.sh).

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
  debian_packages '^golang-1[.][0-9]+-(go|src)$' | awk -v suite="$1" '
    { kind = $1 ~ /-go$/ ? "go" : "src"; file[kind, $2] = $3; sha[kind, $2] = $4; if (kind == "go") vers[$2] = 1 }
    END {
      for (v in vers) {
        if (!(("src", v) in file)) continue
        up = v; sub(/^[0-9]+:/, "", up); sub(/-[^-]*$/, "", up)
        if (up !~ /^[0-9]+\.[0-9]+\.[0-9]+$/) continue
        print up, suite, v, file["go", v], sha["go", v], file["src", v], sha["src", v]
      }
    }'
}

# go_releases STACK ARCH DIR: every Go release for the stack, newest
# build of each release line (a later suite wins a tie), oldest first.
go_releases() {
  local suite
  for suite in $(go_suites "$1"); do debian_index "$suite" "$2" "$3" golang_packages || true; done \
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
    local started
    started=$(now)
    debian_unpack "$go_file" "$go_sha" "$suite" "$target.tmp"
    debian_unpack "$src_file" "$src_sha" "$suite" "$target.tmp"
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
