# Merge run of a Gas Town Refinery. Fixed text: every value arrives in an environment variable and is only ever
# expanded inside double quotes.
#
# Inputs: GT_GIT_REPOSITORY (the remote), GT_REPO_DIR (a working clone, made here if missing), GT_TARGET_BRANCH,
# GT_MERGE_BRANCHES (work branches in merge order, separated by spaces or newlines), GT_TEST_COMMAND (run with sh in
# the repository; empty: no test), GT_MERGE_METHOD (rebase | merge), GT_MAX_BATCH (branches taken by this run).
#
# Output: one JSON line per branch on stdout, in order:
#   {"branch":"b","result":"merged","commit":"<target head after the push>"}
#   {"branch":"b","result":"already-merged","commit":"<target head>"}
#   {"branch":"b","result":"failed","reason":"<why>"}      conflict, red test, fetch or push error
#   {"branch":"b","result":"skipped","reason":"<why>"}     beyond GT_MAX_BATCH: left for the next run
# GT_RESULT_FILE, when set, gets a copy of as many whole result lines as fit in RESULT_LIMIT bytes: the container's
# termination message, which the kubelet cuts at 4096 bytes (a branch left out is reported again by the next run,
# as already-merged once it landed). Progress and the test command's output go to stderr.
#
# The target only ever moves by a fast-forward push (never forced); a push rejected because someone else moved the
# target is retried from the new head, at most PUSH_ATTEMPTS times. Exit 0 when every branch got its line, non-zero for bad input or an unusable remote.
set -euf # -f: branch lists are split on blanks, never globbed
PUSH_ATTEMPTS=5
RESULT_LIMIT=4096

fail_input() {
  printf 'refinery-merge: %s\n' "$1" >&2
  exit 2
}
[ -n "${GT_GIT_REPOSITORY:-}" ] || fail_input "GT_GIT_REPOSITORY must name the repository"
[ -n "${GT_REPO_DIR:-}" ] || fail_input "GT_REPO_DIR must name the working directory"
[ -n "${GT_TARGET_BRANCH:-}" ] || fail_input "GT_TARGET_BRANCH must name the target branch"
method="${GT_MERGE_METHOD:-}"
case "$method" in
  rebase|merge) ;;
  *) fail_input "GT_MERGE_METHOD must be rebase or merge, not '$method'" ;;
esac
max_batch="${GT_MAX_BATCH:-}"
case "$max_batch" in
  ''|*[!0-9]*|0) fail_input "GT_MAX_BATCH must be a whole number of at least 1, not '$max_batch'" ;;
esac
target="$GT_TARGET_BRANCH"
if [ -n "${GT_RESULT_FILE:-}" ]; then
  : >"$GT_RESULT_FILE"
fi

json_string() {
  printf '"%s"' "$(printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g')"
}
report() { # branch result key value
  line="$(printf '{"branch":%s,"result":%s,%s:%s}' "$(json_string "$1")" "$(json_string "$2")" \
    "$(json_string "$3")" "$(json_string "$4")")"
  printf '%s\n' "$line"
  if [ -n "${GT_RESULT_FILE:-}" ] \
    && [ $(($(wc -c <"$GT_RESULT_FILE") + $(printf '%s\n' "$line" | wc -c))) -le "$RESULT_LIMIT" ]; then
    printf '%s\n' "$line" >>"$GT_RESULT_FILE"
  fi
}
log() {
  printf 'refinery-merge: %s\n' "$*" >&2
}

if [ ! -d "$GT_REPO_DIR/.git" ]; then
  git init --quiet -- "$GT_REPO_DIR"
  git -C "$GT_REPO_DIR" remote add origin "$GT_GIT_REPOSITORY"
fi
cd "$GT_REPO_DIR"
git config user.name "Gas Town refinery"
git config user.email "refinery@gastown.invalid"
if [ "$(git rev-parse --is-shallow-repository)" = true ]; then
  git fetch --quiet --unshallow origin >&2
fi
target_ref="refs/remotes/origin/$target"

fetch_target() {
  git fetch --quiet origin "+refs/heads/$target:$target_ref" >&2
}
fetch_target || { log "cannot fetch branch $target of the remote"; exit 3; }

# Puts the branch onto the current target head in HEAD; exit status 1 for a conflict (work tree left clean).
combine() { # branch_ref
  git clean --quiet --force -dx
  if [ "$method" = rebase ]; then
    git checkout --quiet --force -B gt-refinery "$1"
    git rebase --quiet "$target_ref" >&2 || { git rebase --abort >&2; return 1; }
  else
    git checkout --quiet --force -B gt-refinery "$target_ref"
    git merge --quiet --no-ff --no-edit -m "Merge branch '${1#refs/remotes/origin/}' into $target" "$1" >&2 \
      || { git merge --abort >&2; return 1; }
  fi
}

# Lands one branch and prints its line.
land() { # branch
  branch_ref="refs/remotes/origin/$1"
  attempt=1
  while :; do
    if ! git fetch --quiet origin "+refs/heads/$1:$branch_ref" >&2; then
      report "$1" failed reason "cannot fetch the branch"
      return
    fi
    base="$(git rev-parse "$target_ref")"
    if ! combine "$branch_ref"; then
      report "$1" failed reason "conflicts with $target at $base"
      return
    fi
    if [ "$(git rev-parse HEAD)" = "$base" ]; then
      report "$1" already-merged commit "$base"
      return
    fi
    if [ -n "${GT_TEST_COMMAND:-}" ]; then
      log "testing $1 on $base: $GT_TEST_COMMAND"
      status=0
      sh -c "$GT_TEST_COMMAND" >&2 </dev/null || status=$?
      if [ "$status" -ne 0 ]; then
        report "$1" failed reason "test command failed with exit code $status"
        return
      fi
    fi
    merged="$(git rev-parse HEAD)"
    # No + and no --force: the remote takes the push only as a fast-forward of the target.
    if git push --quiet origin "$merged:refs/heads/$target" >&2; then
      git update-ref "$target_ref" "$merged"
      report "$1" merged commit "$merged"
      return
    fi
    fetch_target || { report "$1" failed reason "push refused and cannot fetch $target"; return; }
    if [ "$(git rev-parse "$target_ref")" = "$base" ]; then
      report "$1" failed reason "push refused by the remote"
      return
    fi
    if [ "$attempt" -ge "$PUSH_ATTEMPTS" ]; then
      report "$1" failed reason "$target kept moving: gave up after $PUSH_ATTEMPTS attempts"
      return
    fi
    attempt=$((attempt + 1))
    log "$target moved while landing $1: retrying from the new head"
  done
}

taken=0
for branch in ${GT_MERGE_BRANCHES:-}; do
  if [ "$taken" -ge "$max_batch" ]; then
    report "$branch" skipped reason "beyond the batch of $max_batch"
    continue
  fi
  taken=$((taken + 1))
  log "landing $branch on $target ($method)"
  land "$branch"
done
