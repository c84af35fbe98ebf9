# The platform's private container engine and registry: its own Podman service (own
# containers.conf and registries.conf, nothing in /etc), a registry, the app containers and
# the embedded PostgreSQL the controller may leave behind.
# shellcheck shell=bash

# Markers: what the command lines of our processes hold (see procs.sh).
podman_marker() { echo "unix://$PODMAN_SOCK "; }
registry_marker() { echo " $PAAS_HOME/registry/registry.yml "; }

# ---------------------------------------------------------------- podman service

# write_if_changed FILE: stdin to FILE; true when the content changed.
write_if_changed() {
  local tmp; tmp=$(mktemp "$1.XXXXXX")
  cat >"$tmp"
  if cmp -s "$tmp" "$1"; then rm -f "$tmp"; return 1; fi
  mv -f "$tmp" "$1"
}

# write_podman_conf: sets PODMAN_CONF_CHANGED=1 when a running service must re-read them.
write_podman_conf() {
  mkdir -p "$PODMAN_DIR"
  PODMAN_CONF_CHANGED=0
  local init=""
  [[ -x /usr/libexec/podman/catatonit ]] || init="init_path = \"$(command -v catatonit)\""
  write_if_changed "$PODMAN_DIR/containers.conf" <<CONF && PODMAN_CONF_CHANGED=1
# written by infra/platform.sh: the platform's own Podman settings (CONTAINERS_CONF)
[containers]
# Without these every container start fails here with "setrlimit ... operation not permitted".
default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
log_driver = "k8s-file"
# A chatty app must not fill the disk: conmon starts an app's log file anew past 10 MB.
log_size_max = 10485760
$init

[engine]
# crun fails on this kind of host (hybrid cgroups v1); runc works.
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"

[network]
# The platform's own networks (the apps' network below), kept in the data directory, not /etc.
network_config_dir = "$PODMAN_DIR/networks"
CONF
  write_if_changed "$PODMAN_DIR/registries.conf" <<CONF && PODMAN_CONF_CHANGED=1
# written by infra/platform.sh: the platform's own registries (CONTAINERS_REGISTRIES_CONF)
unqualified-search-registries = []

[[registry]]
location = "$PAAS_REGISTRY"
insecure = true
CONF
  export CONTAINERS_CONF=$PODMAN_DIR/containers.conf
  export CONTAINERS_REGISTRIES_CONF=$PODMAN_DIR/registries.conf
}

podman_ping() { curl -fsS -o /dev/null --max-time 2 --unix-socket "$PODMAN_SOCK" http://d/_ping 2>/dev/null; }

start_podman() {
  ((${#PODMAN_SOCK} < 100)) || die "PAAS_HOME is too long for a unix socket path: $PODMAN_SOCK"
  write_podman_conf
  remove_stale_port_rules
  # Podman reads its configuration only at service start.
  if [[ $PODMAN_CONF_CHANGED == 0 ]] && running podman "$(podman_marker)" >/dev/null && podman_ping; then
    return
  fi
  stop_proc podman "$(podman_marker)" 10
  rm -f "$PODMAN_SOCK"
  launch podman "$(podman_marker)" podman system service --time=0 "unix://$PODMAN_SOCK"
  wait_ready podman "$(podman_marker)" 60 podman_ping || exit 1
  log "    podman service: $PODMAN_SOCK"
}

# remove_stale_port_rules: Netavark publishes a container's port with DNAT rules; conmon holds the
# port only while the container runs. A container whose cleanup never ran (its platform was killed,
# not stopped) leaves the rules behind for good: connections to that port of 127.0.0.1 go to a dead
# address, though the port looks free, so a later bind(0) may be handed it (in CI a new platform's
# builder got such a port and was unreachable). Each rule names its container in a comment: the
# rules of containers that no longer exist go, whichever platform (or person) made them.
remove_stale_port_rules() {
  command -v iptables >/dev/null 2>&1 && command -v podman >/dev/null 2>&1 || return 0
  local rule port id chain inner removed=0 rc
  while read -r rule; do
    [[ $rule =~ ^-A\ NETAVARK-HOSTPORT-DNAT\ .*--dport\ ([0-9]+)\ .*\ id:\ ([0-9a-f]{64})\"\ -j\ (NETAVARK-DN-[0-9A-F]+)$ ]] || continue
    port=${BASH_REMATCH[1]} id=${BASH_REMATCH[2]} chain=${BASH_REMATCH[3]}
    rc=0; podman container exists "$id" >/dev/null 2>&1 || rc=$?
    ((rc == 1)) || continue   # 0: it exists; anything else: the engine could not say, so keep
    # The rule as iptables -S prints it, quotes and all, is deleted as it was added.
    eval "iptables -t nat -D ${rule#-A }" 2>/dev/null || continue
    while read -r inner; do
      eval "iptables -t nat -D ${inner#-A }" 2>/dev/null || true
    done < <(iptables -t nat -S "$chain" 2>/dev/null | grep -E -- "^-A $chain .*--dport $port( |$)")
    # A network's chain is removed with its last rule (a chain still jumped to stays).
    [[ -z $(iptables -t nat -S "$chain" 2>/dev/null | grep -- "^-A ") ]] && iptables -t nat -X "$chain" 2>/dev/null
    removed=$((removed + 1))
  done < <(iptables -t nat -S NETAVARK-HOSTPORT-DNAT 2>/dev/null)
  ((removed == 0)) || log "    removed the published ports of $removed container(s) that no longer exist"
  return 0
}

# ---------------------------------------------------------------- the apps' network

# App containers join one network of the platform's own (PAAS_APP_NETWORK), on a bridge that the
# rules below close: a container reaches no other container (another app's, nor its own app's other
# processes: Heroku's dynos do not either) and no address of this machine (the platform's ports,
# whatever PAAS_BIND says, the gateway, other services) but the router's public ports; it reaches
# the outside, and other apps through the router. The router reaches containers through the ports they
# publish on 127.0.0.1, which stays open. Builds stay on the engine's default network. One network
# with rules rather than one per app: netavark 1.4 routes between its bridges anyway (rules would
# be needed all the same), and a bridge, a subnet and rule chains per app cost at hundreds of apps.
APP_NET_IF() { echo "paas$APP_NET_TAG"; }
APP_NET_CHAIN() { echo "PAAS-$APP_NET_TAG-$1"; }

engine_api() { curl -fsS --max-time 30 --unix-socket "$PODMAN_SOCK" "$@"; }

# free_app_subnet: a /20 in 10.128.0.0/10 (chosen from the data directory's name, so it stays the
# same) whose 10.N.0.0/16 no route of this machine touches yet.
free_app_subnet() {
  local slot i second third routes
  routes=$(ip -4 route show 2>/dev/null | awk '{print $1}')
  slot=$((16#${APP_NET_TAG:0:4} % 1024))
  for ((i = 0; i < 1024; i++)); do
    second=$((128 + (slot + i) % 1024 / 16))
    third=$(((slot + i) % 16 * 16))
    grep -q "^10\.$second\." <<<"$routes" && continue
    echo "10.$second.$third.0/20"
    return
  done
  die "no free /20 for the apps' network in 10.128.0.0/10"
}

start_app_network() {
  local subnet
  if ! engine_api -o /dev/null "http://d/v4.0.0/libpod/networks/$PAAS_APP_NETWORK/exists" 2>/dev/null; then
    subnet=$(free_app_subnet)
    engine_api -o /dev/null -H 'Content-Type: application/json' -X POST "http://d/v4.0.0/libpod/networks/create" \
      -d "{\"name\":\"$PAAS_APP_NETWORK\",\"driver\":\"bridge\",\"network_interface\":\"$(APP_NET_IF)\",
           \"subnets\":[{\"subnet\":\"$subnet\"}],\"dns_enabled\":false,
           \"labels\":{\"paas.platform\":\"$PAAS_PLATFORM_ID\"}}" \
      || die "cannot create the apps' network $PAAS_APP_NETWORK ($subnet)"
    log "    apps' network: $PAAS_APP_NETWORK ($subnet, bridge $(APP_NET_IF))"
  fi
  add_app_network_rules
}

# The rules, in two chains of the platform's own that INPUT and FORWARD jump to first; made anew
# at each start (iptables state does not outlive a reboot), removed by stop with the containers.
add_app_network_rules() {
  local br in fwd other
  br=$(APP_NET_IF) in=$(APP_NET_CHAIN IN) fwd=$(APP_NET_CHAIN FWD)
  # Containers on one bridge talk at layer 2: iptables sees that traffic only with br_netfilter.
  if [[ $(cat /proc/sys/net/bridge/bridge-nf-call-iptables 2>/dev/null) != 1 ]]; then
    modprobe br_netfilter 2>/dev/null || true
    sysctl -qw net.bridge.bridge-nf-call-iptables=1 2>/dev/null \
      || warn "br_netfilter is not available: app containers on $PAAS_APP_NETWORK can reach each other"
  fi
  iptables -N "$in" 2>/dev/null || iptables -F "$in"
  iptables -N "$fwd" 2>/dev/null || iptables -F "$fwd"
  # To this machine: answers (to the router's connections), and the router's public ports (an app
  # calls another at its public URL, through allowlists, maintenance and TLS: reached when PAAS_BIND
  # puts the router on an address other than loopback); nothing else, whatever listens.
  iptables -A "$in" -i "$br" -m conntrack --ctstate ESTABLISHED,RELATED -j RETURN
  iptables -A "$in" -i "$br" -p tcp -m multiport --dports "$PAAS_ROUTER_PORT,$PAAS_ROUTER_TLS_PORT" -j RETURN
  iptables -A "$in" -i "$br" -j REJECT --reject-with icmp-port-unreachable
  # Between containers of the bridge, and from it to other container networks (other platforms,
  # people's own containers), and into it from anywhere but the machine's published ports.
  iptables -A "$fwd" -i "$br" -o "$br" -j DROP
  for other in podman+ paas+ cni-podman+ docker+ br-+; do
    iptables -A "$fwd" -i "$br" -o "$other" -j REJECT --reject-with icmp-port-unreachable
  done
  iptables -A "$fwd" -o "$br" -m conntrack --ctstate NEW -j DROP
  iptables -C INPUT -j "$in" 2>/dev/null || iptables -I INPUT 1 -j "$in"
  iptables -C FORWARD -j "$fwd" 2>/dev/null || iptables -I FORWARD 1 -j "$fwd"
}

remove_app_network_rules() {
  command -v iptables >/dev/null 2>&1 || return 0
  [[ -n ${APP_NET_TAG:-} ]] || return 0
  local chain hook
  for hook in INPUT:IN FORWARD:FWD; do
    chain=$(APP_NET_CHAIN "${hook#*:}")
    while iptables -D "${hook%%:*}" -j "$chain" 2>/dev/null; do :; done
    iptables -F "$chain" 2>/dev/null && iptables -X "$chain" 2>/dev/null
  done
  return 0
}

# ---------------------------------------------------------------- registry

registry_ping() { curl -fsS -o /dev/null --max-time 2 "http://$PAAS_REGISTRY/v2/" 2>/dev/null; }

start_registry() {
  local dir=$PAAS_HOME/registry
  mkdir -p "$dir/data"
  cat >"$dir/registry.yml" <<YML
# written by infra/platform.sh
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $PAAS_REGISTRY
YML
  if running registry "$(registry_marker)" >/dev/null && registry_ping; then return; fi
  stop_proc registry "$(registry_marker)" 10
  port_open 127.0.0.1 "$PAAS_REGISTRY_PORT" && die "port $PAAS_REGISTRY_PORT (registry) is taken by another process; set PAAS_REGISTRY_PORT (0 = any free port)"
  # A new registry starts with a copy of the cached stack images instead of a slow push.
  [[ -n $(ls -A "$dir/data") ]] || "$REPO/infra/stack/build.sh" seed "$dir/data"
  # Go's collector lets the heap grow to twice what is live (GOGC=100); the registry is idle most of
  # the time and holds little: half that, and a soft ceiling it collects harder to keep under.
  launch registry "$(registry_marker)" env GOGC=50 GOMEMLIMIT=24MiB docker-registry serve "$dir/registry.yml"
  wait_ready registry "$(registry_marker)" 30 registry_ping || exit 1
  log "    registry: http://$PAAS_REGISTRY"
}

# ---------------------------------------------------------------- app containers, postgres

remove_containers() {
  [[ ${PAAS_KEEP_CONTAINERS:-0} == 1 ]] && { log "    app containers kept (PAAS_KEEP_CONTAINERS=1)"; return; }
  command -v podman >/dev/null 2>&1 || return 0
  [[ -f $PODMAN_DIR/containers.conf ]] && export CONTAINERS_CONF=$PODMAN_DIR/containers.conf \
    CONTAINERS_REGISTRIES_CONF=$PODMAN_DIR/registries.conf
  local ids
  ids=$(podman ps -aq --filter "label=paas.platform=$PAAS_PLATFORM_ID" 2>/dev/null) || return 0
  [[ -n $ids ]] || return 0
  # shellcheck disable=SC2086
  podman rm -f -t 5 $ids >/dev/null 2>&1 || warn "some containers of $PAAS_PLATFORM_ID could not be removed"
  log "    removed $(wc -w <<<"$ids") container(s) labelled paas.platform=$PAAS_PLATFORM_ID"
}

# postgres_pid: the postmaster serving $PAAS_HOME/postgres/data, if one runs.
postgres_pid() {
  local data=$PAAS_HOME/postgres/data pid p
  if [[ -r $data/postmaster.pid ]]; then
    pid=$(head -n1 "$data/postmaster.pid")
    if [[ $pid =~ ^[0-9]+$ ]] && pid_alive "$pid" && [[ $(cmdline_of "$pid") == *postgres* ]]; then
      echo "$pid"; return
    fi
  fi
  # No (or a stale) pid file: look for a postmaster started on this data directory.
  for p in /proc/[0-9]*; do
    [[ $(cmdline_of "${p#/proc/}") == *postgres*"-D $data "* ]] && { echo "${p#/proc/}"; return; }
  done
  return 1
}

# The controller stops its embedded PostgreSQL on shutdown; after a kill -9 it stays behind.
stop_postgres() {
  local pid
  pid=$(postgres_pid) || return 0
  # SIGINT is PostgreSQL's "fast shutdown".
  stop_pid "$pid" 30 INT
  log "    stopped the embedded PostgreSQL left behind (pid $pid)"
}

# remove_registry_images: with PAAS_REMOVE_IMAGES=1, drops what this platform pulled into the
# machine's shared image store: images known only by names in "$PAAS_REGISTRY/..." are removed,
# images that have other names too (the local stack images) only lose this registry's tags.
# (Never `podman rmi NAME@DIGEST`: that removes the image with all its names.)
remove_registry_images() {
  [[ ${PAAS_REMOVE_IMAGES:-0} == 1 ]] || return 0
  command -v podman >/dev/null 2>&1 || return 0
  local plan action id name n=0
  plan=$(podman images --format json 2>/dev/null | jq -r --arg p "$PAAS_REGISTRY/" '
    .[] | .Id as $id | ((.Names // []) + (.RepoDigests // [])) as $all
    | select(any($all[]; startswith($p)))
    | if all($all[]; startswith($p)) then "rmi \($id)"
      else (.Names // [])[] | select(startswith($p)) | "untag \($id) \(.)" end') || return 0
  while read -r action id name; do
    [[ -n $action ]] || continue
    if [[ $action == rmi ]]; then
      podman rmi "$id" >/dev/null 2>&1 || { warn "image $id of $PAAS_REGISTRY is still in use"; continue; }
    else
      podman untag "$id" "$name" >/dev/null 2>&1 || continue
    fi
    n=$((n + 1))
  done <<<"$plan"
  log "    removed $n image(s)/name(s) of $PAAS_REGISTRY"
}
