# Agent wrapper of a Gas Town polecat Pod: runs the agent command given as arguments with the prompt as its last
# argument, then commits what the agent left uncommitted and pushes the work branch. Fixed text: every value that
# comes from a Polecat or Rig arrives in an environment variable and is only ever expanded inside double quotes.
set -eu
if [ -n "${GT_CLAUDE_CREDENTIALS_FILE:-}" ]; then
  mkdir -p "$HOME/.claude"
  cp "$GT_CLAUDE_CREDENTIALS_FILE" "$HOME/.claude/.credentials.json"
  chmod 600 "$HOME/.claude/.credentials.json"
fi
cd "$GT_REPO_DIR"
printf 'gastown: %s working on %s in branch %s\n' "$GT_AGENT" "${GT_BEAD_ID:-no bead}" "$GT_WORK_BRANCH"
status=0
"$@" "$GT_PROMPT" || status=$?
if [ "$status" -ne 0 ]; then
  printf 'gastown: %s exited with status %s\n' "$GT_AGENT" "$status" >&2
  exit "$status"
fi
if [ -n "$(git status --porcelain)" ]; then
  git add -A
  git commit --quiet -m "${GT_BEAD_ID:-$GT_POLECAT}: work the agent left uncommitted"
fi
if [ "$(git rev-parse HEAD)" = "$(git rev-parse "refs/remotes/origin/$GT_GIT_BRANCH")" ]; then
  printf 'gastown: no new commits, nothing to push\n'
  exit 0
fi
git push --quiet origin "HEAD:refs/heads/$GT_WORK_BRANCH"
printf 'gastown: pushed branch %s\n' "$GT_WORK_BRANCH"
