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
