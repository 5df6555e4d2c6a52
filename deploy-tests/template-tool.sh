#!/usr/bin/env bash
# Runs io.gastown.templates.TemplateTool (validate | render | vars), compiling it first if needed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODULE=$ROOT/deploy-tests
if [[ ! -f $MODULE/target/validator.classpath || ! -d $MODULE/target/classes/io/gastown/templates ]] \
   || [[ -n $(find "$MODULE/src/main" -newer "$MODULE/target/validator.classpath" -type f -print -quit) ]]; then
  log=$(mktemp)
  if ! (cd "$ROOT" && { mvn -q -B -o -Dstyle.color=never -pl deploy-tests compile || mvn -q -B -Dstyle.color=never -pl deploy-tests compile; }) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "template-tool: compiling deploy-tests failed" >&2
    exit 2
  fi
  rm -f "$log"
fi
CRDS=()
[[ " $* " == *" --crds "* ]] || CRDS=(--crds "$ROOT/kustomize/base/crds")
command=$1; shift
exec java -cp "$MODULE/target/classes:$(cat "$MODULE/target/validator.classpath")" \
  io.gastown.templates.TemplateTool "$command" "${CRDS[@]}" "$@"
