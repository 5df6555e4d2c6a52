#!/usr/bin/env bash
# The main job of Gas Town on Kubernetes, with no cluster: kubectl gt writes work into a GitOps repository.
#   builds and installs kubectl-gt, creates a local GitOps repository, adds a rig, slings two beads and a convoy,
#   then prints what Argo CD would sync (kubectl gt render) and the git history.
#
#   hack/demo.sh [DIR]     # DIR: where the demo's repository and plugin go (default: a new temporary directory)
#
# Needs Java 25 (hack/java.sh finds it), Maven and git. Nothing touches a cluster or the network beyond Maven's own downloads.
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/java.sh
DIR=${1:-$(mktemp -d -t gastown-demo.XXXXXX)}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
BIN=$DIR/bin
export GT_GITOPS_REPO=$DIR/gitops
if [[ -e $GT_GITOPS_REPO ]]; then
  echo "error: $GT_GITOPS_REPO already exists: give the demo a new or empty directory" >&2
  exit 1
fi

hack/install-kubectl-gt.sh "$BIN" >/dev/null
export PATH="$BIN:$PATH"

AUTHOR="Gas Town demo <demo@gastown.invalid>"
# `kubectl gt` when kubectl is installed (it finds the plugin on PATH), else the plugin itself.
gt() {
  printf '\n$ kubectl gt'; printf ' %q' "$@"; printf '\n'
  if command -v kubectl >/dev/null 2>&1; then kubectl gt "$@" --author "$AUTHOR"; else kubectl-gt "$@" --author "$AUTHOR"; fi
}

echo "GitOps repository: $GT_GITOPS_REPO (kubectl-gt installed in $BIN)"
gt init
gt rig create shop --git-url git@github.com:acme/shop.git --prefix sh --theme mad-max
gt sling sh-101 shop --task "Fix the login form's validation"
gt sling sh-102 shop --agent aider --model gpt-4o --work-branch fix/checkout-total
gt convoy create "Search overhaul" sh-201 sh-202 sh-203 --sling
printf '\n$ kubectl gt render shop\n'
kubectl-gt render shop
printf '\n$ git log --oneline\n'
git -C "$GT_GITOPS_REPO" log --oneline
printf '\nDone. Point Argo CD at %s (one Application per rigs/<rig>), or look around: ls -R %s/rigs\n' \
  "$GT_GITOPS_REPO" "$GT_GITOPS_REPO"
