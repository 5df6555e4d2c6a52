#!/usr/bin/env bash
# Builds kustomize (the version Argo CD v3.2's image ships) from the Go module proxy into a cache outside the
# repository, keyed by version, and prints the directory that holds the binary on stdout. Argo CD's
# repo-server runs `kustomize build` on every rig directory, so it needs this on its PATH.
set -euo pipefail
VERSION=${KUSTOMIZE_VERSION:-v5.7.0}
CACHE=${GASTOWN_TOOLS_CACHE:-$HOME/.cache/gastown-tools}
OUT=$CACHE/kustomize/$VERSION
if [[ -x $OUT/kustomize ]]; then echo "$OUT"; exit 0; fi
command -v go >/dev/null || { echo "kustomize: go is not installed; cannot build kustomize" >&2; exit 1; }
mkdir -p "$OUT"
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
echo "kustomize: building $VERSION (output $OUT/kustomize)" >&2
GOBIN=$TMP CGO_ENABLED=0 GOFLAGS=-buildvcs=false nice -n 10 go install -trimpath -ldflags="-s -w" \
  "sigs.k8s.io/kustomize/kustomize/v5@$VERSION" >&2
mv "$TMP/kustomize" "$OUT/kustomize"
echo "$OUT"
