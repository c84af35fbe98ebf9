#!/usr/bin/env bash
# Builds the platform's images for a cluster with Jib, reproducibly (fixed creation and file times,
# layers in a stable order: the same sources and base give the same digests), as OCI tarballs in
# infra/kubernetes/target/, or pushed when a registry is given:
#   infra/kubernetes/images.sh                       # target/{controller,builder,router}.tar
#   infra/kubernetes/images.sh registry.example.com  # pushes registry.example.com/paas/{controller,builder,router}:VERSION
# Then name them in kustomization.yaml: kustomize edit set image paas/controller=REGISTRY/paas/controller:VERSION ...
# The base: BASE (any image reference Jib reads), else a Java 17 runtime from Debian's archive on the
# platform's own stack image (infra/platform.sh setup builds it), made once with Podman and kept as
# target/base-jre17.tar.
set -euo pipefail
cd "$(dirname "$0")/../.."
registry=${1:-}
out=$PWD/infra/kubernetes/target
mkdir -p "$out"
if [[ -z ${BASE:-} ]]; then
  if [[ ! -s $out/base-jre17.tar ]]; then
    stack="localhost/paas/stack-run:${PAAS_STACK:-bookworm}"
    podman image exists "$stack" || infra/platform.sh setup
    cat >"$out/Containerfile.jre" <<CONTAINERFILE
FROM $stack
# the JRE's alternatives link its man page: the stack's minimal Debian has no man1 folder
RUN mkdir -p /usr/share/man/man1 && apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null \
 && rm -rf /var/lib/apt/lists/*
CONTAINERFILE
    podman build -q -t localhost/paas/jre:17 -f "$out/Containerfile.jre" "$out" >/dev/null
    podman save --format docker-archive -o "$out/base-jre17.tar" localhost/paas/jre:17
  fi
  BASE=tar://$out/base-jre17.tar
fi
version=$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout | sed "s/\x1b\[[0-9;]*m//g")
goal=$([[ -n $registry ]] && echo build || echo buildTar)
# each image with the modules it needs built in the same reactor (the libraries skip Jib: jib.skip in their poms)
jib() { # MODULE MORE-OPTIONS...
  local module=$1
  shift
  mvn -B -q -ntp -Dmaven.test.skip=true -pl "$module" -am package "com.google.cloud.tools:jib-maven-plugin:3.4.6:$goal" \
    -Djib.from.image="$BASE" -Djib.to.image="${registry:+$registry/}paas/$module:$version" \
    -Djib.outputPaths.tar="$out/$module.tar" -Djib.outputPaths.digest="$out/$module.digest" \
    -Djib.container.creationTime=EPOCH -Djib.container.filesModificationTime=EPOCH_PLUS_SECOND "$@"
  echo "paas/$module:$version $(cat "$out/$module.digest")"
}
# the controller is a Quarkus app: its quarkus-app directory as it is, run by its launcher jar
jib controller -Djib.containerizingMode=packaged -Djib.extraDirectories.paths="$PWD/controller/target/quarkus-app" \
  -Djib.extraDirectories.into=/deployments -Djib.container.entrypoint=java,-jar,/deployments/quarkus-run.jar
jib builder -Djib.container.mainClass=io.paas.builder.BuilderMain
jib router -Djib.container.mainClass=io.paas.router.RouterMain
