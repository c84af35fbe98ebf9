#!/usr/bin/env bash
# Runs every test of the project: buildpacks, unit and API tests, and the end-to-end suite
# (a private platform on free ports, driven by real git and paas). Installs what is missing first
# (Debian packages when root, the stack images), so a fresh machine needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
infra/platform.sh setup
# need COMMAND PACKAGE: installs the Debian package (when root) if the command is missing.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  [[ $(id -u) == 0 ]] || { echo "error: the tests need $1: apt-get install -y $2" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null ||
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
}
# What only the tests use, beside what the platform needs (setup installed that):
#   busybox-static  the scheduler tests import it as an image of their own (a unique digest to pull)
#   openssh-client  git over SSH is pushed with the real ssh client, with keys made by ssh-keygen
#   chromium, chromium-driver  the web console's browser test (Selenium drives /usr/bin/chromedriver)
#   systemd         RebootTest checks the unit of `platform.sh service` with systemd-analyze
#   pebble, openssl CertsAutoTest: an ACME test CA and its mock DNS; certificates made and read with openssl
need /bin/busybox busybox-static
need ssh openssh-client
need ssh-keygen openssh-client
need chromium chromium
need chromedriver chromium-driver
need systemd-analyze systemd
need pebble pebble
need openssl openssl
infra/lib/logs-test.sh
infra/lib/engine-test.sh
buildpacks/test/run.sh
mvn -B -ntp verify "$@"
echo "infra/test.sh: all tests passed in $(( $(date +%s) - started )) s"
