# git-init of a Gas Town polecat Pod. Fixed text: every value that comes from a Polecat or Rig arrives in an
# environment variable and is only ever expanded inside double quotes.
set -eu
mkdir -p "$HOME/.ssh"
chmod 700 "$HOME/.ssh"
if [ -n "${GT_GIT_SSH_KEY_FILE:-}" ]; then
  cp "$GT_GIT_SSH_KEY_FILE" "$HOME/.ssh/id_gastown"
  chmod 600 "$HOME/.ssh/id_gastown"
fi
if [ -n "${GT_SSH_KNOWN_HOSTS_FILE:-}" ]; then
  cp "$GT_SSH_KNOWN_HOSTS_FILE" "$HOME/.ssh/known_hosts"
else
  printf '%s\n' "${GT_SSH_KNOWN_HOSTS:-}" > "$HOME/.ssh/known_hosts"
fi
# Is GT_SSH_HOST in known_hosts? (awk, not ssh-keygen -F, which refuses to run for a UID without a passwd entry;
# hashed and wildcard entries cannot be matched here, so ssh itself decides for those.)
known_host() {
  awk '{ field = ($1 ~ /^@/) ? $2 : $1 }
    field ~ /^[|]1[|]/ || field ~ /[*?]/ { found = 1 }
    { n = split(field, names, ","); for (i = 1; i <= n; i++) if (names[i] == ENVIRON["GT_SSH_HOST"]) found = 1 }
    END { exit found ? 0 : 1 }' "$HOME/.ssh/known_hosts"
}
if [ -n "${GT_SSH_HOST:-}" ] && ! known_host; then
  printf 'git-init: no known SSH host key for %s: put it in a ConfigMap (key known_hosts) and name that ConfigMap in spec.kubernetes.sshKnownHostsConfigMapRef\n' "$GT_SSH_HOST" >&2
  exit 1
fi
printf 'git-init: cloning branch %s of %s\n' "$GT_GIT_BRANCH" "$GT_GIT_REPOSITORY"
git clone --quiet --depth 1 --single-branch --branch "$GT_GIT_BRANCH" -- "$GT_GIT_REPOSITORY" "$GT_REPO_DIR"
cd "$GT_REPO_DIR"
git config user.name "$GT_POLECAT (Gas Town polecat)"
git config user.email "polecat@gastown.invalid"
git checkout --quiet -b "$GT_WORK_BRANCH"
# The agents' own scratch files (aider's chat and input history, its repository map cache) are never the work:
# ignored in this clone only, so the wrapper neither commits nor counts them, and the repository's .gitignore stays.
mkdir -p .git/info
printf '%s\n' '.aider*' >> .git/info/exclude
printf 'git-init: working branch %s\n' "$GT_WORK_BRANCH"
