#!/usr/bin/env bash
# Provisions the binaries of a real Kubernetes control plane for the integration tests:
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl, etcd and kwok.
#
# Everything goes into a cache outside the repository, keyed by version:
#   ${GASTOWN_CACHE:-$HOME/.cache/gastown}/k8s/<k8s version>-<os>-<arch>/
# which is also the layout fabric8 kube-api-test expects (KUBE_API_TEST_DIR=<cache>).
#
# The Kubernetes binaries are built from the Go module proxy through a wrapper module (k8s.io/kubernetes
# cannot be `go install`ed: its go.mod replaces the staging modules by local paths), etcd likewise,
# kwok with `go install`. Versions come from
# test-support/src/main/resources/io/gastown/testing/control-plane.properties (the Java side reads
# the same file). Idempotent: a component is rebuilt only when its stamp file is missing or names another
# version, so a second run takes seconds. A cold run takes about half an hour on 2 cores.
#
# With --node it also builds the real node's kubelet and kube-proxy (same version, wrapper module and cache;
# hack/node.sh calls it so).
#
# Environment: GASTOWN_CACHE (cache root), K8S_VERSION / ETCD_VERSION / KWOK_VERSION (override the
# properties file; the tests then need -Dgastown.k8s.version=<same>), GOTOOLCHAIN (default: local).
set -euo pipefail

WITH_NODE=
case "${1:-}" in
  "") ;;
  --node) WITH_NODE=1 ;;
  *) echo "usage: control-plane.sh [--node]" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VERSIONS_FILE=$ROOT/test-support/src/main/resources/io/gastown/testing/control-plane.properties

read_version() { sed -n "s/^$1=\\([0-9.]*\\)\$/\\1/p" "$VERSIONS_FILE"; }
K8S_VERSION=${K8S_VERSION:-$(read_version K8S_VERSION)}
ETCD_VERSION=${ETCD_VERSION:-$(read_version ETCD_VERSION)}
KWOK_VERSION=${KWOK_VERSION:-$(read_version KWOK_VERSION)}
for v in K8S_VERSION ETCD_VERSION KWOK_VERSION; do
  [[ ${!v} =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "control-plane.sh: $v='${!v}' is not x.y.z; fix $VERSIONS_FILE" >&2; exit 2; }
done

case "$(uname -m)" in
  x86_64) ARCH=amd64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) echo "control-plane.sh: unsupported architecture $(uname -m)" >&2; exit 2 ;;
esac
OS=$(uname -s | tr '[:upper:]' '[:lower:]')

CACHE=${GASTOWN_CACHE:-$HOME/.cache/gastown}
BIN=$CACHE/k8s/$K8S_VERSION-$OS-$ARCH
SRC=$CACHE/src
mkdir -p "$BIN" "$SRC"
case "$CACHE/" in "$ROOT"/*) echo "control-plane.sh: GASTOWN_CACHE=$CACHE is inside the repository; put it outside" >&2; exit 2 ;; esac

# One provisioning at a time per cache (two CI jobs or a developer and CI on one machine).
exec 9>"$CACHE/.lock"
flock 9

START=$(date +%s)
log() { printf '[control-plane] %s\n' "$*"; }
elapsed() { echo "$(($(date +%s) - $1))s"; }

# A component is up to date when its stamp file names the wanted version and its binaries exist.
up_to_date() { # stamp version binaries...
  local stamp=$BIN/.$1.version version=$2; shift 2
  [[ -f $stamp && "$(cat "$stamp")" == "$version" ]] || return 1
  local b; for b in "$@"; do [[ -x $BIN/$b ]] || return 1; done
}

setup_go() {
  [[ -n ${GO_READY:-} ]] && return
  command -v go >/dev/null || { echo "control-plane.sh: 'go' is needed to build the missing binaries (Go >= 1.26)" >&2; exit 2; }
  export GOTOOLCHAIN=${GOTOOLCHAIN:-local} CGO_ENABLED=0 GOFLAGS=-buildvcs=false
  # Module and build caches must stay outside the repository (they hold gigabytes).
  local var dir
  for var in GOMODCACHE GOCACHE; do
    dir=$(go env "$var")
    case "$dir/" in "$ROOT"/*) export "$var=$CACHE/go/${var,,}"; log "$var was inside the repository, using ${!var}" ;; esac
  done
  log "$(go version); GOPROXY=$(go env GOPROXY) GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE)"
  GO_READY=1
}

# Creates (once) and enters a wrapper module in $SRC/<name>. Its .resolved marker says `go get` completed.
wrapper_module() { # name
  local dir=$SRC/$1
  mkdir -p "$dir"
  cd "$dir"
  [[ -f go.mod ]] || go mod init local.invalid/"$1" >/dev/null 2>&1
}

# Enters the k8s.io/kubernetes wrapper module, creating it once: k/k's go and godebug lines, and each staging
# module k8s.io/<m> (replaced by ./staging/src/k8s.io/<m> upstream) at its published v0.x.y.
kubernetes_module() {
  wrapper_module "kubernetes-$K8S_VERSION"
  [[ -f .module || -f .resolved ]] && return
  local kmod
  kmod=$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",$/\1/p')
  [[ -f $kmod ]] || { echo "control-plane.sh: cannot download k8s.io/kubernetes@v$K8S_VERSION from $(go env GOPROXY)" >&2; exit 1; }
  # Mirror k/k's go and godebug lines, so the binaries get upstream's GODEBUG defaults.
  go mod edit -go="$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$kmod")"
  awk '/^godebug \(/{b=1} b{print} b&&/^\)/{b=0} /^godebug [^(]/{print}' "$kmod" >>go.mod
  local m
  for m in $(sed -n 's#^\s*k8s.io/\([^ ]*\) => ./staging/src/k8s.io/.*#\1#p' "$kmod"); do
    go mod edit -replace="k8s.io/$m=k8s.io/$m@v0.${K8S_VERSION#1.}"
  done
  touch .module
}

# Builds k8s.io/kubernetes/cmd/<tool> for each tool into $BIN, with the version stamped in like upstream's
# release builds. <component> names the stamp file ($BIN/.<component>.version) and the wrapper module's marker
# that `go get` of these tools completed (.resolved for the control plane, .resolved-<component> otherwise).
build_kubernetes_tools() { # component tools...
  local component=$1; shift
  local tools=("$@")
  if up_to_date "$component" "$K8S_VERSION" "${tools[@]}"; then
    log "$component v$K8S_VERSION: cached"; return
  fi
  setup_go
  local t0; t0=$(date +%s)
  log "$component v$K8S_VERSION: building ${tools[*]} from the Go module proxy (cold control plane: 30-40 min on 2 busy cores; the node's tools reuse its build cache: 1-2 min)"
  kubernetes_module
  local marker=.resolved; [[ $component == kubernetes ]] || marker=.resolved-$component
  local pkgs=() t
  if [[ ! -f $marker ]]; then
    for t in "${tools[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$t@v$K8S_VERSION"); done
    nice -n 10 go get "${pkgs[@]}"
    touch "$marker"
    log "$component v$K8S_VERSION: modules resolved in $(elapsed "$t0")"
  fi
  local minor=${K8S_VERSION#*.}; minor=${minor%%.*}
  local date ldflags="-s -w" p
  date=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  for p in k8s.io/client-go/pkg/version k8s.io/component-base/version; do
    ldflags+=" -X $p.gitVersion=v$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=$date"
  done
  pkgs=()
  for t in "${tools[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$t"); done
  nice -n 10 go build -trimpath -tags=selinux,notest,grpcnotrace -ldflags="$ldflags" -o "$BIN/" "${pkgs[@]}"
  "$BIN/${tools[0]}" --version | grep -qx "Kubernetes v$K8S_VERSION" \
    || { echo "control-plane.sh: built ${tools[0]} does not report v$K8S_VERSION" >&2; exit 1; }
  echo "$K8S_VERSION" >"$BIN/.$component.version"
  log "$component v$K8S_VERSION: built in $(elapsed "$t0")"
}

build_kubernetes() { build_kubernetes_tools kubernetes kube-apiserver kube-controller-manager kube-scheduler kubectl; }

build_etcd() {
  if up_to_date etcd "$ETCD_VERSION" etcd; then
    log "etcd v$ETCD_VERSION: cached"; return
  fi
  setup_go
  local t0; t0=$(date +%s)
  log "etcd v$ETCD_VERSION: building from the Go module proxy"
  wrapper_module "etcd-$ETCD_VERSION"
  # etcd's server/go.mod replaces its sibling modules by paths, so it needs a wrapper module too.
  [[ -f .resolved ]] || { nice -n 10 go get "go.etcd.io/etcd/server/v3@v$ETCD_VERSION" && touch .resolved; }
  nice -n 10 go build -trimpath -ldflags="-s -w" -o "$BIN/etcd" go.etcd.io/etcd/server/v3
  "$BIN/etcd" --version | grep -q "etcd Version: $ETCD_VERSION" \
    || { echo "control-plane.sh: built etcd does not report $ETCD_VERSION" >&2; exit 1; }
  echo "$ETCD_VERSION" >"$BIN/.etcd.version"
  log "etcd v$ETCD_VERSION: built in $(elapsed "$t0")"
}

build_kwok() {
  if up_to_date kwok "$KWOK_VERSION" kwok; then
    log "kwok v$KWOK_VERSION: cached"; return
  fi
  setup_go
  local t0; t0=$(date +%s)
  log "kwok v$KWOK_VERSION: go install from the Go module proxy"
  cd "$SRC"
  GOBIN=$BIN nice -n 10 go install -trimpath -ldflags="-s -w" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK_VERSION"
  echo "$KWOK_VERSION" >"$BIN/.kwok.version"
  log "kwok v$KWOK_VERSION: built in $(elapsed "$t0")"
}

log "cache: $BIN"
build_kubernetes
build_etcd
build_kwok
[[ -z $WITH_NODE ]] || build_kubernetes_tools kubernetes-node kubelet kube-proxy

log "ready in $(elapsed "$START"): Kubernetes v$K8S_VERSION, etcd v$ETCD_VERSION, kwok v$KWOK_VERSION"
for b in kube-apiserver kube-controller-manager kube-scheduler kubectl etcd kwok ${WITH_NODE:+kubelet kube-proxy}; do
  printf '  %-24s %s\n' "$b" "$BIN/$b"
done
log "the tests find them through GASTOWN_CACHE=$CACHE (default \$HOME/.cache/gastown)"
