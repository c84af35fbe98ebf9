#!/usr/bin/env bash
# Builds the stack images from Debian packages and imports them into Podman:
#   paas/stack-build:<stack>  minbase + tools the buildpacks use (no compilers)
#   paas/stack-run:<stack>    minbase + ca-certificates, busybox, nginx (static sites) and paas-launch
#   paas/stack-dockerfile:<stack>  minbase + buildah (and netavark, which its dependencies require): the builder runs Dockerfile builds with it, in a
#                             container in the builds' user namespace (local only, never pushed)
#
# usage: build.sh [build]          ensure both images exist locally
#        build.sh push REGISTRY    ensure them, then push to REGISTRY (host:port)
#        build.sh seed DIR         fill DIR, the empty storage directory of a registry that is
#                                  not running yet, with both images (a copy of a cached seed:
#                                  much faster than a push, which compresses ~250 MB each time)
#
# Root file systems are cached as tarballs in ${PAAS_CACHE:-~/.cache/paas}/stacks,
# keyed by a fingerprint of the recipe, so a CI cache of that folder makes builds warm.
# PAAS_STACK_REBUILD=1 ignores the cache and the existing images.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../lib/common.sh
. "$HERE/../lib/common.sh"

STACK=${PAAS_STACK:-bookworm}
MIRROR=${PAAS_DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${PAAS_CACHE:-$HOME/.cache/paas}/stacks
REBUILD=${PAAS_STACK_REBUILD:-0}
IMAGE_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
# Bump when the way a root file system is made changes (not the package lists:
# those are part of the fingerprint already).
RECIPE_VERSION=1

# Comma-separated, as debootstrap --include takes them.
# shellcheck disable=SC2054
declare -A PACKAGES=(
  [build]=bash,ca-certificates,curl,jq,git,tar,gzip,xz-utils,busybox
  [run]=ca-certificates,busybox,nginx
  [dockerfile]=bash,ca-certificates,tar,buildah,netavark
)

# Trixie's apt verifies with sqv, so its minbase lacks the gpgv the buildpacks check Debian's
# InRelease with (buildpacks/lib/debian.sh). Added for stacks after bookworm only: bookworm's
# list, and so its images' fingerprints, stay as they are.
[[ $STACK == bookworm ]] || PACKAGES[build]+=,gpgv

image_name() { echo "paas/stack-$1:$STACK"; }

# fingerprint KIND: changes whenever the image KIND would come out different.
fingerprint() {
  {
    echo "recipe=$RECIPE_VERSION stack=$STACK kind=$1 packages=${PACKAGES[$1]}"
    if [[ $1 == run ]]; then cat "$HERE/paas-launch"; fi
  } | sha256sum | cut -c1-16
}

tarball() { echo "$CACHE/stack-$1-$STACK-$(fingerprint "$1").tar.gz"; }

# unmount_under DIR: debootstrap mounts /proc and /sys in the target; a failed
# run can leave them behind.
unmount_under() {
  local m
  awk -v d="$1/" 'index($2, d) == 1 {print $2}' /proc/self/mounts | sort -r |
    while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

# make_rootfs KIND DIR: debootstrap and trim a root file system for KIND.
make_rootfs() {
  local kind=$1 root=$2
  mkdir -p "$CACHE/debs"
  debootstrap --variant=minbase --include="${PACKAGES[$kind]}" \
    --cache-dir="$CACHE/debs" "$STACK" "$root" "$MIRROR" >"$root.log" 2>&1 ||
    { tail -n 20 "$root.log" >&2; die "debootstrap of the $kind stack failed (full log: $root.log)"; }
  unmount_under "$root"

  # Package lists and caches are useless in an image; docs too (copyrights stay).
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
    "$root"/var/log/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
  find "$root/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete 2>/dev/null || true
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
  # The engine provides these per container; the build host's must not leak in.
  : >"$root/etc/resolv.conf"
  : >"$root/etc/hostname"
  rm -rf "${root:?}"/dev/* "$root"/proc/* "$root"/sys/* "$root"/tmp/* "$root"/run/*

  if [[ $kind == run ]]; then
    install -m 0755 "$HERE/paas-launch" "$root/usr/local/bin/paas-launch"
    mkdir -p "$root/app"
  fi
}

# ensure_tarball KIND: path of the cached root file system, built when missing.
ensure_tarball() {
  local kind=$1 out tmp t0
  out=$(tarball "$kind")
  if [[ -s $out && $REBUILD != 1 ]]; then echo "$out"; return; fi
  t0=$(now_ms)
  step "debootstrap $STACK ($kind): ${PACKAGES[$kind]}"
  tmp=$(mktemp -d "$CACHE/.rootfs-$kind.XXXXXX")
  # shellcheck disable=SC2064
  trap "unmount_under '$tmp'; rm -rf '$tmp'" EXIT
  make_rootfs "$kind" "$tmp/root"
  tar --numeric-owner -C "$tmp/root" --use-compress-program='gzip -1' -cf "$tmp/rootfs.tar.gz" .
  # Older tarballs of this kind are stale now: keep only the new one.
  rm -f "$CACHE/stack-$kind-$STACK-"*.tar.gz
  mv "$tmp/rootfs.tar.gz" "$out"
  rm -rf "$tmp"
  trap - EXIT
  log "    $kind rootfs: $(du -h "$out" | cut -f1) compressed, built in $(elapsed "$t0")"
  echo "$out"
}

local_fingerprint() {
  podman image inspect --format '{{ index .Config.Labels "paas.stack.fingerprint" }}' \
    "$(image_name "$1")" 2>/dev/null || true
}

# ensure_image KIND: import the image unless Podman has it from the same recipe.
ensure_image() {
  local kind=$1 fp name tar t0
  fp=$(fingerprint "$kind")
  name=$(image_name "$kind")
  if [[ $REBUILD != 1 ]] && podman image exists "$name" && [[ $(local_fingerprint "$kind") == "$fp" ]]; then
    return
  fi
  tar=$(ensure_tarball "$kind")
  t0=$(now_ms)
  local changes=(
    --change "ENV PATH=$IMAGE_PATH"
    --change "ENV LANG=C.UTF-8"
    --change "LABEL paas.stack=$STACK"
    --change "LABEL paas.stack.kind=$kind"
    --change "LABEL paas.stack.fingerprint=$fp"
  )
  if [[ $kind == run ]]; then
    changes+=(--change "ENV HOME=/app" --change "WORKDIR /app"
              --change 'ENTRYPOINT ["/usr/local/bin/paas-launch"]')
  fi
  podman import -q "${changes[@]}" --message "paas stack $STACK ($kind)" "$tar" "$name" >/dev/null
  step "imported $name in $(elapsed "$t0")"
}

# remote_fingerprint REGISTRY KIND: the fingerprint label of the image in the
# registry, empty when it is missing (or was not made by this script).
remote_fingerprint() {
  local base="http://$1/v2/paas/stack-$2" digest
  digest=$(curl -fsS "$base/manifests/$STACK" \
      -H 'Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json' \
      2>/dev/null | jq -r '.config.digest // empty' 2>/dev/null) || true
  [[ -n $digest ]] || return 0
  curl -fsSL "$base/blobs/$digest" 2>/dev/null |
    jq -r '.config.Labels["paas.stack.fingerprint"] // empty' 2>/dev/null || true
}

push_image() {
  local registry=$1 kind=$2 fp target t0
  fp=$(fingerprint "$kind")
  target="$registry/paas/stack-$kind:$STACK"
  if [[ $REBUILD != 1 && $(remote_fingerprint "$registry" "$kind") == "$fp" ]]; then
    return
  fi
  ensure_image "$kind"
  t0=$(now_ms)
  # v2s2 is the format every client reads as a base image (Jib included).
  podman push -q --tls-verify=false --format v2s2 "$(image_name "$kind")" "docker://$target" >/dev/null
  step "pushed $target in $(elapsed "$t0")"
}

# The seed: the storage of a registry holding both images, kept in the cache.
seed_dir() { echo "$CACHE/registry-seed-$STACK-$(fingerprint build)-$(fingerprint run)"; }

ensure_seed() {
  local dir tmp port pid
  dir=$(seed_dir)
  [[ -d $dir/docker && $REBUILD != 1 ]] && return
  tmp=$(mktemp -d "$CACHE/.seed.XXXXXX")
  port=$(free_port)
  cat >"$tmp/registry.yml" <<YML
version: 0.1
log: {level: error, accesslog: {disabled: true}}
storage: {filesystem: {rootdirectory: $tmp/data}}
http: {addr: 127.0.0.1:$port}
YML
  docker-registry serve "$tmp/registry.yml" >"$tmp/registry.log" 2>&1 &
  pid=$!
  # shellcheck disable=SC2064
  trap "kill $pid 2>/dev/null; rm -rf '$tmp'" EXIT
  wait_until 30 curl -fs -o /dev/null "http://127.0.0.1:$port/v2/" ||
    die "the seed registry did not start: $(tail -n 5 "$tmp/registry.log")"
  push_image "127.0.0.1:$port" build
  push_image "127.0.0.1:$port" run
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$CACHE"/registry-seed-"$STACK"-*
  mv "$tmp/data" "$dir"
  rm -rf "$tmp"
  trap - EXIT
}

# seed_into DIR: blobs are content-addressed and never rewritten, so hard links are safe (and
# instant on the same file system); the small tag/link files are copied, since a registry
# rewrites those in place.
seed_into() {
  local target=$1 src; src=$(seed_dir)/docker/registry/v2
  if [[ -n $(ls -A "$target" 2>/dev/null) ]]; then
    log "    $target is not empty: not seeding it"; return
  fi
  ensure_seed
  mkdir -p "$target/docker/registry/v2"
  cp -al "$src/blobs" "$target/docker/registry/v2/" 2>/dev/null ||
    cp -a "$src/blobs" "$target/docker/registry/v2/"
  cp -a "$src/repositories" "$target/docker/registry/v2/"
}

need() {
  local c missing=()
  for c in "$@"; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
  ((${#missing[@]} == 0)) || die "missing commands: ${missing[*]} (apt-get install -y podman debootstrap jq curl)"
}

main() {
  local cmd=${1:-build}
  need podman debootstrap curl jq flock tar gzip docker-registry
  [[ $(id -u) == 0 ]] || die "building the stack images needs root (debootstrap)"
  mkdir -p "$CACHE"
  # Two platforms starting at once must not debootstrap the same stack twice.
  exec 9>"$CACHE/.lock"
  flock 9
  case $cmd in
    build)
      ensure_image build
      ensure_image run
      ensure_image dockerfile
      ;;
    push)
      [[ -n ${2:-} ]] || die "usage: $0 push REGISTRY   (e.g. 127.0.0.1:7150)"
      push_image "$2" build
      push_image "$2" run
      ;;
    seed)
      [[ -n ${2:-} ]] || die "usage: $0 seed REGISTRY_STORAGE_DIR"
      seed_into "$2"
      ;;
    *) die "usage: $0 [build] | push REGISTRY | seed DIR" ;;
  esac
}

main "$@"
