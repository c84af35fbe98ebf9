#!/usr/bin/env bash
# Many apps on one machine (issue 20): what the platform costs when hundreds of apps sit idle, and
# how fast it still reacts. Starts a private platform on free ports (its own PAAS_HOME, platform id
# and Podman service; no other platform or container is touched), pushes one static app with git,
# deploys that app's image to every other app (POST /v2/apps/{app}/images: one web container each,
# nginx serving a static page), going up by steps: apps up to the first N, settle, measure, apps up to
# the next N, settle, measure... A first block, N=0, measures the platform with no app at all.
#
# For each N it prints:
#   - idle CPU of each platform process over CPU_WINDOW seconds (controller, builder, router,
#     postgres and all its processes, registry, Podman service, all conmon processes as one line)
#     and in total, as % of one core, from /proc/<pid>/stat utime+stime (+ the children each reaped);
#   - their memory (PSS) and the total, the total per app (total/N and (total - total at N=0)/N),
#     and the app containers' own memory (conmon + the container's processes) per app; and how many
#     containers ended or started during the window (the idle figures hold when none did);
#   - crash to serving: K apps' web containers killed through the engine (POST /containers/{id}/kill
#     on the platform's Podman socket), time until the router serves the app's host with 200 again
#     from a container with another id; each, median, max;
#   - route change applied: K apps get a custom domain (POST /v2/apps/{app}/domains), time from the
#     request until the router answers that Host with 200 (polled from the moment the request is
#     sent, a new connection each time, 1 ms apart: about every 2 ms, the period is printed); each,
#     median, max; the domain is then removed;
#   - API latency: API_REQUESTS sequential GET /v2/apps and GET /v2/apps/{app} (curl's
#     time_total), p50 and p99;
#   - a new app's push: an app created and the static sample pushed to it with git (a real build),
#     to compare with the first app's push on the empty platform.
# and the time to create and deploy the apps of each step and, at the end, to destroy them all.
#
# Goals at N=500 on the 2-core machine: idle platform CPU under 5% of one core in total, crash to
# serving under 2 s, route change applied under 100 ms, API p99 under 100 ms.
#
# usage: N="100 250 500" infra/bench/many-apps.sh     (as root, like infra/platform.sh)
# knobs (environment):
#   N               the app counts, ascending (default "100 250 500")
#   SETTLE_SECONDS  wait after each step's apps are deployed, before measuring (default 30)
#   CPU_WINDOW      seconds over which idle CPU is measured (default 60)
#   K               apps killed, and apps given a domain, per step (default 5)
#   API_REQUESTS    requests of each kind for the API latency (default 200)
#   PARALLEL        apps created (and destroyed) at once (default 4)
#   CRASH_POLL_MS   poll period of the crash test (default 20)
# The apps are made and removed through the controller's HTTP API with curl (no CLI per app); on
# exit (also on failure or Ctrl-C) every app it made is destroyed and its platform stopped.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
N_LIST=${N:-"100 250 500"}
SETTLE_SECONDS=${SETTLE_SECONDS:-30}
CPU_WINDOW=${CPU_WINDOW:-60}
K=${K:-5}
API_REQUESTS=${API_REQUESTS:-200}
PARALLEL=${PARALLEL:-4}
CRASH_POLL_MS=${CRASH_POLL_MS:-20}
prev=0
for n in $N_LIST; do
  [[ $n =~ ^[0-9]+$ ]] && ((n > prev)) || { echo "N must be app counts in ascending order, not '$N_LIST'" >&2; exit 2; }
  prev=$n
done
for v in SETTLE_SECONDS CPU_WINDOW K API_REQUESTS PARALLEL CRASH_POLL_MS; do
  [[ ${!v} =~ ^[0-9]+$ ]] || { echo "$v must be a whole number, not '${!v}'" >&2; exit 2; }
done
((K > 0 && API_REQUESTS > 0 && PARALLEL > 0 && CPU_WINDOW > 0)) || { echo "K, API_REQUESTS, PARALLEL and CPU_WINDOW must be above 0" >&2; exit 2; }

work=$(mktemp -d /tmp/paas-many.XXXXXX)
export HOME=$work/home PAAS_HOME=$work/platform PAAS_PLATFORM_ID=many$$ PAAS_NO_GLOBAL_BIN=1
export PAAS_CONTROLLER_PORT=0 PAAS_BUILDER_PORT=0 PAAS_BUILDER_SSH_PORT=0 PAAS_ROUTER_PORT=0 PAAS_REGISTRY_PORT=0
export PAAS_ROUTER_TLS_PORT=0 PAAS_ROUTER_ADMIN_PORT=0 PAAS_CONTROLLER_ADMIN_PORT=0 PAAS_BUILDER_ADMIN_PORT=0
# The apps deploy an image of the platform's own registry, a loopback address.
export PAAS_ALLOW_PLATFORM_ADDRESSES=true
export PAAS_CACHE=${PAAS_CACHE:-/root/.cache/paas}
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
mkdir -p "$HOME"
apps_file=$work/apps   # every app made and not yet destroyed, one a line
: >"$apps_file"
: >"$work/killed"   # apps whose container the crash test killed

ms() { date +%s%3N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
say() { printf '%s\n' "$*"; }

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -s $apps_file && -n ${TOKEN:-} ]]; then
    say "(removing the $(wc -l <"$apps_file") apps left)"
    xargs -P "$PARALLEL" -n 1 "$work/destroy-app" <"$apps_file" >/dev/null 2>&1 || true
  fi
  PAAS_REMOVE_IMAGES=1 "$repo/infra/platform.sh" stop >"$work/stop.log" 2>&1 || cat "$work/stop.log" >&2
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "many-apps: N=\"$N_LIST\" SETTLE_SECONDS=$SETTLE_SECONDS CPU_WINDOW=$CPU_WINDOW K=$K API_REQUESTS=$API_REQUESTS PARALLEL=$PARALLEL ($(nproc) cores, $(date -u '+%Y-%m-%d %H:%M UTC'), $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?'))"
t=$(ms)
"$repo/infra/platform.sh" start >"$work/start.log" 2>&1 || { cat "$work/start.log"; exit 1; }
say "platform $PAAS_PLATFORM_ID started in $(secs "$t" "$(ms)") s"
# shellcheck disable=SC1091
. <(grep -E '^PAAS_[A-Z_]+=' "$PAAS_HOME/platform.env" | sed 's/^/export /')
export API=http://127.0.0.1:$PAAS_CONTROLLER_PORT ROUTER_PORT=$PAAS_ROUTER_PORT
export SOCK=$PAAS_HOME/podman/podman.sock

TOKEN=$(curl -fsS -X POST -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-pass-1"}' "$API/v2/auth/register" | jq -r .token)
export TOKEN

# ---------------------------------------------------------------- helpers run by xargs

# create-app APP: creates APP and deploys the image in $work/image with the web command in
# $work/web to it; one line "APP ok" or the controller's answer.
cat >"$work/create-app" <<'SH'
#!/usr/bin/env bash
set -uo pipefail
app=$1 work=$(dirname "$0")
api() { curl -sS -o "$work/out.$app" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' --max-time 300 "$API$2" ${3:+-d "$3"}; }
code=$(api POST /v2/apps "{\"name\":\"$app\"}")
[[ $code == 201 ]] || { echo "$app: create answered $code $(cat "$work/out.$app")"; exit 255; }
echo "$app" >>"$work/apps"
body=$(jq -cn --arg image "$(cat "$work/image")" --arg web "$(cat "$work/web")" '{image: $image, processTypes: {web: $web}}')
# A deploy may fail for a reason of the moment (the engine once picked a host port another socket
# had just taken): said, and tried again as a user would, twice at most.
for attempt in 1 2 3; do
  code=$(api POST "/v2/apps/$app/images" "$body")
  [[ $code == 201 ]] && break
  echo "$app: deploy $attempt answered $code $(cat "$work/out.$app")"
  ((attempt < 3)) || exit 255
  sleep 1
done
rm -f "$work/out.$app"
SH
# destroy-app APP
cat >"$work/destroy-app" <<'SH'
#!/usr/bin/env bash
set -uo pipefail
app=$1
code=$(curl -sS -o /dev/null -w '%{http_code}' -X DELETE -H "Authorization: Bearer $TOKEN" --max-time 300 "$API/v2/apps/$app")
[[ $code == 204 || $code == 404 ]] || { echo "$app: destroy answered $code"; exit 255; }
SH
chmod +x "$work/create-app" "$work/destroy-app"

# many.py: the measurements that need many samples or a tight loop, in one process.
cat >"$work/many.py" <<'PY'
import http.client, json, os, socket, statistics, sys, threading, time, urllib.parse

HOME = os.environ['PAAS_HOME']
PLATFORM = os.environ['PAAS_PLATFORM_ID']
SOCK = os.environ['SOCK']
ROUTER_PORT = int(os.environ['ROUTER_PORT'])
API = urllib.parse.urlparse(os.environ['API'])
TOKEN = os.environ['TOKEN']
TICKS = os.sysconf('SC_CLK_TCK')
PARTS = ['controller', 'builder', 'router', 'postgres', 'registry', 'podman', 'conmon']


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout=30):
        super().__init__('d', timeout=timeout)
        self.unix_path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(self.timeout)
        s.connect(self.unix_path)
        self.sock = s


def engine(method, path):
    c = UnixConnection(SOCK)
    try:
        c.request(method, '/v1.41' + path)
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def containers(app=None, every=False):
    labels = ['paas.platform=' + PLATFORM]
    if app:
        labels += ['paas.app=' + app, 'paas.type=web']
    q = urllib.parse.urlencode({'filters': json.dumps({'label': labels}), 'all': 'true' if every else 'false'})
    status, body = engine('GET', '/containers/json?' + q)
    if status != 200:
        raise SystemExit('engine: GET /containers/json answered %d %s' % (status, body[:200]))
    return json.loads(body)


def api(method, path, body=None):
    c = http.client.HTTPConnection(API.hostname, API.port, timeout=60)
    try:
        c.request(method, path, body=None if body is None else json.dumps(body),
                  headers={'Authorization': 'Bearer ' + TOKEN, 'Content-Type': 'application/json'})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


def router_status(host):
    c = http.client.HTTPConnection('127.0.0.1', ROUTER_PORT, timeout=1)
    try:
        c.request('GET', '/', headers={'Host': host})
        r = c.getresponse()
        r.read()
        return r.status
    except (OSError, http.client.HTTPException):
        return 0
    finally:
        c.close()


# ---------------------------------------------------------------- processes

def read(path):
    try:
        with open(path, 'rb') as f:
            return f.read()
    except OSError:
        return None


def processes():
    """pid -> (comm, ppid, utime+stime+cutime+cstime in ticks)"""
    ps = {}
    for d in os.listdir('/proc'):
        if not d.isdigit():
            continue
        s = read('/proc/%s/stat' % d)
        if s is None:
            continue
        s = s.decode(errors='replace')
        rest = s[s.rindex(')') + 2:].split()
        ps[int(d)] = (s[s.index('(') + 1:s.rindex(')')], int(rest[1]), sum(int(x) for x in rest[11:15]))
    return ps


def cmdline(pid):
    c = read('/proc/%d/cmdline' % pid)
    return [] if c is None else c.decode(errors='replace').split('\0')


def part_roots(ps):
    """The platform's processes as platform.sh finds them (pid files whose process names this PAAS_HOME)."""
    roots = {}
    for name in ['controller', 'builder', 'router', 'registry', 'podman']:
        pid = (read('%s/run/%s.pid' % (HOME, name)) or b'').strip()
        if pid.isdigit() and int(pid) in ps and HOME in ' '.join(cmdline(int(pid))):
            roots[name] = int(pid)
    pm = read(HOME + '/postgres/data/postmaster.pid')
    if pm:
        pid = pm.split(b'\n')[0].strip()
        if pid.isdigit() and int(pid) in ps:
            roots['postgres'] = int(pid)
    return roots


def conmons(ps):
    ids = {c['Id'] for c in containers(every=True)}
    return [pid for pid, (comm, _, _) in ps.items() if comm == 'conmon' and ids.intersection(cmdline(pid))]


def groups():
    """part -> pids: each part's process and its descendants (the other parts' and the app containers' apart);
    'conmon': this platform's conmon processes; 'apps': the processes of its containers."""
    ps = processes()
    children = {}
    for pid, (_, ppid, _) in ps.items():
        children.setdefault(ppid, []).append(pid)
    roots = part_roots(ps)
    cm = conmons(ps)
    stop = set(roots.values()) | set(cm)

    def tree(pid, skip):
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(c for c in children.get(p, []) if c not in skip)
        return out

    g = {name: tree(pid, stop) for name, pid in roots.items()}
    g['conmon'] = cm
    g['apps'] = [p for c in cm for p in tree(c, stop)[1:]]
    return ps, g


def sample(out):
    ps, g = groups()
    with open(out, 'w') as f:
        json.dump({'t': time.monotonic(), 'ticks': {n: sum(ps[p][2] for p in pids) for n, pids in g.items()},
                   'running': [c['Id'] for c in containers()]}, f)


def pss(pids):
    kb = 0
    for p in pids:
        for line in (read('/proc/%d/smaps_rollup' % p) or b'').split(b'\n'):
            if line.startswith(b'Pss:'):
                kb += int(line.split()[1])
    return kb / 1024


def usage(first, second, apps, base_file):
    """The table of CPU (between two samples) and memory (now) per part."""
    a, b = (json.load(open(x)) for x in (first, second))
    dt = b['t'] - a['t']
    _, g = groups()
    # A process that ended in the window and was reaped outside its part takes its time with it: never below 0.
    cpu = {n: max(0.0, 100.0 * (b['ticks'].get(n, 0) - a['ticks'].get(n, 0)) / TICKS / dt)
           for n in set(a['ticks']) | set(b['ticks'])}
    mem = {n: pss(pids) for n, pids in g.items()}
    print('  %-22s %6s %12s %10s' % ('process', 'procs', 'CPU % core', 'PSS MB'))
    total_cpu = total_mem = 0
    for n in PARTS:
        label = 'conmon (all, summed)' if n == 'conmon' else n
        print('  %-22s %6d %12.1f %10.0f' % (label, len(g.get(n, [])), cpu.get(n, 0), mem.get(n, 0)))
        total_cpu += cpu.get(n, 0)
        total_mem += mem.get(n, 0)
    print('  %-22s %6s %12.1f %10.0f   goal at N=500: CPU < 5%% of one core' % ('platform total', '', total_cpu, total_mem))
    print('  (CPU over %.0f s of idle; PSS after it)' % dt)
    if apps == 0:
        with open(base_file, 'w') as f:
            f.write(str(total_mem))
    else:
        base = float(open(base_file).read())
        print('  platform memory per app: total/N %.1f MB, (total - total at N=0 %.0f MB)/N %.1f MB'
              % (total_mem / apps, base, (total_mem - base) / apps))
        app_mem = mem.get('conmon', 0) + mem.get('apps', 0)
        print('  app containers (conmon + container processes): %d processes, PSS %.0f MB, %.1f MB per app; '
              'container processes CPU %.1f%% of one core'
              % (len(g['conmon']) + len(g['apps']), app_mem, app_mem / apps, cpu.get('apps', 0)))
    # The idle figures hold only if nothing was restarted meanwhile.
    before, after = set(a['running']), set(b['running'])
    print('  running containers labelled paas.platform=%s: %d at the window\'s start, %d at its end '
          '(%d gone and %d new during it), %d now'
          % (PLATFORM, len(before), len(after), len(before - after), len(after - before), len(containers())))


def summary(label, values, goal):
    ok = [v for v in values if v is not None]
    if not ok:
        print('  %s: no figure' % label)
        return
    fails = len(values) - len(ok)
    print('  %s: median %.0f ms, max %.0f ms over %d apps%s   goal at N=500: < %s'
          % (label, statistics.median(ok), max(ok), len(ok), ' (%d timed out)' % fails if fails else '', goal))


def crash(poll_ms, apps):
    """Kills each app's web container through the engine; the time until the router serves the app
    with 200 from a container with another id."""
    times = []
    for app in apps:
        running = containers(app)
        if not running:
            print('  %-12s no running web container' % app)
            times.append(None)
            continue
        old = running[0]['Id']
        t0 = time.monotonic()
        status, body = engine('POST', '/containers/%s/kill' % old)
        if status not in (200, 204):
            raise SystemExit('engine: kill %s answered %d %s' % (old[:12], status, body[:200]))
        polls, new, took = 0, None, None
        while time.monotonic() - t0 < 120:
            polls += 1
            if router_status(app + '.localhost') == 200:
                ids = [c['Id'] for c in containers(app) if c['Id'] != old]
                if ids:
                    took = (time.monotonic() - t0) * 1000
                    new = ids[0]
                    break
            time.sleep(poll_ms / 1000)
        if took is None:
            print('  %-12s not serving again after 120 s' % app)
        else:
            print('  %-12s %6.0f ms  (container %s -> %s, %d polls)' % (app, took, old[:12], new[:12], polls))
        times.append(took)
    summary('crash to serving', times, '2000 ms')


def route(tag, apps):
    """Adds a custom domain to each app; the time from sending the request until the router answers
    that Host with 200, polled from another thread while the request runs (a route may be applied
    before the controller answers)."""
    times = []
    for app in apps:
        domain = '%s-%s.bench.example.com' % (app, tag)
        if router_status(domain) == 200:
            raise SystemExit('%s answers 200 before it was added' % domain)
        seen = {'polls': 0, 'at': None}
        t0 = time.monotonic()

        def poll():
            while time.monotonic() - t0 < 60:
                seen['polls'] += 1
                if router_status(domain) == 200:
                    seen['at'] = (time.monotonic() - t0) * 1000
                    return
                time.sleep(0.001)  # leaves the 2 cores to the controller and router

        poller = threading.Thread(target=poll)
        poller.start()
        status, body = api('POST', '/v2/apps/%s/domains' % app, {'domain': domain})
        answered = (time.monotonic() - t0) * 1000
        poller.join()
        if status != 201:
            raise SystemExit('POST /v2/apps/%s/domains answered %d %s' % (app, status, body[:300]))
        took = seen['at']
        if took is None:
            print('  %-12s %s not routed after 60 s' % (app, domain))
        else:
            print('  %-12s %6.1f ms  (the POST answered after %.1f ms; %d polls, one every %.2f ms)'
                  % (app, took, answered, seen['polls'], took / seen['polls']))
        times.append(took)
        status, body = api('DELETE', '/v2/apps/%s/domains/%s' % (app, domain))
        if status != 204:
            raise SystemExit('DELETE domain %s answered %d %s' % (domain, status, body[:300]))
    summary('route change applied', times, '100 ms')


cmd = sys.argv[1]
if cmd == 'sample':
    sample(sys.argv[2])
elif cmd == 'usage':
    usage(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
elif cmd == 'crash':
    crash(float(sys.argv[2]), sys.argv[3:])
elif cmd == 'route':
    route(sys.argv[2], sys.argv[3:])
else:
    raise SystemExit('unknown command ' + cmd)
PY
many() { python3 "$work/many.py" "$@"; }

# ---------------------------------------------------------------- measurements

# percentile P FILE: the P-th percentile (nearest rank) of the seconds in FILE, in ms.
percentile() {
  sort -n "$2" | awk -v p="$1" '{ v[NR] = $1 } END { i = int((p * NR + 99) / 100); if (i < 1) i = 1; printf "%.1f", v[i] * 1000 }'
}

# latency LABEL PATH: API_REQUESTS sequential GETs, p50 and p99.
latency() {
  local f=$work/latency i
  : >"$f"
  for ((i = 0; i < API_REQUESTS; i++)); do
    curl -fsS -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "$API$2" >>"$f"
  done
  printf '  %-24s p50 %6s ms, p99 %6s ms (%d requests)   goal at N=500: p99 < 100 ms\n' \
    "$1" "$(percentile 50 "$f")" "$(percentile 99 "$f")" "$API_REQUESTS"
}

# measure N: settles, then prints the figures of N apps.
measure() {
  local n=$1
  sleep "$SETTLE_SECONDS"
  say ""
  say "== N=$n =="
  many sample "$work/cpu.a"
  sleep "$CPU_WINDOW"
  many sample "$work/cpu.b"
  many usage "$work/cpu.a" "$work/cpu.b" "$n" "$work/base-mem"
  ((n > 0)) || return 0
  # K apps never killed before, the newest first (a slot that crashed again soon waits for a back-off).
  local some
  mapfile -t some < <(tac "$apps_file" | grep -vxF -f "$work/killed" | head -n "$K")
  ((${#some[@]} > 0)) || mapfile -t some < <(tail -n "$K" "$apps_file")
  printf '%s\n' "${some[@]}" >>"$work/killed"
  say "  -- crash to serving (web container killed through the engine, router polled every ${CRASH_POLL_MS} ms)"
  many crash "$CRASH_POLL_MS" "${some[@]}"
  say "  -- route change applied (custom domain added; the router polled meanwhile, a new connection each time, 1 ms apart)"
  many route "n$n" "${some[@]}"
  say "  -- API latency"
  latency "GET /v2/apps" /v2/apps
  latency "GET /v2/apps/${some[0]}" "/v2/apps/${some[0]}"
  say "  -- a new app's push"
  push_app "push-$(printf %04d "$n")"
  say "  push-$(printf %04d "$n"): created and the static sample pushed (a real build) in $(secs 0 "$pushed_ms") s   goal: as fast as with no app"
}

# ---------------------------------------------------------------- the run

measure 0

# push_app NAME: creates the app and pushes the static sample to it with git (a real build: the
# app's own build cache is empty); leaves the time it took, in ms, in $pushed_ms.
push_app() {
  local name=$1 src=$work/src-$1 t
  cp -r "$repo/infra/samples/static-app" "$src"
  t=$(ms)
  curl -fsS -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$name\"}" "$API/v2/apps" >/dev/null
  echo "$name" >>"$apps_file"
  (cd "$src" && git init -q -b main && git add -A && git commit -qm static &&
    git -c credential.helper= -c "credential.helper=!f() { echo username=bench; echo password=$TOKEN; }; f" \
      push -q "http://127.0.0.1:$PAAS_BUILDER_PORT/$name.git" main) >"$work/push.log" 2>&1 ||
    { cat "$work/push.log"; exit 1; }
  pushed_ms=$(($(ms) - t))
  rm -rf "$src"
}

# The first app is a real push of the static sample; every other app gets its image.
first=many-0001
push_app "$first"
release=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$API/v2/apps/$first/releases" | jq '.[0]')
jq -r .image <<<"$release" >"$work/image"
# A prebuilt image's commands run through /bin/sh -c: paas-launch sets the slug's environment up as a push's would.
jq -r '"exec /usr/local/bin/paas-launch " + (.processTypes.web | @sh)' <<<"$release" >"$work/web"
say ""
say "first app by git push (static sample): $(secs 0 "$pushed_ms") s; image $(cat "$work/image")"
curl -fsS -o /dev/null -H "Host: $first.localhost" "http://127.0.0.1:$PAAS_ROUTER_PORT/" ||
  { echo "$first does not answer through the router"; exit 1; }

made=1
for n in $N_LIST; do
  if ((n > made)); then
    t=$(ms)
    seq -f 'many-%04g' $((made + 1)) "$n" | xargs -P "$PARALLEL" -n 1 "$work/create-app"
    say ""
    say "create+deploy apps $((made + 1))-$n ($((n - made)) apps, $PARALLEL at a time): $(secs "$t" "$(ms)") s"
    made=$n
  fi
  measure "$n"
done

say ""
count=$(wc -l <"$apps_file")
t=$(ms)
xargs -P "$PARALLEL" -n 1 "$work/destroy-app" <"$apps_file"
: >"$apps_file"
say "destroy $count apps ($PARALLEL at a time): $(secs "$t" "$(ms)") s"
