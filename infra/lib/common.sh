# Shared helpers for the infra scripts. Source it; it defines functions only.
# shellcheck shell=bash

log()  { printf '%s\n' "$*" >&2; }
step() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# now_ms: wall clock in milliseconds, for timing steps.
now_ms() { date +%s%3N; }

# elapsed START_MS: seconds since START_MS, one decimal.
elapsed() {
  local d=$(( $(now_ms) - $1 ))
  printf '%d.%ds' $((d / 1000)) $(((d % 1000) / 100))
}

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# free_port: a TCP port of 127.0.0.1 that nothing uses, taken below the kernel's range of ephemeral
# ports: every bind(0) lands in that range, and so do the ports the engine publishes for containers
# (by DNAT, which a connect test does not see: a dead container's port refuses as a free one does),
# so a port from here is never handed to a container or a client later. Ports something listens on or
# a DNAT rule names are skipped.
free_port() {
  local p low used
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  ((low > 12000)) || low=32768
  used=$({ ss -Hltn 2>/dev/null | awk '{print $4}'; iptables -t nat -S 2>/dev/null | grep -o -- '--dport [0-9]*'; } |
    grep -o '[0-9]*$' | sort -u)
  for _ in $(seq 1 200); do
    p=$((10000 + RANDOM % (low - 10000)))
    grep -qx "$p" <<<"$used" && continue
    port_open 127.0.0.1 "$p" || { echo "$p"; return; }
  done
  die "no free port found on 127.0.0.1"
}

# wait_until SECONDS CMD...: run CMD every 0.2 s until it succeeds; false on timeout.
wait_until() {
  local limit=$1; shift
  local deadline=$(( $(now_ms) + limit * 1000 ))
  until "$@"; do
    (( $(now_ms) < deadline )) || return 1
    sleep 0.2
  done
}

# pid_alive PID: true when PID names a live (non-zombie) process.
pid_alive() {
  [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null || return 1
  local state
  # the command name in field 2 may hold spaces: take what follows its ')'
  state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [[ $state != Z ]]
}
