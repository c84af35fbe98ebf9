# shellcheck shell=bash
# Go buildpack tests on this host, sourced by run.sh (its check/contains/build
# helpers): version picking over a fixed list of releases, go.mod and Debian
# index parsing, detection, a refusal and a GOPATH (.godir) build with a
# GOVERSION pin. Real builds of the samples run in container.sh.

echo "== Go: which release a go.mod gets (fixed list of releases, no network)"
go_fn() { bash -c "source '$BP/go/lib/version.sh'; $1" 2>&1; }
releases=$'1.19.8\n1.21.13\n1.22.12\n1.23.5\n1.24.4'
supported="supported here: Go 1.19.8, 1.21.13, 1.22.12, 1.23.5, 1.24.4"
# MIN|PIN|TOOLCHAIN|expected release, or "! text of the refusal"
while IFS='|' read -r min pin toolchain expected; do
  [[ -z $min$pin$toolchain$expected || $min == \#* ]] && continue
  got=$(bash -c "source '$BP/go/lib/version.sh'; pick_go \"\$1\" \"\$2\" \"\$3\" \"\$4\" \"\$5\" && echo \"\$PICKED\" || echo \"! \$REFUSAL\"" _ \
    "$releases" "$min" "$pin" "${pin:+the GOVERSION config var}" "$toolchain" 2>&1)
  what="go line '${min:--}', pin '${pin:--}', toolchain '${toolchain:--}'"
  if [[ $expected == '!'* ]]; then
    if [[ $got == "$expected"* ]]; then ok "$what: refused"; else ko "$what: refused with \"$expected\"" "$got"; fi
  elif [ "$got" = "$expected" ]; then ok "$what -> $expected"; else ko "$what -> $expected" "$got"; fi
done <<TABLE
|||1.24.4
1.22.3||1.23.1|1.24.4
1.22|||1.24.4
1.21rc1|||1.24.4
1.16|||1.24.4
1.24.4|||1.24.4
1.24.5|||! go.mod's go line asks for Go 1.24.5 or newer, newer than any Go here ($supported)
1.25|||! go.mod's go line asks for Go 1.25 or newer, newer than any Go here ($supported)
1.22.3||1.25.0|1.24.4
|go1.19||1.19.8
|1.21||1.21.13
|go1.22.3||1.22.12
1.21|go1.24|go1.23.1|1.24.4
|go1.23.6||! the GOVERSION config var asks for Go 1.23.6: the newest Go 1.23 here is 1.23.5 ($supported)
|go1.20||! the GOVERSION config var asks for Go 1.20: no Go 1.20 here ($supported)
1.22|go1.21||! the GOVERSION config var asks for Go 1.21, older than go.mod's go line (go 1.22) allows
|latest||! the GOVERSION config var asks for Go "latest", which is not a Go version
TABLE
note=$(bash -c "source '$BP/go/lib/version.sh'; pick_go \"\$1\" 1.22.3 '' '' 1.25.0; echo \"\$NOTE\"" _ "$releases")
if [[ $note == *"toolchain line (go1.25.0) asks for a newer Go than this stack has: building with Go 1.24.4 (GOTOOLCHAIN=local)"* ]]; then
  ok "a toolchain line newer than every release is a note, not a refusal (Go's GOTOOLCHAIN=local)"
else ko "a toolchain line newer than every release is a note" "$note"; fi
got=$(bash -c "source '$BP/go/lib/version.sh'; pick_go \"\$1\" '' go1.6 \"Godeps.json's GoVersion\" '' || echo \"\$REFUSAL\"" _ "$releases")
if [ "$got" = "Godeps.json's GoVersion asks for Go 1.6: no Go 1.6 here ($supported; the GOVERSION config var chooses one)" ]; then
  ok "an old Godeps GoVersion is refused with the way out"; else ko "an old Godeps GoVersion is refused with the way out" "$got"; fi

echo "== Go: go.mod directives and Debian's Packages index (fixtures, no network)"
mkdir -p "$WORK/src/gomod"
cat > "$WORK/src/gomod/go.mod" <<'MOD'
// +heroku goVersion go1.22
// +heroku install ./cmd/... ./tools/x
module example.com/x

go 1.22.3 // a comment

toolchain go1.23.1

require example.com/y v1.0.0
MOD
got=$(go_fn "m='$WORK/src/gomod/go.mod'; echo \"\$(go_directive \$m go)|\$(go_directive \$m toolchain)|\$(heroku_directive \$m goVersion)|\$(heroku_directive \$m install)\"")
if [ "$got" = "1.22.3|1.23.1|go1.22|./cmd/... ./tools/x" ]; then ok "go, toolchain and +heroku lines are read"; else ko "go, toolchain and +heroku lines are read" "$got"; fi
cat > "$WORK/Packages" <<'INDEX'
Package: golang-1.22-go
Version: 1.22.12-3~bpo12+1
Filename: pool/main/g/golang-1.22/golang-1.22-go_1.22.12-3~bpo12+1_amd64.deb
SHA256: aaa

Package: golang-1.22-src
Version: 1.22.12-3~bpo12+1
Filename: pool/main/g/golang-1.22/golang-1.22-src_1.22.12-3~bpo12+1_all.deb
SHA256: bbb

Package: golang-1.25-go
Version: 1.25~rc1-1
Filename: pool/main/g/golang-1.25/golang-1.25-go_1.25~rc1-1_amd64.deb
SHA256: ccc

Package: golang-1.25-src
Version: 1.25~rc1-1
Filename: pool/main/g/golang-1.25/golang-1.25-src_1.25~rc1-1_all.deb
SHA256: ddd

Package: golang-1.23-go
Version: 1.23.5-1~bpo12+1
Filename: pool/main/g/golang-1.23/golang-1.23-go_1.23.5-1~bpo12+1_amd64.deb
SHA256: eee

Package: golang-go
Version: 2:1.22~3
Filename: pool/main/g/golang-defaults/golang-go_1.22~3_amd64.deb
SHA256: fff
INDEX
got=$(bash -c "source '$BP/lib/output.sh'; source '$BP/lib/debian.sh'; source '$BP/go/lib/toolchain.sh'; golang_packages bookworm-backports < '$WORK/Packages'")
if [ "$got" = "1.22.12 bookworm-backports 1.22.12-3~bpo12+1 pool/main/g/golang-1.22/golang-1.22-go_1.22.12-3~bpo12+1_amd64.deb aaa pool/main/g/golang-1.22/golang-1.22-src_1.22.12-3~bpo12+1_all.deb bbb" ]; then
  ok "the index gives each release with its -go and -src packages (no prereleases, no -go without -src)"
else ko "the index gives each release with its -go and -src packages" "$got"; fi

echo "== Go: detect"
check "go detects go-mod-app" "$BP/go/bin/detect" "$SAMPLES/go-mod-app"
check "go detects go-gopath-app (Godeps)" "$BP/go/bin/detect" "$SAMPLES/go-gopath-app"
mkdir -p "$WORK/src/godir-app/cmd/tool"
echo "example.com/legacy/godir-app" > "$WORK/src/godir-app/.godir"
check "go detects a .godir app" "$BP/go/bin/detect" "$WORK/src/godir-app"
check "go does not detect node-app" bash -c "! '$BP/go/bin/detect' '$SAMPLES/node-app'"
check "nodejs and static do not detect go-mod-app" bash -c "! '$BP/nodejs/bin/detect' '$SAMPLES/go-mod-app' && ! '$BP/static/bin/detect' '$SAMPLES/go-mod-app'"

echo "== Go: a go line newer than any release is refused"
mkdir -p "$WORK/src/go-future"
printf 'module example.com/future\n\ngo 1.99.1\n' > "$WORK/src/go-future/go.mod"
echo 'package main; func main() {}' > "$WORK/src/go-future/main.go"
build go-future "$WORK/src/go-future"
check "exits non-zero" bash -c "! grep -qx 0 '$WORK/go-future.rc'"
contains "names the go line and the releases this stack has" "$WORK/go-future.log" "go.mod's go line asks for Go 1.99.1 or newer, newer than any Go here (supported here: Go 1.19."
contains "and names the failing step" "$WORK/go-future.log" "go compile failed"
lacks "downloads no toolchain" "$WORK/go-future.log" "Downloading"

echo "== Go: a .godir app (GOPATH mode) pinned by the GOVERSION config var"
cat > "$WORK/src/godir-app/main.go" <<'GO'
package main

import (
	"fmt"
	"runtime"

	"example.com/legacy/godir-app/version"
)

func main() { fmt.Println("godir-app", version.Of(runtime.Version())) }
GO
mkdir -p "$WORK/src/godir-app/version"
printf 'package version\n\nfunc Of(v string) string { return "built with " + v }\n' > "$WORK/src/godir-app/version/version.go"
printf 'package main\n\nfunc main() {}\n' > "$WORK/src/godir-app/cmd/tool/main.go"
mkdir -p "$WORK/env-godir"; echo "go1.21" > "$WORK/env-godir/GOVERSION"
build godir "$WORK/src/godir-app"
check "build succeeds" rc_is godir 0
contains "says the layout and import path" "$WORK/godir.log" "Go app: .godir (GOPATH mode, import path example.com/legacy/godir-app)"
contains "GOVERSION go1.21 picks the newest 1.21" "$WORK/godir.log" "Go 1.21.13: the newest Go 1.21, as the GOVERSION config var asks (1.21)"
contains "installs it from bookworm-backports" "$WORK/godir.log" "Installing Go 1.21.13 (Debian bookworm-backports golang-1.21"
contains "builds every command" "$WORK/godir.log" "go install -trimpath -ldflags=\"-s -w\" example.com/legacy/godir-app example.com/legacy/godir-app/cmd/tool"
check "bin/godir-app is a static binary that runs" bash -c "'$WORK/godir/app/bin/godir-app' | grep -qx 'godir-app built with go1.21.13' && ! ldd '$WORK/godir/app/bin/godir-app' >/dev/null 2>&1"
check "bin/tool is built too" test -x "$WORK/godir/app/bin/tool"
contains "release: web runs the command named after the import path" "$WORK/godir/app/.paas/release.yml" "web: godir-app"
contains ".profile.d puts bin/ on PATH" "$WORK/godir/app/.profile.d/go.sh" 'export PATH="$HOME/bin:$PATH"'
check "the toolchain is cached per app" bash -c "ls -d '$WORK'/cache-godir/go/toolchain/go1.21.13-*/usr/lib/go-1.21/bin/go"
check "the source is not left compiled in place (GOPATH is a copy)" test ! -e "$WORK/godir/app/src"

echo "== Go: modules through the GOPROXY config var (a module proxy served from this host)"
# The Go module proxy protocol is plain files: list, .info, .mod and .zip per version.
proxy="$WORK/goproxy/example.com/greeting/@v"
mkdir -p "$proxy"
echo v1.0.0 > "$proxy/list"
echo '{"Version":"v1.0.0","Time":"2024-01-02T03:04:05Z"}' > "$proxy/v1.0.0.info"
printf 'module example.com/greeting\n\ngo 1.21\n' > "$proxy/v1.0.0.mod"
python3 - "$proxy/v1.0.0.zip" "$SAMPLES/go-mod-app/vendor/example.com/greeting/greeting.go" "$proxy/v1.0.0.mod" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.write(sys.argv[2], "example.com/greeting@v1.0.0/greeting.go")
    z.write(sys.argv[3], "example.com/greeting@v1.0.0/go.mod")
PY
proxy_port=$(free_port)
python3 -m http.server --bind 127.0.0.1 --directory "$WORK/goproxy" "$proxy_port" > "$WORK/goproxy.log" 2>&1 &
server_pid=$!
cp -a "$SAMPLES/go-mod-app" "$WORK/src/go-proxied"
rm -rf "$WORK/src/go-proxied/vendor"
sed -i 's/^go 1.22.3$/go 1.21/; /^toolchain/d' "$WORK/src/go-proxied/go.mod"
# go.sum as the app's author would commit it (Go computes it, from the same proxy).
gobin=$(ls -d "$WORK"/cache-godir/go/toolchain/go1.21.*/usr/lib/go-1.21/bin/go)
for _ in $(seq 1 25); do curl -fs "http://127.0.0.1:$proxy_port/example.com/greeting/@v/list" >/dev/null && break; sleep 0.2; done
(cd "$WORK/src/go-proxied" && GOROOT=${gobin%/bin/go} GOTOOLCHAIN=local GOPROXY="http://127.0.0.1:$proxy_port" GOSUMDB=off \
  GOPATH="$WORK/gopath-sum" GOFLAGS=-modcacherw "$gobin" mod download -json example.com/greeting@v1.0.0 \
  | jq -r '"example.com/greeting v1.0.0 \(.Sum)\nexample.com/greeting v1.0.0/go.mod \(.GoModSum)"' > go.sum)
mkdir -p "$WORK/env-go-proxied"
echo "http://127.0.0.1:$proxy_port" > "$WORK/env-go-proxied/GOPROXY"
echo "go1.21" > "$WORK/env-go-proxied/GOVERSION"
zips_before=$(grep -c 'GET /example.com/greeting/@v/v1.0.0.zip' "$WORK/goproxy.log")
CACHE_NAME=godir build go-proxied "$WORK/src/go-proxied"
kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=
check "build succeeds" rc_is go-proxied 0
contains "says which proxy" "$WORK/go-proxied.log" "-----> Downloading modules (GOPROXY=http://127.0.0.1:$proxy_port)"
check "the build fetched the module from that proxy" test "$(grep -c 'GET /example.com/greeting/@v/v1.0.0.zip' "$WORK/goproxy.log")" -gt "$zips_before"
contains "and the build used it" "$WORK/go-proxied.log" "bin/web ("
check "modules are cached per app, writable (purgeable)" bash -c "f=\$(ls -d '$WORK'/cache-godir/go/path/pkg/mod/example.com/greeting@v1.0.0/greeting.go) && [ -w \"\$f\" ]"
contains "release: web runs the only command, bin/web" "$WORK/go-proxied/app/.paas/release.yml" "web: web"
