#!/usr/bin/env bash
# Times the gastown-rig Argo CD plugin's generate command (gastown-cmp) on a rig of N hand-written polecats
# (default 100): each run a new JVM in the rig's directory, as argocd-cmp-server runs it. Three ways: plain
# `java -cp`, the launcher without an AOT cache, the launcher with the AOT cache the image makes
# (images/gastown-cmp/Containerfile). Checks the output equals `kubectl gt render <rig>`. docs/benchmarks.md.
#
#   hack/bench-cmp.sh [N] [RUNS]     # needs kubectl-gt/target/kubectl-gt.jar (mvn -pl kubectl-gt -am package)
set -euo pipefail
cd "$(dirname "$0")/.."
source hack/java.sh
root=$PWD
N=${1:-100}
RUNS=${2:-10}
JAR=kubectl-gt/target/kubectl-gt.jar
[[ -f $JAR ]] || { echo "error: $JAR not built: mvn -pl kubectl-gt -am -Dmaven.test.skip=true package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/home"
cp "$JAR" "$work/bin/kubectl-gt.jar"
cp kubectl-gt/src/main/scripts/gastown-cmp "$work/bin/"
export HOME=$work/home GT_GITOPS_REPO=$work/gitops GT_AGENT_IMAGE=ghcr.io/gastown/polecat-agent:0.1.0
gt() { java -jar "$work/bin/kubectl-gt.jar" "$@" --author="Bench <bench@example.com>" >/dev/null; }
gt init
gt rig create shop --git-url git@github.com:acme/shop.git --prefix sh --git-secret git-ssh-key --claude-secret claude-home
rig=$work/gitops/rigs/shop
mkdir -p "$rig/polecats"
for i in $(seq 1 "$N"); do
  sed "s/worker-1\b/worker-$i/g; s/sh-1\b/sh-$i/g" images/gastown-cmp/training-rig/polecats/worker-1.yaml \
    > "$rig/polecats/worker-$i.yaml"
done
(cd "$work/gitops" && java -jar "$work/bin/kubectl-gt.jar" render shop) > "$work/render.yaml"

cd "$rig"
export ARGOCD_APP_SOURCE_PATH=rigs/shop
time_runs() {
  local label=$1; shift
  local times=()
  for _ in $(seq 1 "$RUNS"); do
    local start end
    start=$(date +%s%N); "$@" > "$work/out.yaml"; end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
    cmp -s "$work/out.yaml" "$work/render.yaml" || { echo "error: $label printed other bytes than kubectl gt render" >&2; exit 1; }
  done
  local sorted median
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  median=$(echo "$sorted" | awk -v n="$RUNS" 'NR == int((n + 1) / 2) {print}')
  printf '%-28s median %5d ms  min %5d ms  max %5d ms  (load average %s)\n' "$label" "$median" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | tail -1)" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "gastown-cmp on a rig of $N hand-written polecats ($(grep -c '^kind: Job' "$work/render.yaml") Jobs derived), $RUNS runs each, $(nproc) cores, $(java -version 2>&1 | head -1)"
time_runs "java -cp (JVM defaults)" java -cp "$work/bin/kubectl-gt.jar" io.gastown.cli.RigPlugin
time_runs "launcher, no AOT cache" "$work/bin/gastown-cmp"
# The AOT cache as the image makes it: one generation of images/gastown-cmp/training-rig/.
(cd "$root/images/gastown-cmp/training-rig" && java -XX:AOTCacheOutput="$work/bin/kubectl-gt-cmp.aot" \
  -Xlog:aot=off -Xlog:cds=off -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
  -cp "$work/bin/kubectl-gt.jar" io.gastown.cli.RigPlugin >/dev/null)
time_runs "launcher + AOT cache" "$work/bin/gastown-cmp"
