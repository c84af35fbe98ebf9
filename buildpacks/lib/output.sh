# shellcheck shell=bash
# Output helpers in Heroku's style: the builder forwards every line to the
# git client as "remote: ...", so headers and 7-space details must line up.

header() { echo "-----> $*"; }
info() { echo "       $*"; }
warn() { echo " !     $*"; }
# Indents a command's output line by line as it streams (no buffering).
indent() { sed -u 's/^/       /'; }

fail() {
  echo
  echo " !     $*" >&2
  echo
  exit 1
}

# Seconds since the epoch with milliseconds, for step timings.
now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1fs", e - s }'; }

# Human size of a file or folder ("0" when missing).
size_of() { du -sh "$1" 2>/dev/null | cut -f1 || echo 0; }
