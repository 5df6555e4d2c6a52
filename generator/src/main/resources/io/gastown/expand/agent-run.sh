# Agent wrapper of a Gas Town polecat Pod: runs the agent command given as arguments (a built-in agent with the
# prompt as its last argument; a custom agent's command and args as given, the prompt in GT_PROMPT), then commits
# what the agent left uncommitted and pushes the work branch. Fixed text: every value that comes from a Polecat or
# Rig arrives in an environment variable and is only ever expanded inside double quotes.
set -eu
# SIGTERM (the Pod is deleted: the polecat was nuked or retired) stops the agent and everything else in this process
# group at once, and nothing is committed or pushed after it. The agent runs in the background so that the signal is
# handled while it runs (sh defers traps until a foreground command ends). Installed first: PID 1 of a container
# ignores a signal it has no handler for, so a SIGTERM before this line would wait out the grace period.
stop() {
  trap '' TERM INT
  printf 'gastown: stopped by SIGTERM (the polecat was retired or its pod deleted): nothing is pushed\n' >&2
  kill -TERM 0 2>/dev/null || true
  exit 143
}
trap stop TERM INT
# Why the Pod failed, in a few lines: the Pod's termination message, which the status reporter shows as the
# Polecat's message (written here so that it starts with the reason, not with an agent's stack trace).
termination_log="${GT_TERMINATION_LOG:-/dev/termination-log}"
fail() {
  printf 'gastown: %s\n' "$1" >&2
  if [ -w "$termination_log" ]; then
    {
      printf '%s\n' "$1"
      if [ "${3:-}" = with-output ] && [ -s "$GT_AGENT_LOG" ]; then
        printf 'last lines of %s:\n' "$GT_AGENT"
        tail -n 5 "$GT_AGENT_LOG"
      fi
    } > "$termination_log"
  fi
  exit "$2"
}
# The credentials a built-in agent reads that arrived empty (a Secret key with no value): named in the failure.
empty_credentials() {
  for name in ANTHROPIC_API_KEY ANTHROPIC_AUTH_TOKEN OPENAI_API_KEY GT_MODEL_API_KEY; do
    if eval "[ \"\${$name+set}\" = set ] && [ -z \"\${$name}\" ]"; then
      printf ' %s' "$name"
    fi
  done
}
GT_AGENT_LOG="${TMPDIR:-/tmp}/gastown-agent.log"
command -v git >/dev/null 2>&1 || fail "the agent image has no git: the wrapper commits and pushes the work with it" 2
if [ -n "${GT_CLAUDE_CREDENTIALS_FILE:-}" ]; then
  mkdir -p "$HOME/.claude"
  cp "$GT_CLAUDE_CREDENTIALS_FILE" "$HOME/.claude/.credentials.json"
  chmod 600 "$HOME/.claude/.credentials.json"
fi
cd "$GT_REPO_DIR"
printf 'gastown: %s working on %s in branch %s\n' "$GT_AGENT" "${GT_BEAD_ID:-no bead}" "$GT_WORK_BRANCH"
# The agent's output goes to the Pod's log as it comes (tee), and is kept for the failure message.
{
  status=0
  if [ "$GT_AGENT" = custom ]; then
    "$@" || status=$?
  else
    "$@" "$GT_PROMPT" || status=$?
  fi
  printf '%s\n' "$status" > "$GT_AGENT_LOG.status"
} 2>&1 | tee "$GT_AGENT_LOG" &
wait "$!" || true
trap - TERM INT
status="$(cat "$GT_AGENT_LOG.status")"
missing=""
if [ "$GT_AGENT" != custom ]; then
  missing="$(empty_credentials)"
fi
if [ "$status" -ne 0 ]; then
  if [ -n "$missing" ]; then
    fail "$GT_AGENT exited with status $status; empty credential:$missing (the Secret key it comes from holds no value)" "$status" with-output
  fi
  fail "$GT_AGENT exited with status $status" "$status" with-output
fi
# Some agents (aider) give up on an unreachable or refused model and still exit 0: without a credential and
# without a change, that is a failure, not a finished task.
if [ -n "$missing" ] && [ -z "$(git status --porcelain)" ] \
  && [ "$(git rev-parse HEAD)" = "$(git rev-parse "refs/remotes/origin/$GT_GIT_BRANCH")" ]; then
  fail "$GT_AGENT changed nothing; empty credential:$missing (the Secret key it comes from holds no value)" 3 with-output
fi
if [ -n "$(git status --porcelain)" ]; then
  git add -A
  git commit --quiet -m "${GT_BEAD_ID:-$GT_POLECAT}: work the agent left uncommitted"
fi
if [ "$(git rev-parse HEAD)" = "$(git rev-parse "refs/remotes/origin/$GT_GIT_BRANCH")" ]; then
  printf 'gastown: no new commits, nothing to push\n'
  exit 0
fi
git push --quiet origin "HEAD:refs/heads/$GT_WORK_BRANCH" || fail "pushing branch $GT_WORK_BRANCH to $GT_GIT_REPOSITORY failed" 1
printf 'gastown: pushed branch %s\n' "$GT_WORK_BRANCH"
