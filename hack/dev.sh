#!/usr/bin/env bash
# A local Gas Town to try the project on this machine: a real control plane (etcd, kube-apiserver,
# kube-controller-manager, kube-scheduler, and kwok, which "runs" pods without containers), the admission
# webhook over TLS and the status reporter, and real Argo CD (Redis, repo-server, application controller,
# ApplicationSet controller and API server, from hack/argocd.sh) syncing the GitOps repository with the
# project's ApplicationSet. docs/quickstart.md walks through it.
#
#   hack/dev.sh up        # start (builds the modules; the control plane binaries come from hack/control-plane.sh)
#   hack/dev.sh status    # is it running, and where
#   hack/dev.sh down      # stop everything `up` started, and nothing else
#
# State, logs and the kubeconfig live in $GASTOWN_DEV_STATE (default ~/.cache/gastown/dev). The GitOps
# repository synced is kubectl gt's: $GT_GITOPS_REPO when set at `up`, else ~/.local/share/gastown/gitops.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/hack/java.sh"
STATE=${GASTOWN_DEV_STATE:-${GASTOWN_CACHE:-$HOME/.cache/gastown}/dev}
PID_FILE=$STATE/dev.pid

running() {
  [[ -s $PID_FILE ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null && is_ours "$(cat "$PID_FILE")"
}

# A process is ours when its command line names our state directory: the DevEnvironment JVM and every control
# plane process it starts (their flags name files under it). A recycled pid is never signalled.
is_ours() {
  local cmdline
  cmdline=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null) || return 1
  [[ $cmdline == *"$STATE"* ]]
}

# Our processes in the environment's process group (setsid made the JVM the leader of a group of its own).
ours_in_group() {
  local pid
  for pid in $(pgrep -g "$1" 2>/dev/null); do
    if is_ours "$pid"; then echo "$pid"; fi
  done
}

print_env() {
  sed 's/^/  /' "$STATE/ready"
  echo
  echo "Use it from this shell:"
  echo "  export KUBECONFIG=$STATE/kubeconfig"
  echo "  export GT_ARGOCD_NAMESPACE=argocd    # kubectl gt tells Argo CD of each commit at once"
  if ! command -v kubectl >/dev/null 2>&1; then
    local kubectl
    kubectl=$(ls "${GASTOWN_CACHE:-$HOME/.cache/gastown}"/k8s/*/kubectl 2>/dev/null | head -n 1)
    [[ -n $kubectl ]] && echo "  export PATH=\"$(dirname "$kubectl"):\$PATH\"    # kubectl, for \`kubectl gt\`"
  fi
  echo "Then follow docs/quickstart.md (kubectl gt init, rig create, sling, ...). Stop it with: hack/dev.sh down"
}

up() {
  if running; then
    echo "dev: already running (pid $(cat "$PID_FILE"))"
    print_env
    return 0
  fi
  mkdir -p "$STATE"
  bash "$ROOT/hack/control-plane.sh"
  bash "$ROOT/hack/packages.sh"
  bash "$ROOT/hack/argocd.sh" >/dev/null
  bash "$ROOT/hack/kustomize.sh" >/dev/null
  echo "dev: building (mvn -pl e2e -am package)..." >&2
  (cd "$ROOT" && mvn -B -q -pl e2e -am -DskipTests package)
  local jar
  jar=$(ls "$ROOT"/e2e/target/e2e-*.jar | head -n 1)
  rm -f "$STATE/ready"
  # setsid: the environment outlives this shell; `down` stops it by pid.
  setsid nohup java -XX:+UseSerialGC -Xmx512m -Dgastown.root="$ROOT" \
    -cp "$jar:$(cat "$ROOT/e2e/target/dev.classpath")" io.gastown.dev.DevEnvironment "$STATE" \
    > "$STATE/dev.log" 2>&1 < /dev/null &
  echo $! > "$PID_FILE"
  echo "dev: starting (pid $(cat "$PID_FILE"), log $STATE/dev.log)..." >&2
  local waited=0
  until [[ -s $STATE/ready ]]; do
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      echo "dev: the environment stopped while starting; end of $STATE/dev.log:" >&2
      tail -n 30 "$STATE/dev.log" >&2
      rm -f "$PID_FILE"
      return 1
    fi
    if (( waited >= 600 )); then
      echo "dev: not up after ${waited}s; see $STATE/dev.log (hack/dev.sh down stops it)" >&2
      return 1
    fi
    sleep 1
    waited=$((waited + 1))
  done
  echo "dev: up in ${waited}s"
  print_env
}

down() {
  if [[ ! -s $PID_FILE ]]; then
    echo "dev: not running"
    return 0
  fi
  local pid
  pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null && is_ours "$pid"; then
    kill -TERM "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
  fi
  # Whatever the JVM could not stop (e.g. it was killed): the rest of its process group.
  local left
  left=$(ours_in_group "$pid")
  if [[ -n $left ]]; then
    # shellcheck disable=SC2086
    kill -TERM $left 2>/dev/null || true
    sleep 3
    left=$(ours_in_group "$pid")
    # shellcheck disable=SC2086
    [[ -z $left ]] || kill -KILL $left 2>/dev/null || true
  fi
  rm -f "$PID_FILE" "$STATE/ready"
  echo "dev: stopped"
}

status() {
  if running; then
    echo "dev: running (pid $(cat "$PID_FILE"))"
    [[ -s $STATE/ready ]] && print_env || echo "dev: still starting; see $STATE/dev.log"
  else
    echo "dev: not running (hack/dev.sh up starts it)"
    return 3
  fi
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: hack/dev.sh up|status|down" >&2; exit 2 ;;
esac
