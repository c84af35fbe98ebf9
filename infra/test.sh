#!/usr/bin/env bash
# Runs every test of the project: buildpacks, unit and API tests, and the end-to-end suite
# (a private platform on free ports, driven by real git and paas). Installs what is missing first
# (Debian packages when root, the stack images), so a fresh machine needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
infra/platform.sh setup
# What only the tests use, beside what the platform needs (setup installed that):
#   busybox-static  the scheduler tests import it as an image of their own (a unique digest to pull)
if [[ ! -x /bin/busybox ]]; then
  [[ $(id -u) == 0 ]] || { echo "error: the tests need /bin/busybox: apt-get install -y busybox-static" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq busybox-static >/dev/null; }
fi
infra/lib/logs-test.sh
buildpacks/test/run.sh
mvn -B -ntp verify "$@"
echo "infra/test.sh: all tests passed in $(( $(date +%s) - started )) s"
