#!/usr/bin/env bash
# Runs every test of the project: buildpacks, unit and API tests, and the end-to-end suite
# (a private platform on free ports, driven by real git and paas). Installs what is missing first
# (Debian packages when root, the stack images), so a fresh machine needs nothing else.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
infra/platform.sh setup
buildpacks/test/run.sh
mvn -B -ntp verify "$@"
echo "infra/test.sh: all tests passed in $(( $(date +%s) - started )) s"
