#!/usr/bin/env bash
# Runs every test: unit tests (*Test), integration tests (*IT) and end-to-end tests (*E2E) against a real
# control plane, plus the drift checks of generated files (CRDs, CRD reference, golden files).
# Provisions the control plane binaries, Argo CD's CLI and the container images first (seconds when they are cached).
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/java.sh
bash hack/control-plane.sh
bash hack/packages.sh
bash hack/images.sh
bash hack/argocd.sh >/dev/null
bash hack/kustomize.sh >/dev/null
exec mvn -B verify "$@"
