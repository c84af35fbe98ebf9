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

# free_port: a TCP port on 127.0.0.1 that nobody listens on right now.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' && return
  fi
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 40000 ))
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
