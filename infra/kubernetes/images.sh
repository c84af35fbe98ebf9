#!/usr/bin/env bash
# Builds the platform's images for a cluster with Jib (reproducible: fixed creation and file times,
# layers in a stable order): OCI tarballs in infra/kubernetes/target/, or pushed when a registry is given.
#   infra/kubernetes/images.sh                       # target/{controller,builder,router}.tar
#   infra/kubernetes/images.sh registry.example.com  # pushes registry.example.com/paas/{controller,builder,router}:VERSION
# Then name them in kustomization.yaml: kustomize edit set image paas/controller=REGISTRY/paas/controller:VERSION ...
# BASE (default eclipse-temurin:17-jre) is pulled from its registry: not reachable from the machines
# this platform is developed on, so this script has not been run there (see README).
set -euo pipefail
cd "$(dirname "$0")/../.."
registry=${1:-}
base=${BASE:-eclipse-temurin:17-jre}
version=$(mvn -B -q help:evaluate -Dexpression=project.version -DforceStdout)
mvn -B -ntp -Dmaven.test.skip=true -pl controller,builder,router -am package
mkdir -p infra/kubernetes/target
jib() { # MODULE GOAL MORE-OPTIONS...
  local module=$1 goal=$2
  shift 2
  mvn -B -ntp -Dmaven.test.skip=true -pl "$module" "com.google.cloud.tools:jib-maven-plugin:3.4.6:$goal" \
    -Djib.from.image="$base" -Djib.to.image="${registry:+$registry/}paas/$module:$version" \
    -Djib.outputPaths.tar="$PWD/infra/kubernetes/target/$module.tar" \
    -Djib.container.creationTime=EPOCH -Djib.container.filesModificationTime=EPOCH_PLUS_SECOND "$@"
}
goal=$([[ -n $registry ]] && echo build || echo buildTar)
# the controller is a Quarkus app: its quarkus-app directory as it is, run by its launcher jar
jib controller "$goal" -Djib.containerizingMode=packaged -Djib.extraDirectories.paths="$PWD/controller/target/quarkus-app" \
  -Djib.extraDirectories.into=/deployments -Djib.container.entrypoint=java,-jar,/deployments/quarkus-run.jar
jib builder "$goal"
jib router "$goal"
