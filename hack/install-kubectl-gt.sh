#!/usr/bin/env bash
# Builds kubectl-gt and installs it as a kubectl plugin, so that `kubectl gt ...` works:
#   DIR/kubectl-gt       the launcher (kubectl finds plugins by this name on PATH)
#   DIR/kubectl-gt.jar   the shaded jar
#   DIR/kubectl-gt.aot   an AOT cache (JEP 483) trained here, for faster start-up (optional; rebuilt each install)
#   DIR/kubectl-gt.java  the path of the JDK 25 the cache was made with (the launcher runs that JVM)
#   DIR/kubectl_complete-gt  shell completion of `kubectl gt ...` through kubectl
#
#   hack/install-kubectl-gt.sh [DIR]    # DIR defaults to ~/.local/bin
#
# Needs Java 25 (hack/java.sh finds it) and Maven 3.8+. Set SKIP_BUILD=1 to install an already built kubectl-gt/target/kubectl-gt.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-$HOME/.local/bin}

source hack/java.sh

if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  echo "Building kubectl-gt (mvn package, tests skipped)..."
  log=$(mktemp)
  if ! mvn -B -q -Dstyle.color=never -pl kubectl-gt -am -Dmaven.test.skip=true package >"$log" 2>&1; then
    cat "$log" >&2
    echo "error: the build failed (output above)" >&2
    exit 1
  fi
  rm -f "$log"
fi
JAR=kubectl-gt/target/kubectl-gt.jar
[[ -f $JAR ]] || { echo "error: $JAR was not built" >&2; exit 1; }

mkdir -p "$DIR"
install -m 0644 "$JAR" "$DIR/kubectl-gt.jar"
install -m 0755 kubectl-gt/src/main/scripts/kubectl-gt "$DIR/kubectl-gt"
# kubectl (1.26+) runs kubectl_complete-gt to complete `kubectl gt <TAB>` (cobra's __complete protocol).
install -m 0755 kubectl-gt/src/main/scripts/kubectl_complete-gt "$DIR/kubectl_complete-gt"
rm -f "$DIR/kubectl-gt.jsa" "$DIR/kubectl-gt.aot"
printf '%s\n' "$JAVA_HOME/bin/java" > "$DIR/kubectl-gt.java"

# AOT cache: one JVM runs the common commands (the write path in a throw-away repository, the read path against a
# kubeconfig whose apiserver does not answer, falling back to that repository); the classes they loaded and linked
# are kept. Start-up then skips most class loading, linking and verification (docs/benchmarks.md: kubectl-gt start-up).
train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
java -XX:AOTCacheOutput="$DIR/kubectl-gt.aot" -Xlog:aot=off -Xlog:cds=off \
  -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$DIR/kubectl-gt.jar" __cds-training "$train" >/dev/null 2>&1 \
  || rm -f "$DIR/kubectl-gt.aot"

echo "Installed kubectl-gt into $DIR ($("$DIR/kubectl-gt" --version))."
case ":$PATH:" in
  *":$DIR:"*) ;;
  *) echo "Put $DIR on your PATH so that kubectl finds the plugin:  export PATH=\"$DIR:\$PATH\"" ;;
esac
echo "Then run: kubectl gt --help"
