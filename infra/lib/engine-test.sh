#!/usr/bin/env bash
# Tests remove_stale_port_rules (infra/lib/engine.sh): the DNAT rules netavark leaves behind for a
# container that no longer exists (its platform killed, not stopped) hijack a port of 127.0.0.1 that
# looks free; the sweep removes them and keeps those of containers that exist. The rules are made as
# netavark makes them (one jump per port, naming the container, into a chain of the network).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=common.sh
. "$HERE/common.sh"
# shellcheck source=engine.sh
. "$HERE/engine.sh"
[[ $(id -u) == 0 ]] || { echo "engine: skipped (iptables needs root)"; exit 0; }

CHAIN=NETAVARK-DN-00000000E2E7E
GONE=$(printf '%064x' "$$")   # no container has such an id
NAME=paas-engine-test-$$
ADDED_HOOK=0 ADDED_SETMARK=0 LISTENER=
# An EXIT trap's failing command would become the script's status: every step here may find nothing to do.
cleanup() {
  set +e
  [[ -n $LISTENER ]] && kill "$LISTENER" 2>/dev/null
  local r
  while read -r r; do
    [[ $r == *"-j $CHAIN"* ]] && eval "iptables -t nat -D ${r#-A }"
  done < <(iptables -t nat -S NETAVARK-HOSTPORT-DNAT 2>/dev/null)
  iptables -t nat -F "$CHAIN" 2>/dev/null && iptables -t nat -X "$CHAIN" 2>/dev/null
  ((ADDED_SETMARK == 0)) || iptables -t nat -X NETAVARK-HOSTPORT-SETMARK
  ((ADDED_HOOK == 0)) || iptables -t nat -D OUTPUT -m addrtype --dst-type LOCAL -j NETAVARK-HOSTPORT-DNAT
  podman rm -f "$NAME" >/dev/null 2>&1
  return 0
}
trap cleanup EXIT

passed=0 failed=0
check() {
  if [[ $2 == "$3" ]]; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: expected '$2', got '$3'"; fi
}

iptables -t nat -N NETAVARK-HOSTPORT-DNAT 2>/dev/null || true
if ! iptables -t nat -C OUTPUT -m addrtype --dst-type LOCAL -j NETAVARK-HOSTPORT-DNAT 2>/dev/null; then
  iptables -t nat -A OUTPUT -m addrtype --dst-type LOCAL -j NETAVARK-HOSTPORT-DNAT; ADDED_HOOK=1
fi
# netavark makes the mark chain with its first published port: a fresh machine has none yet, and a
# jump to a missing chain cannot be added (the rule below would RETURN before the DNAT)
iptables -t nat -N NETAVARK-HOSTPORT-SETMARK 2>/dev/null && ADDED_SETMARK=1
iptables -t nat -N "$CHAIN"
# publish ID PORT: netavark's rules for a container's port 5000 published on 127.0.0.1:PORT.
publish() {
  iptables -t nat -A "$CHAIN" -s 127.0.0.1/32 -d 127.0.0.1/32 -p tcp -m tcp --dport "$2" -j NETAVARK-HOSTPORT-SETMARK
  iptables -t nat -A "$CHAIN" -d 127.0.0.1/32 -p tcp -m tcp --dport "$2" -j DNAT --to-destination 192.0.2.254:5000
  iptables -t nat -A NETAVARK-HOSTPORT-DNAT -p tcp -m tcp --dport "$2" -m comment --comment "dnat name: paas-test id: $1" -j "$CHAIN"
}
reaches() { timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && read -r -t 2 line <&3 && [[ \$line == hello ]]" 2>/dev/null && echo yes || echo no; }
listening() { [[ -n $(ss -Hltn "sport = :$1") ]]; }

gone_port=$(free_port)
publish "$GONE" "$gone_port"
# the run image of the stack setup builds (any image the store holds would do)
podman create --name "$NAME" "localhost/paas/stack-run:${PAAS_STACK:-bookworm}" true >/dev/null
live_id=$(podman inspect --format '{{.Id}}' "$NAME")
live_port=$(free_port)
publish "$live_id" "$live_port"

# A listener on the hijacked port: bound, and yet never reached.
busybox nc -ll -p "$gone_port" -e /bin/echo hello >/dev/null 2>&1 & LISTENER=$!
wait_until 5 listening "$gone_port" || true
check "a stale rule hijacks its port" "no" "$(reaches "$gone_port")"

remove_stale_port_rules 2>/dev/null
check "the rule of a container that no longer exists is gone" "0" "$(iptables -t nat -S | grep -c -- "--dport $gone_port " || true)"
check "its port is reached again" "yes" "$(reaches "$gone_port")"
check "the rules of a container that exists stay" "3" "$(iptables -t nat -S | grep -c -- "--dport $live_port " || true)"

podman rm -f "$NAME" >/dev/null
remove_stale_port_rules 2>/dev/null
check "once it is removed, they go too" "0" "$(iptables -t nat -S | grep -c -- "--dport $live_port " || true)"
check "and the network's chain with its last rule" "no" "$(iptables -t nat -S "$CHAIN" >/dev/null 2>&1 && echo yes || echo no)"

echo "engine: $passed passed, $failed failed"
((failed == 0)) || exit 1
exit 0
