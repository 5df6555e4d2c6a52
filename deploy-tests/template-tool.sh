#!/usr/bin/env bash
# Runs io.gastown.templates.TemplateTool (validate | render | vars), compiling it first if needed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODULE=$ROOT/deploy-tests
if [[ ! -f $MODULE/target/validator.classpath || ! -d $MODULE/target/classes/io/gastown/templates ]] \
   || [[ -n $(find "$MODULE/src/main" -newer "$MODULE/target/validator.classpath" -type f -print -quit) ]]; then
  (cd "$ROOT" && mvn -q -B -o -Dstyle.color=never -pl deploy-tests compile >&2) \
    || (cd "$ROOT" && mvn -q -B -Dstyle.color=never -pl deploy-tests compile >&2)
fi
CRDS=()
[[ " $* " == *" --crds "* ]] || CRDS=(--crds "$ROOT/kustomize/base/crds")
command=$1; shift
exec java -cp "$MODULE/target/classes:$(cat "$MODULE/target/validator.classpath")" \
  io.gastown.templates.TemplateTool "$command" "${CRDS[@]}" "$@"
