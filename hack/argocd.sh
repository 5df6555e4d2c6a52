#!/usr/bin/env bash
# Builds Argo CD's own multi-call binary (its cmd/main.go: the CLI, argocd-server, argocd-repo-server,
# argocd-application-controller, argocd-applicationset-controller, argocd-cmp-server, ... chosen by the
# binary's name or ARGOCD_BINARY_NAME) from the Go module proxy into a cache outside the repository,
# keyed by version, and prints the binary's path on stdout (everything else goes to stderr). Beside the
# binary, manifests/ holds what the local Argo CD (test-support's LocalArgoCd) installs from Argo CD's own
# install manifests in the same module: crds/ (Application, ApplicationSet, AppProject) and config/ (argocd-cm,
# argocd-secret, argocd-rbac-cm, argocd-cmd-params-cm, ...), copied verbatim.
#
#   hack/argocd.sh                # build if missing, print the path
#   ARGOCD_VERSION=v3.2.6 ...     # another version
#   GASTOWN_TOOLS_CACHE=...       # cache root (default ~/.cache/gastown-tools)
#
# Why a wrapper module: github.com/argoproj/argo-cd/v3 has replace directives in its go.mod
# (k8s.io staging modules, protobuf, yaml), so `go install ...@version` refuses it. A throw-away
# module that requires argo-cd and re-states the same replaces builds it with plain `go build`
# (the same recipe as the control plane, ../shared/reference/control-plane.md §1.2).
# Why v3.2.x: from v3.3 on, argo-cd replaces its gitops-engine with a local directory
# (./gitops-engine) that the module zip does not contain, so those versions cannot be built from
# the proxy at all. The Lua runtime and `admin settings resource-overrides` are the same in 3.2.
# Why not v3.2.12: that tag does not compile (controller/cache calls settings.ValidateExternalURL,
# which the tag does not contain).
#
# Cold build: about 6-25 min on 2 cores, depending on load (done under `nice`); warm: instant.
set -euo pipefail

VERSION=${ARGOCD_VERSION:-v3.2.11}
CACHE=${GASTOWN_TOOLS_CACHE:-$HOME/.cache/gastown-tools}
OUT=$CACHE/argocd/$VERSION-all
BIN=$OUT/argocd

log() { echo "argocd: $*" >&2; }

# The directory is keyed by version; the binary and manifests/ are moved in only when complete.
if [[ -x $BIN && -d $OUT/manifests ]]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { log "go is not installed; cannot build Argo CD"; exit 1; }
mkdir -p "$OUT"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

log "building argocd $VERSION in $WORK (output $BIN)"
MOD_JSON=$(go mod download -json "github.com/argoproj/argo-cd/v3@$VERSION")
MOD_FILE=$(sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p' <<<"$MOD_JSON")
MOD_DIR=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$MOD_JSON")
[[ -f $MOD_FILE && -f $MOD_DIR/cmd/main.go ]] || { log "could not download github.com/argoproj/argo-cd/v3@$VERSION"; exit 1; }
if grep -Eq '=>[[:space:]]+\./' "$MOD_FILE"; then
  log "argo-cd $VERSION replaces a module with a local directory; pick a v3.2.x version"
  exit 1
fi
if [[ ! -d $OUT/manifests ]]; then
  rm -rf "$OUT/manifests.tmp"
  mkdir -p "$OUT/manifests.tmp"
  cp -r "$MOD_DIR/manifests/crds" "$MOD_DIR/manifests/base/config" "$OUT/manifests.tmp/"
  chmod -R u+w "$OUT/manifests.tmp"
  mv "$OUT/manifests.tmp" "$OUT/manifests"
  log "copied manifests/crds and manifests/base/config of argo-cd $VERSION into $OUT/manifests"
fi
if [[ -x $BIN ]]; then
  echo "$BIN"
  exit 0
fi
GO_LINE=$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$MOD_FILE")

go mod init local.invalid/argocd >/dev/null 2>&1
go mod edit -go="$GO_LINE"
# Re-state argo-cd's own replace directives (module path => module version).
go mod edit -json "$MOD_FILE" \
  | python3 -c '
import json, sys
for r in json.load(sys.stdin).get("Replace") or []:
    old, new = r["Old"], r["New"]
    lhs = old["Path"] + ("@" + old["Version"] if old.get("Version") else "")
    print(lhs + "=" + new["Path"] + "@" + new["Version"])
' | while read -r rep; do go mod edit -replace="$rep"; done

# argo-cd's own cmd/main.go, verbatim from the module (one build serves the CLI and every component).
cp "$MOD_DIR/cmd/main.go" main.go
chmod u+w main.go
go get "github.com/argoproj/argo-cd/v3/cmd@$VERSION" >&2
go mod tidy >&2

LD="-s -w -X github.com/argoproj/argo-cd/v3/common.version=${VERSION#v}"
LD="$LD -X github.com/argoproj/argo-cd/v3/common.gitTreeState=clean"
CGO_ENABLED=0 nice -n 10 go build -trimpath -ldflags="$LD" -o "$BIN.tmp" . >&2
mv "$BIN.tmp" "$BIN"
log "built $("$BIN" version --client --short 2>/dev/null || echo "$BIN")"
echo "$BIN"
