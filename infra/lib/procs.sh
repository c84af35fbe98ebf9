# Background processes of the platform: pid files in $PAAS_HOME/run, logs in $PAAS_HOME/logs.
# shellcheck shell=bash
#
# Each process's output goes through daemontools' multilog into $PAAS_HOME/logs/NAME/: the file
# "current", and older files named @<TAI64N time>.s once current passes PAAS_LOG_MAX_BYTES. A
# directory holds at most PAAS_LOG_FILES files (current included), so a platform that stays up
# for months keeps at most PAAS_LOG_FILES x PAAS_LOG_MAX_BYTES of each process's log.
#
# A process counts as ours only if its pid file names a live process whose command line holds
# a marker unique to this PAAS_HOME: two platforms side by side never touch each other's
# processes, and a recycled pid is never signalled.

pid_file() { echo "$PAAS_HOME/run/$1.pid"; }
log_dir() { echo "$PAAS_HOME/logs/$1"; }
log_file() { echo "$PAAS_HOME/logs/$1/current"; }

LOG_MAX_BYTES=${PAAS_LOG_MAX_BYTES:-10485760}
LOG_FILES=${PAAS_LOG_FILES:-5}

cmdline_of() { { tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null; }

# running NAME MARKER: prints the pid when NAME runs.
running() {
  local pid
  pid=$(cat "$(pid_file "$1")" 2>/dev/null) || return 1
  pid_alive "$pid" || return 1
  [[ $(cmdline_of "$pid") == *"$2"* ]] || return 1
  echo "$pid"
}

# release_log_dir DIR: ends a multilog still writing into DIR. It outlives its process when that
# process was killed and a child of it still holds the pipe (the Podman service's helpers do): it
# keeps DIR's lock, the new multilog cannot take it and exits, and the new process then dies at its
# first line of output (SIGPIPE). Called only to launch anew, so any such logger is stale.
release_log_dir() {
  local dir=$1 p pids=()
  for p in /proc/[0-9]*; do
    [[ $(cmdline_of "${p#/proc/}") == multilog*" $dir " ]] && pids+=("${p#/proc/}")
  done
  ((${#pids[@]} == 0)) && return 0
  for p in "${pids[@]}"; do stop_pid "$p" 5; done
  log "    $(basename "$dir"): ended a logger left by a process that was killed"
}

# launch NAME MARKER CMD...: starts CMD in its own session (it outlives this shell), in
# $PAAS_HOME, with its output rotated by size into $(log_dir NAME) (see the top of this file).
# Returns once CMD has been exec'd (its command line holds MARKER) or has died.
launch() {
  local name=$1 marker=$2; shift 2
  local dir pid; dir=$(log_dir "$name")
  [[ $LOG_MAX_BYTES =~ ^[0-9]+$ ]] && ((LOG_MAX_BYTES >= 4096 && LOG_MAX_BYTES <= 16777215)) ||
    die "PAAS_LOG_MAX_BYTES must be a number of bytes from 4096 to 16777215 (multilog's range), not '$LOG_MAX_BYTES'"
  [[ $LOG_FILES =~ ^[0-9]+$ ]] && ((LOG_FILES >= 2)) || die "PAAS_LOG_FILES must be 2 or more, not '$LOG_FILES'"
  mkdir -p "$PAAS_HOME/run" "$dir"
  release_log_dir "$dir"
  # A log from before logs were rotated (NAME.log) moves into the directory, out of multilog's count.
  if [[ -f $PAAS_HOME/logs/$name.log ]]; then
    mv -f "$PAAS_HOME/logs/$name.log" "$dir/previous.log"
    rm -f "$PAAS_HOME/logs/$name.log.1"
  fi
  # No job control here, so the background child is no group leader and setsid execs in
  # place: $! is the pid of CMD itself. multilog reads CMD's output through a pipe and ends when
  # CMD (and whatever CMD started that shares its output) has ended.
  # multilog's own output must not hold this script's stdout open (a caller reading it to its end
  # would wait for the platform to stop): its rare complaints go to logs/rotation-errors.
  (cd "$PAAS_HOME" && exec setsid "$@" \
     > >(exec multilog "s$LOG_MAX_BYTES" "n$LOG_FILES" "$dir" >/dev/null 2>>"$PAAS_HOME/logs/rotation-errors") \
     2>&1 </dev/null) &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  await_exec "$pid" "$marker"
}

# launch_beside NAME MARKER OLDPID CMD...: starts CMD as launch does, but writing into OLDPID's log pipe
# (the same multilog, which outlives OLDPID while CMD holds the pipe): NAME's next process runs beside
# the one it replaces, in one log without a gap. Prints CMD's pid; the pid file is the caller's to write.
launch_beside() {
  local name=$1 marker=$2 old=$3 pid; shift 3
  [[ -e /proc/$old/fd/1 ]] || { warn "$name (pid $old) has no log pipe to share"; return 1; }
  (cd "$PAAS_HOME" && exec setsid "$@" >"/proc/$old/fd/1" 2>&1 </dev/null) &
  pid=$!
  await_exec "$pid" "$marker"
  echo "$pid"
}

# await_exec PID MARKER: until the exec chain (subshell, setsid, env) reaches the command, its pid does not
# look like ours: waits (10 s at most) until its command line holds MARKER or it has died.
await_exec() {
  local pid=$1 marker=$2
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
