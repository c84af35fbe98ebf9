# Shared by the benchmarks that start their own processes: a scratch directory and the processes
# started (PIDS), both gone when the script ends however it ends; free local ports (free_port, the
# platform's own, from infra/lib/common.sh).
# shellcheck shell=bash
# shellcheck source=../lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/common.sh"

# bench_scratch NAME: sets WORK to a new /tmp/NAME.XXXXXX and PIDS to none; on exit, kills PIDS and removes WORK.
bench_scratch() {
  WORK="$(mktemp -d "/tmp/$1.XXXXXX")"
  PIDS=()
  trap bench_cleanup EXIT INT TERM
}

bench_cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}

# bench_backend NGINX PORT: the benchmarks' backend, nginx with one worker answering a 13-byte page on
# 127.0.0.1:PORT, in $WORK/backend; its pid joins PIDS.
bench_backend() {
  mkdir -p "$WORK/backend"
  cat > "$WORK/backend/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/backend/nginx.pid;
error_log $WORK/backend/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$2; location / { return 200 "hello, world\n"; } }
}
CONF
  "$1" -c "$WORK/backend/nginx.conf" -p "$WORK/backend" -g 'daemon off;' & PIDS+=($!)
}

# cpu_ticks PID: the CPU time of a process so far, "user system" in clock ticks, its threads and its child
# processes (nginx's workers) included. The fields are counted from the end of /proc/PID/stat: a thread's
# name may hold spaces.
CLOCK_TICKS=$(getconf CLK_TCK)
cpu_ticks() {
  for pid in "$1" $(pgrep -P "$1"); do cat "/proc/$pid/stat" 2>/dev/null; echo; done \
    | awk 'NF { sub(/^.*\) /, ""); u += $12; s += $13 } END { print u + 0, s + 0 }'
}

# to_ms TIME: wrk's "850.00us", "1.20ms" or "2.00s" in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.2f", n }'; }

# median_of LINES COLUMN: the median of one column of the runs' lines.
median_of() { printf '%s' "$1" | awk -v c="$2" '{ print $c }' | sort -g | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }'; }
