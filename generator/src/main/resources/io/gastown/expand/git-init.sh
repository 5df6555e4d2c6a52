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
if [ -n "${GT_SSH_HOST:-}" ] && ! ssh-keygen -F "$GT_SSH_HOST" -f "$HOME/.ssh/known_hosts" > /dev/null 2>&1; then
  printf 'git-init: no known SSH host key for %s: put it in a ConfigMap (key known_hosts) and name that ConfigMap in spec.kubernetes.sshKnownHostsConfigMapRef\n' "$GT_SSH_HOST" >&2
  exit 1
fi
printf 'git-init: cloning branch %s of %s\n' "$GT_GIT_BRANCH" "$GT_GIT_REPOSITORY"
git clone --quiet --depth 1 --single-branch --branch "$GT_GIT_BRANCH" -- "$GT_GIT_REPOSITORY" "$GT_REPO_DIR"
cd "$GT_REPO_DIR"
git config user.name "$GT_POLECAT (Gas Town polecat)"
git config user.email "polecat@gastown.invalid"
git checkout --quiet -b "$GT_WORK_BRANCH"
printf 'git-init: working branch %s\n' "$GT_WORK_BRANCH"
