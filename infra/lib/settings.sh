# Platform settings: defaults, the environment, and $PAAS_HOME/platform.env.
# shellcheck shell=bash
#
# On `start` a variable set in the environment wins over the saved value, and the saved value
# wins over the default; `stop` and `status` use the saved values (the running processes' ones).
# A port of 0 means: any free port on 127.0.0.1 (kept for later starts while it stays free).

SETTINGS=(PAAS_PLATFORM_ID PAAS_BIND PAAS_DOMAIN PAAS_STACK
          PAAS_CONTROLLER_PORT PAAS_BUILDER_PORT PAAS_BUILDER_SSH_PORT PAAS_ROUTER_PORT PAAS_REGISTRY_PORT
          PAAS_ROUTER_TLS_PORT PAAS_ROUTER_ADMIN_PORT PAAS_CONTROLLER_ADMIN_PORT PAAS_BUILDER_ADMIN_PORT
          PAAS_ROUTER_URL PAAS_BUILDER_URL PAAS_BUILDER_SSH_URL PAAS_BUILDPACK_ALLOWED_HOSTS
          PAAS_BUILD_CONCURRENCY PAAS_BUILD_CACHE_MAX PAAS_SLUG_MAX PAAS_GIT_PACK_MAX PAAS_BUILD_MIN_FREE
          PAAS_RUN_LIMIT PAAS_RUN_TIMEOUT PAAS_RUN_MEMORY PAAS_RUN_CPU PAAS_RELEASES_KEPT PAAS_REGISTRY_GC_INTERVAL
          PAAS_ACME_DIRECTORY PAAS_ACME_EMAIL PAAS_ACME_CA_CERT PAAS_ACME_RENEW_DAYS PAAS_ACME_CHECK_INTERVAL
          PAAS_ROUTER_BIND PAAS_API_HOST PAAS_GIT_HOST PAAS_TLS_CERT PAAS_TLS_KEY)
# Limits of one-off processes (paas run): numbers, checked here so that a typo stops `start` with
# its name rather than the controller's first run.
RUN_SETTINGS=(PAAS_RUN_LIMIT PAAS_RUN_TIMEOUT PAAS_RUN_MEMORY PAAS_RUN_CPU)
PORT_SETTINGS=(PAAS_CONTROLLER_PORT PAAS_BUILDER_PORT PAAS_BUILDER_SSH_PORT PAAS_ROUTER_PORT PAAS_REGISTRY_PORT
               PAAS_ROUTER_TLS_PORT PAAS_ROUTER_ADMIN_PORT PAAS_CONTROLLER_ADMIN_PORT PAAS_BUILDER_ADMIN_PORT)

declare -A SETTING_DEFAULTS=(
  [PAAS_PLATFORM_ID]=paas [PAAS_BIND]=127.0.0.1 [PAAS_DOMAIN]=localhost [PAAS_STACK]=bookworm
  [PAAS_CONTROLLER_PORT]=7100 [PAAS_BUILDER_PORT]=7101 [PAAS_BUILDER_SSH_PORT]=7102
  [PAAS_ROUTER_PORT]=7180 [PAAS_REGISTRY_PORT]=7150
  [PAAS_ROUTER_TLS_PORT]=7443 [PAAS_ROUTER_ADMIN_PORT]=7190
  [PAAS_CONTROLLER_ADMIN_PORT]=7191 [PAAS_BUILDER_ADMIN_PORT]=7192
  [PAAS_ROUTER_URL]="" [PAAS_BUILDER_URL]="" [PAAS_BUILDER_SSH_URL]="" [PAAS_BUILDPACK_ALLOWED_HOSTS]=""
  # empty: the builder's defaults (one build per 2 cores, 2G cache, 1G slug, 2G pack, 2G free disk)
  [PAAS_BUILD_CONCURRENCY]="" [PAAS_BUILD_CACHE_MAX]="" [PAAS_SLUG_MAX]="" [PAAS_GIT_PACK_MAX]=""
  [PAAS_BUILD_MIN_FREE]=""
  # empty: the controller's defaults (10 at once, 3600 s, 512 MB, 1 CPU; infra/PLATFORM.md)
  [PAAS_RUN_LIMIT]="" [PAAS_RUN_TIMEOUT]="" [PAAS_RUN_MEMORY]="" [PAAS_RUN_CPU]=""
  # empty: images of each app's newest 10 releases kept; the registry collected every 3600 s (0: never)
  [PAAS_RELEASES_KEPT]="" [PAAS_REGISTRY_GC_INTERVAL]=""
  # empty: Let's Encrypt's directory, no contact address, the JDK's CAs, renew 30 days ahead, check hourly
  [PAAS_ACME_DIRECTORY]="" [PAAS_ACME_EMAIL]="" [PAAS_ACME_CA_CERT]="" [PAAS_ACME_RENEW_DAYS]="" [PAAS_ACME_CHECK_INTERVAL]=""
  # serving the internet (README "Serving the internet"): empty: the router on PAAS_BIND, no platform hosts or certificate
  [PAAS_ROUTER_BIND]="" [PAAS_API_HOST]="" [PAAS_GIT_HOST]="" [PAAS_TLS_CERT]="" [PAAS_TLS_KEY]=""
)

# read_saved FILE: fills the associative array SAVED from a KEY=VALUE file.
read_saved() {
  declare -gA SAVED=()
  [[ -r $1 ]] || return 0
  local k v
  while IFS='=' read -r k v; do
    [[ $k =~ ^PAAS_[A-Z_]+$ ]] && SAVED[$k]=$v
  done <"$1"
}

# load_settings MODE: MODE is start (environment wins) or saved (file wins).
# Sets every name in SETTINGS, plus PAAS_HOME, ENV_FILE and AUTO_PORTS (ports asked as 0).
load_settings() {
  local mode=$1 v
  PAAS_HOME=${PAAS_HOME:-$HOME/.paas-platform}
  [[ $PAAS_HOME == /* ]] || PAAS_HOME="$PWD/$PAAS_HOME"
  PAAS_HOME=${PAAS_HOME%/}
  ENV_FILE=$PAAS_HOME/platform.env
  read_saved "$ENV_FILE"
  declare -gA AUTO_PORTS=()
  declare -gA PINNED_URLS=()
  for v in "${SETTINGS[@]}"; do
    if [[ $mode == start && -n ${!v+x} ]]; then
      :  # keep the environment's value
    elif [[ -n ${SAVED[$v]+x} ]]; then
      printf -v "$v" '%s' "${SAVED[$v]}"
    else
      printf -v "$v" '%s' "${SETTING_DEFAULTS[$v]}"
    fi
  done
  for v in "${RUN_SETTINGS[@]}"; do
    if [[ $v == PAAS_RUN_CPU ]]; then
      [[ -z ${!v} || ${!v} =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "$v must be a number of CPUs (e.g. 1 or 0.5), not '${!v}'"
    else
      [[ -z ${!v} || ${!v} =~ ^[1-9][0-9]{0,8}$ ]] || die "$v must be a whole number above 0, not '${!v}'"
    fi
  done
  [[ -z $PAAS_RELEASES_KEPT || $PAAS_RELEASES_KEPT =~ ^[1-9][0-9]{0,5}$ ]] ||
    die "PAAS_RELEASES_KEPT must be a whole number above 0 (the releases of each app whose images are kept), not '$PAAS_RELEASES_KEPT'"
  [[ -z $PAAS_REGISTRY_GC_INTERVAL || $PAAS_REGISTRY_GC_INTERVAL =~ ^[0-9]{1,9}$ ]] ||
    die "PAAS_REGISTRY_GC_INTERVAL must be a whole number of seconds (0: never), not '$PAAS_REGISTRY_GC_INTERVAL'"
  for v in PAAS_ACME_RENEW_DAYS PAAS_ACME_CHECK_INTERVAL; do
    [[ -z ${!v} || ${!v} =~ ^[1-9][0-9]{0,6}$ ]] || die "$v must be a whole number above 0, not '${!v}'"
  done
  for v in PAAS_ACME_CA_CERT PAAS_TLS_CERT PAAS_TLS_KEY; do
    [[ -z ${!v} || -r ${!v} ]] || die "$v names a file that cannot be read: ${!v}"
  done
  [[ -z $PAAS_TLS_CERT && -z $PAAS_TLS_KEY || -n $PAAS_TLS_CERT && -n $PAAS_TLS_KEY ]] ||
    die "PAAS_TLS_CERT and PAAS_TLS_KEY go together: set both or neither"
  for v in "${PORT_SETTINGS[@]}"; do
    [[ ${!v} =~ ^[0-9]+$ ]] || die "$v must be a port number, not '${!v}'"
    if [[ ${!v} == 0 ]]; then
      AUTO_PORTS[$v]=1
      # A port picked at an earlier start is reused, so URLs and git remotes stay valid.
      [[ ${SAVED[$v]:-0} != 0 ]] && printf -v "$v" '%s' "${SAVED[$v]}"
    fi
  done
  # Public URLs: derived from the ports unless given; only given ones are saved.
  for v in PAAS_ROUTER_URL PAAS_BUILDER_URL PAAS_BUILDER_SSH_URL; do
    [[ -n ${!v} ]] && PINNED_URLS[$v]=1
  done
  derive_urls
}

# The variables set here are read by the scripts that source this file.
# shellcheck disable=SC2034
derive_urls() {
  PAAS_CONTROLLER_URL="http://127.0.0.1:$PAAS_CONTROLLER_PORT"
  [[ -n ${PINNED_URLS[PAAS_ROUTER_URL]:-} ]] || PAAS_ROUTER_URL="http://$PAAS_DOMAIN:$PAAS_ROUTER_PORT"
  if [[ -z ${PINNED_URLS[PAAS_BUILDER_URL]:-} ]]; then
    # With a git host on the router, the remotes apps get go through it (over HTTPS when the platform has a certificate).
    if [[ -n ${PAAS_GIT_HOST:-} && -n ${PAAS_TLS_CERT:-} && $PAAS_ROUTER_TLS_PORT -gt 0 ]]; then
      PAAS_BUILDER_URL="https://$PAAS_GIT_HOST$( ((PAAS_ROUTER_TLS_PORT == 443)) || echo ":$PAAS_ROUTER_TLS_PORT")"
    elif [[ -n ${PAAS_GIT_HOST:-} ]]; then
      PAAS_BUILDER_URL="http://$PAAS_GIT_HOST$( ((PAAS_ROUTER_PORT == 80)) || echo ":$PAAS_ROUTER_PORT")"
    else
      PAAS_BUILDER_URL="http://127.0.0.1:$PAAS_BUILDER_PORT"
    fi
  fi
  [[ -n ${PINNED_URLS[PAAS_BUILDER_SSH_URL]:-} ]] || PAAS_BUILDER_SSH_URL="ssh://git@127.0.0.1:$PAAS_BUILDER_SSH_PORT"
  PAAS_REGISTRY="127.0.0.1:$PAAS_REGISTRY_PORT"
  PODMAN_DIR=$PAAS_HOME/podman
  PODMAN_SOCK=$PODMAN_DIR/podman.sock
  PAAS_DOCKER_HOST="unix://$PODMAN_SOCK"
  # The apps' network (engine.sh): named after the data directory, so that two platforms on one
  # machine get two bridges, two subnets and two sets of rules.
  APP_NET_TAG=$(printf %s "$PAAS_HOME" | sha1sum | cut -c1-8)
  PAAS_APP_NETWORK=paas-apps-$APP_NET_TAG
}

# pick_free_ports: replaces ports asked as 0 (or picked earlier but now taken) by free ones.
# OWNED_PORT_CHECK is a function NAME VAR telling whether our own process holds that port.
pick_free_ports() {
  local v
  for v in "${PORT_SETTINGS[@]}"; do
    [[ -n ${AUTO_PORTS[$v]:-} ]] || continue
    if [[ ${!v} == 0 ]] || { port_open 127.0.0.1 "${!v}" && ! "$OWNED_PORT_CHECK" "$v"; }; then
      printf -v "$v" '%s' "$(free_port)"
    fi
  done
  derive_urls
}

save_settings() {
  local v tmp
  mkdir -p "$PAAS_HOME"
  tmp=$(mktemp "$ENV_FILE.XXXXXX")
  {
    echo "# paas platform settings, written by infra/platform.sh start; reused by stop/status/start"
    for v in "${SETTINGS[@]}"; do
      if [[ $v == PAAS_ROUTER_URL || $v == PAAS_BUILDER_URL || $v == PAAS_BUILDER_SSH_URL ]] &&
         [[ -z ${PINNED_URLS[$v]:-} ]]; then
        continue
      fi
      [[ ${!v} =~ ^[A-Za-z0-9_./:@%+,-]*$ ]] || die "$v has characters the settings file cannot hold: '${!v}'"
      echo "$v=${!v}"
    done
  } >"$tmp"
  mv "$tmp" "$ENV_FILE"
}
