#!/usr/bin/env bash
# Starts, stops and shows the whole paas platform on one machine:
# a private Podman service, a registry, the stack images, controller, builder and router.
#
# usage: infra/platform.sh start|stop|status|restart
#                                        restart: the controller and builder restart, a new router takes over the
#                                        old one's ports; app containers, engine and registry keep running. A start
#                                        after a `git pull` rebuilds and replaces the services the same way.
#        infra/platform.sh setup         only the Debian packages and the stack images (for tests)
#        infra/platform.sh stack NAME    build another stack's images (e.g. trixie) and push them to the
#                                        running platform's registry: apps may then `paas stack:set NAME`
#        infra/platform.sh start-infra   only Podman service, registry and stack images
#        infra/platform.sh env           settings as shell exports: eval "$(infra/platform.sh env)"
#        infra/platform.sh service       a systemd unit that starts the platform at boot (and enables it)
#        infra/platform.sh backup DIR    the database, secrets, settings, git repositories and images
#        infra/platform.sh restore DIR   a backup into a PAAS_HOME without a database; then start
#
# Settings come from the environment (see infra/PLATFORM.md) and are saved in
# $PAAS_HOME/platform.env for the next start, stop and status. Ports of 0 mean "any free port".
# Other knobs: PAAS_REBUILD=1 (rebuild the Maven project), PAAS_KEEP_CONTAINERS=1 (stop leaves
# the app containers; by default stop removes them), PAAS_REMOVE_IMAGES=1 (stop also drops the
# "$PAAS_REGISTRY/..." image names from the shared store), PAAS_NO_GLOBAL_BIN=1 (no
# /usr/local/bin/paas link), PAAS_JAVA_OPTS (extra JVM options for the three services).
# Nothing is written to /etc (but by `service`): two platforms run side by side with different PAAS_HOME, ports
# and PAAS_PLATFORM_ID.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=lib/common.sh
. "$REPO/infra/lib/common.sh"
# shellcheck source=lib/settings.sh
. "$REPO/infra/lib/settings.sh"
# shellcheck source=lib/procs.sh
. "$REPO/infra/lib/procs.sh"
# shellcheck source=lib/engine.sh
. "$REPO/infra/lib/engine.sh"

CONTROLLER_JAR=$REPO/controller/target/quarkus-app/quarkus-run.jar
BUILDER_JAR=$REPO/builder/target/paas-builder.jar
ROUTER_JAR=$REPO/router/target/paas-router.jar
CLI_JAR=$REPO/cli/target/paas-cli.jar

# command -> Debian package that provides it
declare -A PACKAGE_OF=(
  [podman]=podman [runc]=runc [docker-registry]=docker-registry [debootstrap]=debootstrap
  [catatonit]=catatonit [newuidmap]=uidmap [slirp4netns]=slirp4netns [iptables]=iptables
  [multilog]=daemontools [ss]=iproute2 [jq]=jq [curl]=curl [git]=git [setsid]=util-linux [flock]=util-linux
  [java]=openjdk-17-jdk-headless [mvn]=maven
)

# ---------------------------------------------------------------- prerequisites

ensure_commands() {
  local c pkgs=() missing=()
  for c in "${!PACKAGE_OF[@]}"; do
    command -v "$c" >/dev/null 2>&1 && continue
    [[ -x /usr/sbin/$c || -x /sbin/$c ]] && continue
    missing+=("$c")
    [[ " ${pkgs[*]} " == *" ${PACKAGE_OF[$c]} "* ]] || pkgs+=("${PACKAGE_OF[$c]}")
  done
  ((${#missing[@]} == 0)) && return
  if [[ $(id -u) != 0 ]]; then
    die "missing commands: ${missing[*]}; install them as root: apt-get install -y ${pkgs[*]}"
  fi
  step "installing ${pkgs[*]} (missing: ${missing[*]})"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null
}

# The product's Maven modules: what the start command builds and runs (never the tests).
PRODUCT_MODULES=controller/client,engine,web-console,controller,builder,router,cli

# stale_jar: prints the first launcher jar that is missing or older than a source or build file
# of the project (after a `git pull`, the files it changed are newer than the jars).
stale_jar() {
  local jar oldest=""
  for jar in "$CONTROLLER_JAR" "$BUILDER_JAR" "$ROUTER_JAR" "$CLI_JAR"; do
    [[ -f $jar ]] || { echo "$jar (missing)"; return; }
    [[ -z $oldest || $jar -ot $oldest ]] && oldest=$jar
  done
  local newer module paths=(pom.xml)
  for module in ${PRODUCT_MODULES//,/ }; do paths+=("$module/pom.xml" "$module/src/main"); done
  newer=$(cd "$REPO" && find "${paths[@]}" -type f -newer "$oldest" -print -quit 2>/dev/null)
  [[ -n $newer ]] && echo "$oldest (older than $newer)"
  return 0
}

ensure_jars() {
  local why
  why=$(stale_jar)
  if [[ -z $why && ${PAAS_REBUILD:-0} != 1 ]]; then return; fi
  [[ -n $why ]] || why="PAAS_REBUILD=1"
  command -v mvn >/dev/null 2>&1 || die "the launchers are not built and mvn is missing (apt-get install -y maven)"
  local t0; t0=$(now_ms)
  # maven.test.skip: the start command neither compiles nor runs tests; infra/test.sh does.
  step "building the platform: mvn -B -q -Dmaven.test.skip=true -pl $PRODUCT_MODULES package ($why)"
  (cd "$REPO" && mvn -B -q -Dmaven.test.skip=true -pl "$PRODUCT_MODULES" package) || die "the Maven build failed"
  # A module with nothing to rebuild keeps its jar's time: mark the build as done.
  touch "$CONTROLLER_JAR" "$BUILDER_JAR" "$ROUTER_JAR" "$CLI_JAR"
  log "    built in $(elapsed "$t0")"
}

# ensure_tokens: one secret per service, each with only the rights that service uses (the
# builder's checks pushes and records builds, the router's reads routes); the controller holds both.
ensure_tokens() {
  mkdir -p "$PAAS_HOME/secrets"
  chmod 0700 "$PAAS_HOME/secrets"
  local name f
  for name in builder router; do
    f=$PAAS_HOME/secrets/$name-token
    if [[ ! -s $f ]]; then
      (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$f")
    fi
    chmod 0600 "$f"
  done
  rm -f "$PAAS_HOME/secrets/service-token"  # the one shared secret of earlier versions
  PAAS_BUILDER_TOKEN=$(<"$PAAS_HOME/secrets/builder-token")
  PAAS_ROUTER_TOKEN=$(<"$PAAS_HOME/secrets/router-token")
}

# allow_request_migration: when a router hands its ports to a new one and closes its listening sockets,
# the kernel moves the connections waiting in their queues to the new router's sockets instead of
# resetting them (Linux 5.14+; a setting of the machine's network namespace, harmless to others).
allow_request_migration() {
  local knob=/proc/sys/net/ipv4/tcp_migrate_req
  [[ -e $knob ]] || { warn "this kernel has no $knob: a router restart may reset the few connections arriving at that instant"; return 0; }
  [[ $(<"$knob") == 1 ]] || echo 1 >"$knob" 2>/dev/null ||
    warn "cannot set $knob: a router restart may reset the few connections arriving at that instant"
}

# ---------------------------------------------------------------- Java services

# java_env: the environment of the Java services (infra/PLATFORM.md), as env(1) arguments.
java_env() {
  JAVA_ENV=(PAAS_HOME="$PAAS_HOME" PAAS_PLATFORM_ID="$PAAS_PLATFORM_ID" PAAS_BIND="$PAAS_BIND" \
    PAAS_DOMAIN="$PAAS_DOMAIN" PAAS_STACK="$PAAS_STACK" \
    PAAS_CONTROLLER_PORT="$PAAS_CONTROLLER_PORT" PAAS_BUILDER_PORT="$PAAS_BUILDER_PORT" \
    PAAS_BUILDER_SSH_PORT="$PAAS_BUILDER_SSH_PORT" PAAS_BUILDER_SSH_URL="$PAAS_BUILDER_SSH_URL" \
    PAAS_ROUTER_PORT="$PAAS_ROUTER_PORT" PAAS_REGISTRY_PORT="$PAAS_REGISTRY_PORT" \
    PAAS_ROUTER_TLS_PORT="$PAAS_ROUTER_TLS_PORT" PAAS_ROUTER_ADMIN_PORT="$PAAS_ROUTER_ADMIN_PORT" \
    PAAS_CONTROLLER_ADMIN_PORT="$PAAS_CONTROLLER_ADMIN_PORT" PAAS_BUILDER_ADMIN_PORT="$PAAS_BUILDER_ADMIN_PORT" \
    PAAS_CONTROLLER_URL="$PAAS_CONTROLLER_URL" PAAS_ROUTER_URL="$PAAS_ROUTER_URL" \
    PAAS_BUILDER_URL="$PAAS_BUILDER_URL" \
    PAAS_DOCKER_HOST="$PAAS_DOCKER_HOST" PAAS_REGISTRY="$PAAS_REGISTRY" PAAS_APP_NETWORK="$PAAS_APP_NETWORK" \
    PAAS_BUILDPACKS_DIR="$REPO/buildpacks" PAAS_BUILDPACK_ALLOWED_HOSTS="$PAAS_BUILDPACK_ALLOWED_HOSTS" \
    PAAS_BUILD_CONCURRENCY="$PAAS_BUILD_CONCURRENCY" \
    PAAS_BUILD_CACHE_MAX="$PAAS_BUILD_CACHE_MAX" PAAS_SLUG_MAX="$PAAS_SLUG_MAX" PAAS_GIT_PACK_MAX="$PAAS_GIT_PACK_MAX" \
    PAAS_BUILD_MIN_FREE="$PAAS_BUILD_MIN_FREE" \
    PAAS_RUN_LIMIT="$PAAS_RUN_LIMIT" PAAS_RUN_TIMEOUT="$PAAS_RUN_TIMEOUT" PAAS_RUN_MEMORY="$PAAS_RUN_MEMORY" \
    PAAS_RUN_CPU="$PAAS_RUN_CPU" PAAS_RELEASES_KEPT="$PAAS_RELEASES_KEPT" PAAS_REGISTRY_GC_INTERVAL="$PAAS_REGISTRY_GC_INTERVAL" \
    PAAS_ACME_DIRECTORY="$PAAS_ACME_DIRECTORY" PAAS_ACME_EMAIL="$PAAS_ACME_EMAIL" PAAS_ACME_CA_CERT="$PAAS_ACME_CA_CERT" \
    PAAS_ACME_RENEW_DAYS="$PAAS_ACME_RENEW_DAYS" PAAS_ACME_CHECK_INTERVAL="$PAAS_ACME_CHECK_INTERVAL" \
    PAAS_ROUTER_BIND="$PAAS_ROUTER_BIND" PAAS_API_HOST="$PAAS_API_HOST" PAAS_GIT_HOST="$PAAS_GIT_HOST" \
    PAAS_TLS_CERT="$PAAS_TLS_CERT" PAAS_TLS_KEY="$PAAS_TLS_KEY" \
    CONTAINERS_CONF="$CONTAINERS_CONF" CONTAINERS_REGISTRIES_CONF="$CONTAINERS_REGISTRIES_CONF" \
    MALLOC_ARENA_MAX=2)
}

# Markers: what the command line of each of our processes holds (see infra/lib/procs.sh).
# The -Dpaas.home option tells this platform's JVMs from another platform's.
java_marker() { echo "-Dpaas.home=$PAAS_HOME "; }

# snapshot NAME JAR: copies the launcher JAR and what lies beside it (lib/, or the whole
# quarkus-app) to a new $PAAS_HOME/dist/NAME.<time> and prints the copy's path. A running JVM loads
# classes lazily from its jars: rebuilding the project under it would break it mid-request, and so
# would a new copy in its place while it drains (the router hands over to a new one while it runs).
snapshot() {
  local name=$1 jar=$2 src dist
  dist=$PAAS_HOME/dist/$name.$(date +%s%N)
  src=$(dirname "$jar")
  mkdir -p "$dist.new"
  if [[ $name == controller ]]; then
    cp -a "$src/." "$dist.new/"
  else
    cp -a "$jar" "$dist.new/"
    [[ -d $src/lib ]] && cp -a "$src/lib" "$dist.new/"
  fi
  mv "$dist.new" "$dist"
  echo "$dist/$(basename "$jar")"
}

# prune_snapshots NAME: removes NAME's snapshots but the one its running process uses.
prune_snapshots() {
  local name=$1 pid keep="" d
  pid=$(running "$name" "$(java_marker)") && keep=$(dirname "$(jar_of "$pid")")
  for d in "$PAAS_HOME/dist/$name" "$PAAS_HOME/dist/$name".*; do
    [[ -e $d && $d != "$keep" ]] && rm -rf "$d"
  done
  return 0
}

# jar_of PID: the jar a running service was started from (its snapshot).
jar_of() {
  local arg prev=""
  while IFS= read -r -d '' arg; do
    [[ $prev == -jar ]] && { echo "$arg"; return; }
    prev=$arg
  done <"/proc/$1/cmdline"
  return 1
}

# start_java NAME HEAP JAR
# LEAN_JVM: for the controller and the builder, whose work is I/O-bound: the C1 compiler alone,
# a small code cache and a heap that shrinks back after work keep the idle platform under 500 MB.
# -Xms matters: left out, it defaults to 1/64 of the machine's memory, capped at -Xmx, and the
# heap never shrinks below it.
# The router keeps C2: it is on every request's path.
# SMALL_IO_CACHE, for all three: the JDK keeps, per thread, a native copy of the largest heap buffer
# that thread ever read a file or socket into (reading a whole app log of megabytes left 26 MB of
# them in an idle controller); only buffers up to 256 KB are kept now.
SMALL_IO_CACHE="-Djdk.nio.maxCachedBufferSize=262144"
# MaxNewSize: the young generation grows with the heap to a third of it, and each page of it is
# touched between two collections: 6 MB keeps an idle controller 15 MB smaller, for a few more
# (cheap) young collections when it works.
LEAN_JVM="-Xms16m -XX:MaxNewSize=6m -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -Xss512k -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 $SMALL_IO_CACHE"

start_java() {
  local name=$1 heap=$2 jar=$3 opts=${4:-} pid
  if pid=$(running "$name" "$(java_marker)"); then
    # A running service keeps its snapshot: after a rebuild (a git pull), or on restart, it is replaced.
    [[ ${RESTART:-0} == 1 || $jar -nt $(jar_of "$pid") ]] || return 0
    if [[ ${RESTART:-0} == 1 ]]; then log "    restarting $name"; else log "    $name runs an older build: replacing it"; fi
    if [[ $name == router && ${PAAS_ROUTER_TAKEOVER:-1} != 0 ]]; then
      replace_router "$heap" "$jar" "$opts" "$pid" && return 0
      die "the new router did not take over (end of its log above); the running one (pid $pid) still serves. PAAS_ROUTER_TAKEOVER=0 restarts it with a break instead"
    fi
    stop_proc "$name" "$(java_marker)" 20
  fi
  local port_var="PAAS_${name^^}_PORT"
  port_open "$(reach_host "$name")" "${!port_var}" &&
    die "port ${!port_var} ($name) is taken by another process; set $port_var (0 = any free port)"
  jar=$(snapshot "$name" "$jar")
  java_command "$name" "$heap" "$jar" "$opts"
  launch "$name" "$(java_marker)" "${JAVA_COMMAND[@]}"
  prune_snapshots "$name"
}

# java_command NAME HEAP JAR OPTS [VAR=VALUE...]: sets JAVA_COMMAND, how NAME's JVM is started from its
# snapshot JAR, with the services' environment, NAME's own secrets and the extra variables.
java_command() {
  local name=$1 heap=$2 jar=$3 opts=$4; shift 4
  java_env
  service_env "$name"
  # shellcheck disable=SC2206  # opts and PAAS_JAVA_OPTS are lists of options
  JAVA_COMMAND=(env "${JAVA_ENV[@]}" "$@" java "-Dpaas.home=$PAAS_HOME" "-Xmx$heap" -XX:+UseSerialGC
    $opts ${PAAS_JAVA_OPTS:-} -jar "$jar")
}

# reach_host NAME: the address NAME's port answers on from here: its bind address (the router's PAAS_ROUTER_BIND,
# else PAAS_BIND), or loopback when that is every address.
reach_host() {
  local bind=$PAAS_BIND
  [[ $1 == router && -n $PAAS_ROUTER_BIND ]] && bind=$PAAS_ROUTER_BIND
  case $bind in
    ''|0.0.0.0|::|'[::]'|'*') echo 127.0.0.1 ;;
    *) echo "$bind" ;;
  esac
}

# service_env NAME: adds NAME's own secrets to JAVA_ENV.
service_env() {
  case $1 in
    controller) JAVA_ENV+=(PAAS_BUILDER_TOKEN="$PAAS_BUILDER_TOKEN" PAAS_ROUTER_TOKEN="$PAAS_ROUTER_TOKEN") ;;
    builder) JAVA_ENV+=(PAAS_BUILDER_TOKEN="$PAAS_BUILDER_TOKEN") ;;
    router) JAVA_ENV+=(PAAS_ROUTER_TOKEN="$PAAS_ROUTER_TOKEN") ;;
  esac
}

# replace_router HEAP JAR OPTS OLDPID: a new router joins the running one's listening sockets
# (SO_REUSEPORT) once it has its route table, then the old one stops accepting, finishes the requests
# in flight and exits; connections waiting in its queues move to the new one (tcp_migrate_req). Both
# write into the one log. False, with the old router still serving alone, when the new one fails.
replace_router() {
  local heap=$1 jar=$2 opts=$3 old=$4 new port t0; t0=$(now_ms)
  jar=$(snapshot router "$jar")
  java_command router "$heap" "$jar" "$opts" PAAS_ROUTER_TAKEOVER=1
  new=$(launch_beside router "$(java_marker)" "$old" "${JAVA_COMMAND[@]}") || { rm -rf "$(dirname "$jar")"; return 1; }
  # Interrupted while it joins: the new one goes, the old one serves on (and its pid file still names it).
  trap 'stop_pid "$new" 5; rm -rf "$(dirname "$jar")"; exit 130' INT TERM
  for port in "$PAAS_ROUTER_PORT" "$PAAS_ROUTER_TLS_PORT"; do
    [[ $port -gt 0 ]] || continue
    wait_until 90 eval "! pid_alive $new || listens $new $port" || true
    if ! pid_alive "$new" || ! listens "$new" "$port"; then
      warn "the new router (pid $new) did not join port $port: $(pid_alive "$new" && echo "not within 90s" || echo "it exited")"
      tail -n 20 "$(log_file router)" >&2 || true
      stop_pid "$new" 10
      rm -rf "$(dirname "$jar")"
      trap - INT TERM
      return 1
    fi
  done
  echo "$new" >"$(pid_file router)"
  trap - INT TERM
  # The old router's grace for requests in flight is 10 s.
  stop_pid "$old" 30
  prune_snapshots router
  log "    router replaced without closing its ports (pid $old -> $new) in $(elapsed "$t0")"
}

# listens PID PORT: does PID hold a listening socket on PORT?
listens() { ss -Hltnp "sport = :$2" 2>/dev/null | grep -q "pid=$1,"; }

controller_ready() { curl -fsS -o /dev/null --max-time 2 "$PAAS_CONTROLLER_URL/v2/info" 2>/dev/null; }

start_services() {
  local t0; t0=$(now_ms)
  start_java controller 128m "$CONTROLLER_JAR" "$LEAN_JVM"
  wait_ready controller "$(java_marker)" 90 controller_ready || exit 1
  log "    controller ready in $(elapsed "$t0")"
  start_java builder 192m "$BUILDER_JAR" "$LEAN_JVM"
  start_java router 64m "$ROUTER_JAR" "-Xms16m -Xss512k $SMALL_IO_CACHE"
  wait_ready builder "$(java_marker)" 60 port_open 127.0.0.1 "$PAAS_BUILDER_PORT" || exit 1
  wait_ready builder "$(java_marker)" 60 port_open 127.0.0.1 "$PAAS_BUILDER_SSH_PORT" || exit 1
  wait_ready router "$(java_marker)" 60 port_open "$(reach_host router)" "$PAAS_ROUTER_PORT" || exit 1
  log "    builder and router ready in $(elapsed "$t0")"
}

# OWNED_PORT_CHECK for pick_free_ports: does our own process hold the port of VAR?
owns_port() {
  case $1 in
    PAAS_REGISTRY_PORT) running registry "$(registry_marker)" >/dev/null ;;
    PAAS_ROUTER_TLS_PORT|PAAS_ROUTER_ADMIN_PORT) running router "$(java_marker)" >/dev/null ;;
    PAAS_BUILDER_SSH_PORT|PAAS_BUILDER_ADMIN_PORT) running builder "$(java_marker)" >/dev/null ;;
    PAAS_CONTROLLER_ADMIN_PORT) running controller "$(java_marker)" >/dev/null ;;
    *) local n=${1#PAAS_}; n=${n%_PORT}; running "${n,,}" "$(java_marker)" >/dev/null ;;
  esac
}
OWNED_PORT_CHECK=owns_port

# ---------------------------------------------------------------- CLI launcher

install_cli() {
  local bin=$PAAS_HOME/bin/paas
  mkdir -p "$PAAS_HOME/bin"
  if [[ -x $REPO/cli/paas ]]; then
    # The CLI's own launcher: it tells the CLI its path (PAAS_LAUNCHER, for git's credential
    # helper) and keeps a class-data archive for a faster start.
    cat >"$bin.tmp" <<SH
#!/bin/bash
# paas CLI launcher, written by infra/platform.sh
exec "$REPO/cli/paas" "\$@"
SH
  else
    cat >"$bin.tmp" <<SH
#!/bin/bash
# paas CLI launcher, written by infra/platform.sh
export PAAS_LAUNCHER="$bin"
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -jar "$CLI_JAR" "\$@"
SH
  fi
  chmod 0755 "$bin.tmp"
  mv -f "$bin.tmp" "$bin"
  if [[ $(id -u) == 0 && -z ${PAAS_NO_GLOBAL_BIN:-} ]]; then
    # Never replace a real file someone else put there.
    if [[ ! -e /usr/local/bin/paas || -L /usr/local/bin/paas ]]; then
      ln -sfn "$bin" /usr/local/bin/paas
    fi
  fi
}

# ---------------------------------------------------------------- commands

print_urls() {
  local hosts="" base
  if [[ -n $PAAS_TLS_CERT ]]; then
    base="https://%s"; ((PAAS_ROUTER_TLS_PORT == 443)) || base+=":$PAAS_ROUTER_TLS_PORT"
  else
    base="http://%s"; ((PAAS_ROUTER_PORT == 80)) || base+=":$PAAS_ROUTER_PORT"
  fi
  # shellcheck disable=SC2059  # the format is ours
  [[ -n $PAAS_API_HOST ]] && hosts+=$'\n'"  API (router)    $(printf "$base" "$PAAS_API_HOST")"
  # shellcheck disable=SC2059
  [[ -n $PAAS_GIT_HOST ]] && hosts+=$'\n'"  git (router)    $(printf "$base" "$PAAS_GIT_HOST")/<app>.git"
  cat <<TXT

paas platform is up ($PAAS_PLATFORM_ID, data in $PAAS_HOME)
  controller API  $PAAS_CONTROLLER_URL
  git             $PAAS_BUILDER_URL/<app>.git
  git over SSH    $PAAS_BUILDER_SSH_URL/<app>.git   (after paas keys:add)
  apps            http://<app>.$PAAS_DOMAIN:$PAAS_ROUTER_PORT   (router $PAAS_ROUTER_URL)
  apps over TLS   https://<domain>:$PAAS_ROUTER_TLS_PORT   (after paas domains:add and certs:add)$hosts
  metrics         http://127.0.0.1:$PAAS_CONTROLLER_ADMIN_PORT/metrics (controller)
                  http://127.0.0.1:$PAAS_BUILDER_ADMIN_PORT/metrics (builder)
                  http://127.0.0.1:$PAAS_ROUTER_ADMIN_PORT/metrics (router)
  registry        http://$PAAS_REGISTRY
  docker API      $PAAS_DOCKER_HOST
  logs            $PAAS_HOME/logs/<part>/current   (rotated: at most $LOG_FILES files of $((LOG_MAX_BYTES / 1048576)) MB each)

next steps:
  $(cli_name) register $PAAS_CONTROLLER_URL --username YOU
  $(cli_name) apps:create myapp
  git push paas main
TXT
}

cli_name() {
  if [[ $(readlink /usr/local/bin/paas 2>/dev/null) == "$PAAS_HOME/bin/paas" ]]; then echo paas
  else echo "$PAAS_HOME/bin/paas"; fi
}

# cmd_setup: what the tests need before they start platforms of their own: the Debian
# packages (installed when root) and the stack images in the machine's image store.
cmd_setup() {
  local t0; t0=$(now_ms)
  ensure_commands
  # before any test binds a port: a killed run's containers may have left ports hijacked
  remove_stale_port_rules
  "$REPO/infra/stack/build.sh"
  log "(set up in $(elapsed "$t0"))"
}

# cmd_start [infra]: the whole platform, or with "infra" only the Podman service, the
# registry and the stack images (for tests of the Java services).
cmd_start() {
  local only=${1:-} t0; t0=$(now_ms)
  TIMINGS=()
  load_settings start
  timed "packages" ensure_commands
  # The stack images come from debootstrap and the engine is rootful Podman with runc.
  [[ $(id -u) == 0 ]] || die "the platform runs as root (debootstrap, rootful Podman): run it with sudo"
  pick_free_ports
  mkdir -p "$PAAS_HOME"
  save_settings
  ensure_tokens
  [[ $only == infra ]] || timed "maven build" ensure_jars
  allow_request_migration
  trap 'rc=$?; ((rc == 0)) || log "start failed; the parts that did start keep running: $0 status, $0 stop"' EXIT
  step "podman service"
  timed "podman service" start_podman
  timed "apps' network" start_app_network
  # Built before the registry starts: a new registry is seeded from what this step caches.
  step "stack images"
  timed "stack images" "$REPO/infra/stack/build.sh"
  step "registry"
  timed "registry" start_registry
  timed "stack images in the registry" "$REPO/infra/stack/build.sh" push "$PAAS_REGISTRY"
  # Other stacks only when asked: a first debootstrap of one takes minutes (see infra/PLATFORM.md).
  local extra
  for extra in ${PAAS_STACKS:-}; do
    [[ $extra == "$PAAS_STACK" ]] || timed "$extra stack" add_stack "$extra"
  done
  if [[ $only == infra ]]; then
    cmd_env
    log "(infra started in $(elapsed "$t0"): $(timings))"
    return
  fi
  if [[ -n $PAAS_API_HOST$PAAS_GIT_HOST && -z $PAAS_TLS_CERT ]]; then
    warn "PAAS_API_HOST/PAAS_GIT_HOST without PAAS_TLS_CERT: tokens and passwords cross the network in the clear"
  fi
  step "controller, builder, router"
  timed "services" start_services
  install_cli
  print_urls
  log "(started in $(elapsed "$t0"): $(timings))"
}

# add_stack NAME: NAME's build and run images, built from Debian's suite NAME (cached like the
# default stack's) and pushed to this platform's registry, where the controller and builder find them.
add_stack() {
  [[ $1 =~ ^[a-z][a-z0-9.-]{0,39}$ ]] || die "\"$1\" is not a stack name (a Debian suite's, like trixie)"
  step "$1 stack images"
  PAAS_STACK=$1 "$REPO/infra/stack/build.sh" build
  PAAS_STACK=$1 "$REPO/infra/stack/build.sh" push "$PAAS_REGISTRY"
}

# cmd_stack NAME: adds the stack NAME to the running platform (no restart needed).
cmd_stack() {
  [[ -n ${1:-} ]] || die "usage: $0 stack NAME   (e.g. trixie)"
  [[ $(id -u) == 0 ]] || die "building stack images needs root (debootstrap): run it with sudo"
  local t0; t0=$(now_ms)
  load_settings saved
  curl -fs -o /dev/null "http://$PAAS_REGISTRY/v2/" || die "the platform's registry ($PAAS_REGISTRY) is not running: $0 start first"
  add_stack "$1"
  log "the $1 stack is on the platform (in $(elapsed "$t0")): paas stack:set $1 -a APP, then git push"
}

# timed LABEL CMD...: runs CMD and adds "LABEL Ns" to TIMINGS (the start's closing line).
timed() {
  local label=$1 t; shift
  t=$(now_ms)
  "$@"
  TIMINGS+=("$label $(elapsed "$t")")
}

# timings: the steps timed so far, "a 1.0s, b 2.0s".
timings() {
  local out="" t
  for t in "${TIMINGS[@]}"; do out+="${out:+, }$t"; done
  echo "$out"
}

# cmd_env: the settings of this platform as shell assignments: eval "$(platform.sh env)".
cmd_env() {
  [[ -n ${PAAS_CONTROLLER_URL:-} ]] || load_settings saved
  local v
  for v in PAAS_HOME PAAS_PLATFORM_ID PAAS_BIND PAAS_DOMAIN PAAS_STACK PAAS_CONTROLLER_PORT \
           PAAS_BUILDER_PORT PAAS_BUILDER_SSH_PORT PAAS_ROUTER_PORT PAAS_REGISTRY_PORT PAAS_CONTROLLER_URL \
           PAAS_ROUTER_URL PAAS_BUILDER_URL PAAS_BUILDER_SSH_URL PAAS_REGISTRY PAAS_DOCKER_HOST; do
    printf 'export %s=%q\n' "$v" "${!v}"
  done
  printf 'export PAAS_BUILDPACKS_DIR=%q\n' "$REPO/buildpacks"
  printf 'export CONTAINERS_CONF=%q CONTAINERS_REGISTRIES_CONF=%q\n' \
    "$PODMAN_DIR/containers.conf" "$PODMAN_DIR/registries.conf"
}

cmd_stop() {
  load_settings saved
  [[ -d $PAAS_HOME ]] || { log "nothing to stop: $PAAS_HOME does not exist"; return; }
  step "stopping paas platform $PAAS_PLATFORM_ID ($PAAS_HOME)"
  stop_proc router "$(java_marker)" 20
  stop_proc builder "$(java_marker)" 20
  stop_proc controller "$(java_marker)" 20
  stop_postgres
  remove_containers
  [[ ${PAAS_KEEP_CONTAINERS:-0} == 1 ]] || { remove_app_network_rules; remove_stale_port_rules; }
  remove_registry_images
  stop_proc registry "$(registry_marker)" 20
  stop_proc podman "$(podman_marker)" 20
  rm -f "$PODMAN_SOCK"
}

show() { printf '  %-11s %-5s %s\n' "$@"; }

# pss_mb PID...: proportional memory of the processes and their children, in MB.
pss_mb() {
  local pid kb=0 k
  for pid in "$@" $(ps -o pid= --ppid "$*" 2>/dev/null); do
    k=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null) || k=0
    kb=$((kb + ${k:-0}))
  done
  echo $((kb / 1024))
}

part_status() {
  local name=$1 marker=$2 where=$3 pid mb
  if pid=$(running "$name" "$marker"); then
    mb=$(pss_mb "$pid"); TOTAL_MB=$((TOTAL_MB + mb))
    show "$name" up "$where (pid $pid, ${mb} MB)"
  else
    show "$name" down "$where"; DOWN=1
  fi
}

cmd_status() {
  load_settings saved
  DOWN=0 TOTAL_MB=0
  echo "paas platform $PAAS_PLATFORM_ID ($PAAS_HOME)"
  part_status podman "$(podman_marker)" "$PAAS_DOCKER_HOST"
  part_status registry "$(registry_marker)" "http://$PAAS_REGISTRY"
  part_status controller "$(java_marker)" "$PAAS_CONTROLLER_URL, metrics :$PAAS_CONTROLLER_ADMIN_PORT"
  part_status builder "$(java_marker)" "$PAAS_BUILDER_URL, metrics :$PAAS_BUILDER_ADMIN_PORT"
  part_status router "$(java_marker)" "$PAAS_ROUTER_URL, metrics :$PAAS_ROUTER_ADMIN_PORT"
  local pid mb n
  if pid=$(postgres_pid); then
    mb=$(pss_mb "$pid"); TOTAL_MB=$((TOTAL_MB + mb))
    show postgres up "$PAAS_HOME/postgres (embedded, pid $pid, ${mb} MB)"
  else
    show postgres down "$PAAS_HOME/postgres (embedded; down is fine with PAAS_DATABASE_URL)"
  fi
  if running podman "$(podman_marker)" >/dev/null; then
    n=$(CONTAINERS_CONF=$PODMAN_DIR/containers.conf podman ps -q \
        --filter "label=paas.platform=$PAAS_PLATFORM_ID" 2>/dev/null | wc -l) || n='?'
    show containers "$n" "running, labelled paas.platform=$PAAS_PLATFORM_ID"
  fi
  echo "  memory (PSS) of the platform processes: ${TOTAL_MB} MB"
  return "$DOWN"
}

# cmd_backup DIR: everything the platform cannot rebuild, taken while it runs: the database (a
# physical copy by pg_basebackup, consistent with its own WAL), the secrets (service tokens, the key
# of certificates and config), the settings, the apps' git repositories and the registry's images.
# Not taken: build caches, the engine's image store, logs (rebuilt or pulled again).
cmd_backup() {
  local dir=${1:-} t0 port; t0=$(now_ms)
  [[ -n $dir ]] || die "usage: $0 backup DIR (a directory that does not exist yet)"
  [[ ! -e $dir ]] || die "$dir exists: back up into a new directory"
  load_settings saved
  postgres_pid >/dev/null || die "the platform's database is not running: start the platform ($0 start), then back up"
  port=$(sed -n 4p "$PAAS_HOME/postgres/data/postmaster.pid")
  if [[ ! -x $(pg_tool pg_basebackup) ]]; then
    [[ $(id -u) == 0 ]] || die "pg_basebackup is missing; install it as root: apt-get install -y postgresql-client"
    step "installing postgresql-client (pg_basebackup)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null
  fi
  mkdir -p "$dir"
  step "backing up paas platform $PAAS_PLATFORM_ID ($PAAS_HOME) into $dir"
  # tar format, WAL streamed alongside: the copy starts on its own, whatever was written meanwhile
  "$(pg_tool pg_basebackup)" -h 127.0.0.1 -p "$port" -U postgres -D "$dir/postgres" -Ft -z -X stream --checkpoint=fast
  log "    database: $(du -sh "$dir/postgres" | cut -f1)"
  cp -a "$PAAS_HOME/secrets" "$dir/secrets"
  cp -a "$PAAS_HOME/platform.env" "$dir/platform.env"
  tar -C "$PAAS_HOME" -czf "$dir/git.tar.gz" git
  # blobs are written whole and named by their digest; unfinished uploads are left out
  tar -C "$PAAS_HOME/registry" --exclude=_uploads -czf "$dir/registry.tar.gz" data
  log "    git repositories: $(du -sh "$dir/git.tar.gz" | cut -f1), registry: $(du -sh "$dir/registry.tar.gz" | cut -f1)"
  printf 'platform=%s\nhome=%s\ntaken=%s\nsource=%s\n' "$PAAS_PLATFORM_ID" "$PAAS_HOME" "$(date -u +%FT%TZ)" \
    "$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)" >"$dir/BACKUP"
  chmod -R go-rwx "$dir"
  log "(backed up in $(elapsed "$t0"): restore with $0 restore $dir)"
}

# cmd_restore DIR: a backup back into PAAS_HOME (this machine's or a fresh one's), the platform
# stopped and PAAS_HOME without a database. Then `start` brings every app back on its release.
cmd_restore() {
  local dir=${1:-} t0; t0=$(now_ms)
  [[ -n $dir && -f $dir/BACKUP ]] || die "usage: $0 restore DIR (a directory made by $0 backup)"
  load_settings saved
  postgres_pid >/dev/null && die "the platform runs: stop it first ($0 stop)"
  [[ ! -e $PAAS_HOME/postgres/data ]] || die "$PAAS_HOME already holds a database: restore into a new PAAS_HOME, or move $PAAS_HOME/postgres away first"
  step "restoring $dir into $PAAS_HOME"
  mkdir -p "$PAAS_HOME/postgres/data/pg_wal" "$PAAS_HOME/registry"
  # owned by whoever restores (the user the platform runs as): pg_basebackup names the files' owner
  # "postgres", which on this machine may be another account than the one that runs the platform
  tar -C "$PAAS_HOME/postgres/data" --no-same-owner -xzf "$dir/postgres/base.tar.gz"
  tar -C "$PAAS_HOME/postgres/data/pg_wal" --no-same-owner -xzf "$dir/postgres/pg_wal.tar.gz"
  chmod 0700 "$PAAS_HOME/postgres/data"
  rm -rf "$PAAS_HOME/secrets" "$PAAS_HOME/git" "$PAAS_HOME/registry/data"
  cp -a "$dir/secrets" "$PAAS_HOME/secrets"
  cp -a "$dir/platform.env" "$PAAS_HOME/platform.env"
  tar -C "$PAAS_HOME" -xzf "$dir/git.tar.gz"
  tar -C "$PAAS_HOME/registry" -xzf "$dir/registry.tar.gz"
  log "(restored in $(elapsed "$t0"): $0 start brings the platform and every app back)"
}

# pg_tool NAME: Debian's PostgreSQL client tool NAME (not on PATH: /usr/lib/postgresql/N/bin).
pg_tool() {
  local t
  t=$(command -v "$1" 2>/dev/null) && { echo "$t"; return; }
  t=$(ls -d /usr/lib/postgresql/*/bin/"$1" 2>/dev/null | sort -V | tail -n1)
  echo "${t:-$1}"
}

# cmd_service [DIR]: the platform as a system service: a systemd unit that runs `start` at boot (after
# the network) and `stop` at shutdown, so that after a reboot the platform and every app come back by
# themselves, each app on its current release (the controller starts what is missing). Written to DIR
# (default /etc/systemd/system) and, there, enabled. The unit names this checkout and this PAAS_HOME.
cmd_service() {
  local dir=${1:-/etc/systemd/system}
  load_settings saved
  [[ -f $PAAS_HOME/platform.env ]] || die "start the platform once first ($0 start): the unit starts it with the settings saved then"
  local unit=paas-$PAAS_PLATFORM_ID.service
  mkdir -p "$dir"
  cat >"$dir/$unit" <<UNIT
[Unit]
Description=paas platform $PAAS_PLATFORM_ID ($PAAS_HOME)
Documentation=file://$REPO/README.md
Wants=network-online.target
After=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
Environment=PAAS_HOME=$PAAS_HOME
Environment=HOME=${HOME:-/root}
ExecStart=$REPO/infra/platform.sh start
ExecStop=$REPO/infra/platform.sh stop
# a first start after an upgrade builds the services (Maven) before it starts them
TimeoutStartSec=20min
TimeoutStopSec=5min

[Install]
WantedBy=multi-user.target
UNIT
  log "wrote $dir/$unit"
  if [[ $dir == /etc/systemd/system ]]; then
    if systemctl daemon-reload 2>/dev/null && systemctl enable "$unit" 2>/dev/null; then
      log "enabled: the platform starts at boot (systemctl status $unit; $0 stop still stops it now)"
    else
      log "systemd is not running here: enable it on the machine that boots with: systemctl enable $unit"
    fi
  fi
}

case ${1:-} in
  setup) cmd_setup ;;
  service) shift; cmd_service "$@" ;;
  backup) shift; cmd_backup "$@" ;;
  restore) shift; cmd_restore "$@" ;;
  stack) shift; cmd_stack "$@" ;;
  start) cmd_start ;;
  start-infra) cmd_start infra ;;
  env) cmd_env ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) RESTART=1 cmd_start ;;
  *) die "usage: $0 setup|start|stop|status|restart|start-infra|env|stack NAME|service [DIR]|backup DIR|restore DIR" ;;
esac
