#!/usr/bin/env bash
# Runs the benchmarks (not tests): every class named *Benchmark with a main method under
# <module>/src/test/java/**/bench/. Figures go to stdout; record them in docs/benchmarks.md (one section each).
#
#   hack/bench.sh                      # all benchmarks
#   hack/bench.sh StatusLagBenchmark   # only these (simple class names)
#
# Extra JVM options for the benchmark JVM: BENCH_JAVA_OPTS (e.g. "-Dbench.polecats=200").
# The control plane binaries come from hack/control-plane.sh (seconds when cached).
set -euo pipefail
source "$(dirname "$0")/java.sh"
cd "$(dirname "$0")/.."
ROOT=$(pwd)

bash hack/control-plane.sh
# etcd started by a benchmark skips fsync, like the test control plane: the figures are about our code, not
# about this machine's disk.
export ETCD_UNSAFE_NO_FSYNC=true

mapfile -t FILES < <(find . -path ./'*'/target -prune -o -path '*/src/test/java/*/bench/*Benchmark.java' -print | sort)
ran=0
for file in "${FILES[@]}"; do
  module=${file#./}
  module=${module%%/src/*}
  class=${file#*/src/test/java/}
  class=${class%.java}
  class=${class//\//.}
  name=${class##*.}
  if [[ $# -gt 0 ]] && ! printf '%s\n' "$@" | grep -qx "$name"; then
    continue
  fi
  echo "== $name ($module)"
  # kubectl-gt's benchmark times the shaded jar, the way users run it: package builds it.
  goal=test-compile
  [[ $module == kubectl-gt ]] && goal=package
  mvn -B -q -pl "$module" -am -DskipTests "$goal" dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:-} -Dgastown.root="$ROOT" \
    -cp "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench.classpath")" "$class"
  ran=$((ran + 1))
done
if [[ $ran -eq 0 ]]; then
  echo "bench.sh: no benchmark matched: $*" >&2
  exit 2
fi
