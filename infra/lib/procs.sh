# Background processes of the platform: pid files in $PAAS_HOME/run, logs in $PAAS_HOME/logs.
# shellcheck shell=bash
#
# A process counts as ours only if its pid file names a live process whose command line holds
# a marker unique to this PAAS_HOME: two platforms side by side never touch each other's
# processes, and a recycled pid is never signalled.

pid_file() { echo "$PAAS_HOME/run/$1.pid"; }
log_file() { echo "$PAAS_HOME/logs/$1.log"; }

cmdline_of() { { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null; }

# running NAME MARKER: prints the pid when NAME runs.
running() {
  local pid
  pid=$(cat "$(pid_file "$1")" 2>/dev/null) || return 1
  pid_alive "$pid" || return 1
  [[ $(cmdline_of "$pid") == *"$2"* ]] || return 1
  echo "$pid"
}

# launch NAME MARKER CMD...: starts CMD in its own session (it outlives this shell), in
# $PAAS_HOME, with output to its log; the previous log is kept as NAME.log.1. Returns once CMD
# has been exec'd (its command line holds MARKER) or has died.
launch() {
  local name=$1 marker=$2; shift 2
  local log pid; log=$(log_file "$name")
  mkdir -p "$PAAS_HOME/run" "$PAAS_HOME/logs"
  [[ -f $log ]] && mv -f "$log" "$log.1"
  # No job control here, so the background child is no group leader and setsid execs in
  # place: $! is the pid of CMD itself.
  (cd "$PAAS_HOME" && exec setsid "$@" >"$log" 2>&1 </dev/null) &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  # Until the exec chain (subshell, setsid, env) reaches CMD, the pid does not look like ours.
  wait_until 10 eval "! pid_alive $pid || [[ \$(cmdline_of $pid) == *\"\$marker\"* ]]" || true
}

# stop_pid PID SECONDS [SIGNAL]: signal, wait, then KILL. True when it is gone.
stop_pid() {
  local pid=$1 limit=$2 sig=${3:-TERM}
  pid_alive "$pid" || return 0
  kill -"$sig" "$pid" 2>/dev/null || true
  if ! wait_until "$limit" eval "! pid_alive $pid"; then
    warn "pid $pid did not stop within ${limit}s after SIG$sig: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    wait_until 5 eval "! pid_alive $pid" || return 1
  fi
}

# stop_proc NAME MARKER SECONDS: stops NAME if it runs; prints what it did.
stop_proc() {
  local pid
  if pid=$(running "$1" "$2"); then
    stop_pid "$pid" "$3"
    log "    stopped $1 (pid $pid)"
  fi
  rm -f "$(pid_file "$1")"
}

# wait_ready NAME MARKER SECONDS CHECK...: waits for CHECK while NAME stays alive; on death or
# timeout prints the end of its log and fails.
wait_ready() {
  local name=$1 marker=$2 limit=$3; shift 3
  local deadline=$(( $(now_ms) + limit * 1000 ))
  until "$@"; do
    if ! running "$name" "$marker" >/dev/null; then
      log "error: $name exited during start; end of $(log_file "$name"):"
      tail -n 40 "$(log_file "$name")" >&2 || true
      return 1
    fi
    if (( $(now_ms) > deadline )); then
      log "error: $name not ready after ${limit}s; end of $(log_file "$name"):"
      tail -n 40 "$(log_file "$name")" >&2 || true
      return 1
    fi
    sleep 0.2
  done
}
