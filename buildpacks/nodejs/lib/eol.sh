# shellcheck shell=bash
# Node.js release lines and the day each stops getting fixes, from the
# Node.js release schedule (github.com/nodejs/Release). Lines not listed
# (newer ones) are taken as supported. Needs: output.sh.
NODE_END_OF_LIFE='
0.8 2014-07-31
0.10 2016-10-31
0.12 2016-12-31
4 2018-04-30
5 2016-06-30
6 2019-04-30
7 2017-06-30
8 2019-12-31
9 2018-06-30
10 2021-04-30
11 2019-06-01
12 2022-04-30
13 2020-06-01
14 2023-04-30
15 2021-06-01
16 2023-09-11
17 2022-06-01
18 2025-04-30
19 2023-06-01
20 2026-04-30
21 2024-06-01
22 2027-04-30
23 2025-06-01
24 2028-04-30
25 2026-06-01
26 2029-04-30
'

# Warns when Node.js $1 is past its end of life (TODAY, as YYYY-MM-DD, is for tests).
warn_if_end_of_life() {
  local version=$1 line eol today=${TODAY:-$(date -u +%F)}
  case $version in 0.*) line=${version%.*} ;; *) line=${version%%.*} ;; esac
  eol=$(awk -v l="$line" '$1 == l { print $2 }' <<<"$NODE_END_OF_LIFE")
  if [ -n "$eol" ] && [[ $eol < $today ]]; then
    warn "Node.js $version is past its end of life (the $line.x line: $eol): it gets no security fixes."
    warn "Move to a supported line: set engines.node in package.json (default: $DEFAULT_NODE_RANGE)."
  fi
}
