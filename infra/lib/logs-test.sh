#!/usr/bin/env bash
# Tests that the platform's process logs are rotated by size (infra/lib/procs.sh launch): a process
# that writes far more than the bound leaves at most PAAS_LOG_FILES files of PAAS_LOG_MAX_BYTES,
# the newest lines in "current", and a restart appends to the same directory.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$HERE/common.sh"
PAAS_HOME=$(mktemp -d)
trap 'stop_proc writer " paas-logs-test " 5 >/dev/null 2>&1 || true; pkill -f "^sleep 301.17$" || true; rm -rf "$PAAS_HOME"' EXIT
export PAAS_LOG_MAX_BYTES=65536 PAAS_LOG_FILES=3
# shellcheck source=procs.sh
. "$HERE/procs.sh"

passed=0 failed=0
check() {
  if [[ $2 == "$3" ]]; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: expected '$2', got '$3'"; fi
}

# writer: 40,000 numbered lines (~1.3 MB, 20 times the bound), then waits to be stopped (bash
# itself waits: its command line, with the marker, must stay for stop_proc to know it).
writer() {
  launch writer " paas-logs-test " bash -c 'for ((i = 1; i <= 40000; i++)); do echo "line $i of run $1"; done; while :; do sleep 0.2; done' bash "$1" " paas-logs-test "
}
writer 1
dir=$(log_dir writer)
wait_until 30 grep -q "^line 40000 of run 1$" "$dir/current" || true

check "the newest line is in current" "line 40000 of run 1" "$(tail -n 1 "$dir/current")"
files=$(find "$dir" -maxdepth 1 -type f \( -name current -o -name '@*' \) | wc -l)
check "at most PAAS_LOG_FILES files" "yes" "$( ((files <= 3)) && echo yes || echo "no ($files)")"
bytes=$(find "$dir" -maxdepth 1 -type f \( -name current -o -name '@*' \) -printf '%s\n' | awk '{s += $1} END {print s}')
check "at most PAAS_LOG_FILES x PAAS_LOG_MAX_BYTES bytes" "yes" "$( ((bytes <= 3 * 65536)) && echo yes || echo "no ($bytes)")"
check "older lines were rotated out" "0" "$(cat "$dir"/current "$dir"/@* | grep -c '^line 1 of run 1$' || true)"

stop_proc writer " paas-logs-test " 5 >/dev/null
wait_until 10 eval '! pgrep -f "multilog s65536 n3 $dir" >/dev/null' || true
check "multilog ends with its process" "0" "$(pgrep -fc "multilog s65536 n3 $dir" || true)"

writer 2
wait_until 30 grep -q "^line 40000 of run 2$" "$dir/current" || true
check "a restart writes on in the same directory" "line 40000 of run 2" "$(tail -n 1 "$dir/current")"
files=$(find "$dir" -maxdepth 1 -type f \( -name current -o -name '@*' \) | wc -l)
check "still at most PAAS_LOG_FILES files after a restart" "yes" "$( ((files <= 3)) && echo yes || echo "no ($files)")"

# A caller that reads the launcher's output to its end (a test's shell, `start | tail`) must not
# wait for the launched process: nothing it starts may keep that output open.
stop_proc writer " paas-logs-test " 5 >/dev/null
check "the launcher's output ends when it returns" "done" "$(timeout 10 bash -c '. "$1/common.sh"; . "$1/procs.sh"; PAAS_HOME=$2;
  launch writer " paas-logs-test " bash -c "while :; do sleep 0.2; done" bash " paas-logs-test "' bash "$HERE" "$PAAS_HOME" 2>&1 | cat >/dev/null && echo done)"

# A process killed outright while a child of its still holds its output (as a SIGKILLed Podman
# service's helpers do) leaves its multilog running, holding the directory's lock: the next launch
# must still log, and its process must live.
stop_proc writer " paas-logs-test " 5 >/dev/null
launch writer " paas-logs-test " bash -c 'sleep 301.17 & echo "run 3 with a child"; while :; do sleep 0.2; done' bash " paas-logs-test "
wait_until 10 grep -q "^run 3 with a child$" "$dir/current" || true
kill -KILL "$(cat "$(pid_file writer)")"
wait_until 5 eval '! pid_alive "$(cat "$(pid_file writer)")"' || true
check "its logger outlives a killed process whose child holds the pipe" "1" "$(pgrep -fc "multilog s65536 n3 $dir" || true)"
writer 4
wait_until 30 grep -q "^line 40000 of run 4$" "$dir/current" || true
check "the next launch logs anyway" "line 40000 of run 4" "$(tail -n 1 "$dir/current")"
check "and its process lives" "yes" "$(running writer " paas-logs-test " >/dev/null && echo yes || echo no)"
pkill -f "^sleep 301.17$" || true

echo "logs: $passed passed, $failed failed"
((failed == 0))
