# shellcheck shell=bash
# Which Python an app gets, and Debian's packages that make it up (fetched and
# checked by ../../lib/debian.sh). The interpreter goes into the slug: the run
# image has no Python.

# Debian's Python per stack: "SERIES SUITE". Trixie's 3.13 needs trixie's C
# library (libc6 >= 2.38; bookworm has 2.36) and libssl3t64 >= 3.4, so a bookworm
# stack has only 3.11.
python_series() {
  case $1 in
    bookworm) echo "3.11 bookworm" ;;
    trixie) echo "3.13 trixie" ;;
  esac
}

# The interpreter, its standard library, pip (with setuptools and wheel, so
# pyproject.toml apps build without an index), and the shared libraries the
# standard library's modules link that the run image lacks (it has libc, libssl,
# libffi, zlib, bz2, lzma, uuid, tirpc: see infra/stack/build.sh). On trixie:
# readline is the 64-bit-time libreadline8t64, the run image has no libffi8,
# 3.13 has no nis module (libnsl2) nor distutils and lib2to3, and setuptools
# and wheel use Debian's packages of what they vendored before.
python_package_names() {
  local s=$1
  echo "python$s-minimal libpython$s-minimal libpython$s-stdlib libexpat1 libsqlite3-0 libncursesw6"
  case $s in
    3.11) echo "libreadline8 libnsl2" \
      "python3-pip python3-setuptools python3-wheel python3-pkg-resources python3-distutils python3-lib2to3" ;;
    *) echo "libreadline8t64 libffi8" \
      "python3-pip python3-setuptools python3-wheel python3-pkg-resources python3-packaging" \
      "python3-jaraco.text python3-jaraco.functools python3-jaraco.context python3-more-itertools" \
      "python3-autocommand python3-inflect python3-typeguard python3-typing-extensions python3-zipp" ;;
  esac
}

# python_packages SUITE: reads a Packages index on stdin and prints
# "PACKAGE VERSION FILE SHA256" for the packages named in $PYTHON_PACKAGES.
python_packages() {
  debian_packages | awk -v names="$PYTHON_PACKAGES" '
    BEGIN { n = split(names, a, " "); for (i = 1; i <= n; i++) want[a[i]] = 1 }
    $1 in want'
}

# wanted_python STACK: the series the app asks for (runtime.txt "python-3.11.9",
# .python-version "3.11"), or the stack's; sets PY_SERIES, PY_ASKED (what the
# app wrote and where, for messages), or REFUSAL and returns 1.
wanted_python() {
  local stack=$1 file='' asked='' series suite
  read -r series suite <<< "$(python_series "$stack")"
  PY_SERIES=$series PY_ASKED='' REFUSAL=''
  if [ -f runtime.txt ]; then file=runtime.txt asked=$(tr -d '[:space:]' < runtime.txt)
  elif [ -f .python-version ]; then file=.python-version asked=$(grep -v '^#' .python-version | head -1 | tr -d '[:space:]')
  fi
  [ -n "$asked" ] || return 0
  PY_ASKED="$file asks for $asked"
  local version=${asked#python-}
  if [[ ! $version =~ ^[0-9]+\.[0-9]+(\.[0-9]+)?$ ]]; then
    REFUSAL="$file asks for \"$asked\", which is not a Python version (write python-$series in runtime.txt, $series in .python-version; supported here: Python $series)"
    return 1
  fi
  if [ "$(cut -d. -f1-2 <<< "$version")" != "$series" ]; then
    REFUSAL="$file asks for Python $version: supported here: Python $series (Debian $suite's python$series, on the $stack stack)"
    local other
    for other in bookworm trixie; do
      if [ "$other" != "$stack" ] && [ "$(cut -d. -f1-2 <<< "$version")" = "$(python_series "$other" | cut -d' ' -f1)" ]; then
        REFUSAL+="; Python $(python_series "$other" | cut -d' ' -f1) is Debian $other's and runs on the $other stack: run \`paas stack:set $other\` and push again"
      fi
    done
    return 1
  fi
}
