#!/usr/bin/env bash
# The push test against a real cluster, for people who have one (it could not be run where this
# platform is developed: no Kubernetes API server runs there; see README, "On a Kubernetes cluster").
#
#   KUBECONFIG=~/.kube/config infra/kubernetes/e2e.sh
#
# Expects the platform applied (kubectl apply -k infra/kubernetes, with its images and secrets set)
# and the paas CLI built (infra/platform.sh start builds it, or mvn -pl cli -am package).
# It reaches the controller, the builder and the routers through kubectl port-forward, registers a
# user (or logs in as PAAS_USER / PAAS_PASSWORD), pushes infra/samples/static-app, checks that the
# router answers from the app's pod, checks the pod and the NetworkPolicy the engine made, scales to
# two pods, then destroys the app and checks that its namespace goes. Exit 0 when all of it holds.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
NS=${PAAS_NAMESPACE:-paas}
APP=${APP:-e2e-$RANDOM}
USER_NAME=${PAAS_USER:-e2e-admin}
PASSWORD=${PAAS_PASSWORD:-e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  set +e
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
say() { echo "==> $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
paas() { HOME=$WORK/home "$REPO/cli/paas" "$@"; }
[[ -f $REPO/cli/target/paas-cli.jar ]] || fail "build the CLI first: mvn -B -pl controller/client,cli -Dmaven.test.skip=true package"
command -v kubectl >/dev/null || fail "kubectl is not installed (apt-get install kubectl)"

say "waiting for the platform's deployments in $NS"
for d in paas-controller paas-builder paas-router paas-registry; do
  kubectl -n "$NS" rollout status "deployment/$d" --timeout=300s
done

forward() { # SERVICE LOCAL-PORT REMOTE-PORT
  kubectl -n "$NS" port-forward "service/$1" "$2:$3" >"$WORK/forward-$1.log" 2>&1 &
  PIDS+=($!)
}
mkdir -p "$WORK/home"
forward paas-controller 17100 7100
forward paas-builder 17101 7101
forward paas-router 17180 80
for _ in $(seq 50); do
  curl -fsS http://127.0.0.1:17100/v2/info >/dev/null 2>&1 && break
  sleep 0.2
done

say "registering $USER_NAME (or logging in)"
paas register http://127.0.0.1:17100 --username "$USER_NAME" --password "$PASSWORD" 2>/dev/null ||
  paas login http://127.0.0.1:17100 --username "$USER_NAME" --password "$PASSWORD"

say "pushing $APP"
cp -r "$REPO/infra/samples/static-app" "$WORK/$APP"
cd "$WORK/$APP"
git init -q -b main && git add -A && git -c user.name=e2e -c user.email=e2e@example.com commit -qm first
paas apps:create "$APP" --no-remote
git remote add paas "http://127.0.0.1:17101/$APP.git"
HOME=$WORK/home git push paas main

say "the router answers from the app's pod"
answered=
for _ in $(seq 100); do
  if curl -fsS -H "Host: $APP.$(kubectl -n "$NS" get deployment paas-controller \
      -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="PAAS_DOMAIN")].value}')" \
      http://127.0.0.1:17180/ | grep -q "Hello from static"; then
    answered=yes
    break
  fi
  sleep 0.5
done
[[ $answered == yes ]] || fail "the router did not answer $APP with the sample's page"

APP_NS=$(kubectl get namespaces -l "paas.app=$APP" -o jsonpath='{.items[0].metadata.name}')
[[ -n $APP_NS ]] || fail "no namespace labelled paas.app=$APP"
[[ $(kubectl -n "$APP_NS" get pods -l paas.type=web -o name | wc -l) == 1 ]] || fail "not one web pod in $APP_NS"
kubectl -n "$APP_NS" get networkpolicy "$APP-from-routers" >/dev/null || fail "no NetworkPolicy in $APP_NS"

say "scaling to two pods"
paas scale web=2 -a "$APP"
[[ $(kubectl -n "$APP_NS" get pods -l paas.type=web --field-selector=status.phase=Running -o name | wc -l) == 2 ]] ||
  fail "not two running web pods after scale web=2"

say "destroying $APP"
paas apps:destroy --confirm "$APP"
for _ in $(seq 120); do
  kubectl get namespace "$APP_NS" >/dev/null 2>&1 || { say "passed: $APP pushed, served, scaled and removed"; exit 0; }
  sleep 1
done
fail "the namespace $APP_NS is still there 120 s after the app was destroyed"
