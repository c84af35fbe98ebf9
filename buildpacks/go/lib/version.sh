# shellcheck shell=bash
# Which Go an app asks for, and which of the Go releases this stack has it
# gets. Pure functions over a list of versions (tested in test/run.sh).

# go_directive GO_MOD NAME: the argument of a go.mod directive ("go",
# "toolchain"), without a "go" prefix.
go_directive() {
  sed -n -E "s/^[[:space:]]*$2[[:space:]]+(go)?([^[:space:]/]+).*/\\2/p" "$1" 2>/dev/null | head -1
}

# heroku_directive GO_MOD NAME: Heroku's comment directives in go.mod, as in
# "// +heroku goVersion go1.22" or "// +heroku install ./cmd/...".
heroku_directive() {
  sed -n -E "s|^[[:space:]]*//[[:space:]]*\\+heroku[[:space:]]+$2[[:space:]]+(.*)$|\\1|p" "$1" 2>/dev/null \
    | head -1 | sed 's/[[:space:]]*$//'
}

# go_version_ok V: a Go version as users write it: 1.22, 1.22.3, go1.22, 1.21rc1.
go_version_ok() { [[ ${1#go} =~ ^[1-9][0-9]*\.[0-9]+(\.[0-9]+|(rc|beta)[0-9]+)?$ ]]; }

# go_release V: V as a release number to compare: 1.22 -> 1.22.0, go1.21rc1 -> 1.21.0
# (Debian ships final releases only, which satisfy their own prereleases).
go_release() {
  local v=${1#go}
  v=${v%%rc*}; v=${v%%beta*}
  [[ $v =~ ^[0-9]+\.[0-9]+$ ]] && v=$v.0
  echo "$v"
}

# version_ge A B: release A is B or newer.
version_ge() { [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$2" ]; }

# go_minor V: 1.22.3 -> 1.22
go_minor() { local v=${1#go}; v=$(go_release "$v"); echo "${v%.*}"; }

# pick_go AVAILABLE MIN PIN PIN_SOURCE TOOLCHAIN: chooses from AVAILABLE (Go
# releases, one per line) the newest release that builds a module whose go
# line is MIN (a minimum: newer toolchains build older modules). PIN (from
# GOVERSION, "+heroku goVersion" or Godeps.json) chooses a release line instead:
# go1.22 is the newest 1.22.x, go1.22.3 that or a later patch. TOOLCHAIN (the
# go.mod toolchain line) only earns a note when nothing that new is here:
# builds run with GOTOOLCHAIN=local, as Go itself does then.
# Sets PICKED and NOTE; on refusal returns 1 with the reason in REFUSAL.
pick_go() {
  local available min=${2:+$(go_release "$2")} pin=$3 pin_source=$4 toolchain=${5:+$(go_release "$5")}
  available=$(printf '%s\n' "$1" | grep -E '^[0-9]' | sort -V)
  local supported
  supported="supported here: Go $(printf '%s\n' "$available" | paste -sd, | sed 's/,/, /g')"
  # An old Godeps.json or go.mod comment may name a Go long gone: say how to choose another.
  [ -z "$pin" ] || [[ $pin_source == *GOVERSION* ]] || supported="$supported; the GOVERSION config var chooses one"
  PICKED='' NOTE='' REFUSAL=''
  if [ -n "$pin" ]; then
    if ! go_version_ok "$pin"; then
      REFUSAL="$pin_source asks for Go \"$pin\", which is not a Go version (write it as go1.22 or go1.22.3; $supported)"
      return 1
    fi
    local line want
    line=$(go_minor "$pin") want=$(go_release "$pin")
    PICKED=$(printf '%s\n' "$available" | grep -E "^${line//./\\.}\\." | tail -1)
    if [ -z "$PICKED" ]; then
      REFUSAL="$pin_source asks for Go ${pin#go}: no Go $line here ($supported)"
      return 1
    fi
    if ! version_ge "$PICKED" "$want"; then
      REFUSAL="$pin_source asks for Go ${pin#go}: the newest Go $line here is $PICKED ($supported)"
      PICKED=''
      return 1
    fi
    if [ -n "$min" ] && ! version_ge "$PICKED" "$min"; then
      REFUSAL="$pin_source asks for Go ${pin#go}, older than go.mod's go line (go $2) allows ($supported)"
      PICKED=''
      return 1
    fi
    NOTE="Go $PICKED: the newest Go $line, as $pin_source asks (${pin#go})"
  else
    PICKED=$(printf '%s\n' "$available" | tail -1)
    if [ -n "$min" ] && ! version_ge "$PICKED" "$min"; then
      REFUSAL="go.mod's go line asks for Go $2 or newer, newer than any Go here ($supported)"
      PICKED=''
      return 1
    fi
    if [ -n "$min" ]; then
      NOTE="Go $PICKED: the newest here, for go.mod's go line (go $2, a minimum)"
    else
      NOTE="Go $PICKED: the newest here (no version asked)"
    fi
  fi
  if [ -n "$toolchain" ] && ! version_ge "$PICKED" "$toolchain"; then
    NOTE="$NOTE; go.mod's toolchain line (go$5) asks for a newer Go than this stack has: building with Go $PICKED (GOTOOLCHAIN=local)"
  fi
  return 0
}
