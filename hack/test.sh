#!/usr/bin/env bash
# Runs every test: unit tests (*Test), integration tests (*IT) and end-to-end tests (*E2E) against a real
# control plane, plus the drift checks of generated files (CRDs, CRD reference, golden files); then, in a second
# Maven run, the tests on the real node (*NodeIT, *NodeE2E: the real-node profile), offline and inside the private
# network namespace of hack/in-netns.sh.
# Provisions the control plane binaries, the real node, the container images and Argo CD's CLI first (seconds when
# they are cached). Arguments go to both Maven runs.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/java.sh
bash hack/control-plane.sh
bash hack/node.sh
bash hack/packages.sh
bash hack/images.sh
bash hack/argocd.sh >/dev/null
bash hack/kustomize.sh >/dev/null
mvn -B verify "$@"
hack/in-netns.sh mvn -B -o verify -Preal-node "$@"
