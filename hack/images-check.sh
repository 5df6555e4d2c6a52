#!/usr/bin/env bash
# Checks the images hack/images.sh built by running them for real, outside the Maven tests (the real-node
# tests run them in pods): a private containerd (its own root, state and socket in a temporary directory,
# overlayfs snapshotter, runc; nothing else shares it) imports each tarball of images.properties, then
# `ctr run --rm` runs, with a read-only root filesystem and tmpfs for /tmp, HOME and /workspace as the pods
# have them:
#   - polecat agent: user 65532:0, HOME, working directory, git, ssh (the wrapper), and the versions of
#     claude, opencode and aider that images/polecat-agent/Containerfile pins; then each CLI started with no
#     credentials and no TTY (as the brief commands and as the webhook starts them): output and exit code
#     are printed, not judged (what they print is up to each CLI; see docs/operations.md);
#   - gastown-system: `java -version` (the image's JRE, in a mount of the image: ctr cannot replace an
#     ENTRYPOINT), the entrypoint's usage error, and that the JRE holds every module jdeps finds in /app/lib.
# Builds first (hack/images.sh: seconds when cached). Exit 0 when every check passed, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=${GASTOWN_IMAGES:-$HOME/.cache/gastown-images}
NS=gastown-images-check # its own containerd namespace: runc state under /run/containerd/runc/$NS
log() { echo "images-check: $*" >&2; }
fail() { echo "images-check: error: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f s", e - s }'; }

[[ $(id -u) -eq 0 ]] || fail "runs as root (containerd)"
need=()
command -v containerd >/dev/null || need+=(containerd)
command -v runc >/dev/null || need+=(runc)
if [[ ${#need[@]} -gt 0 ]]; then
  log "installing ${need[*]} (apt)"
  apt-get update -qq >&2
  # policy-rc.d keeps the package from starting a system-wide containerd.
  policy=/usr/sbin/policy-rc.d
  if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' >$policy; chmod +x $policy; trap 'rm -f $policy' EXIT; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
  rm -f $policy
  trap - EXIT
fi

bash hack/images.sh
source hack/java.sh
image_of() { # image_of NAME-PREFIX -> the reference in images.properties
  sed -n 's/\\:/:/g; s/^\([^#=]*'"$1"'[^=]*\)=.*/\1/p' "$CACHE/images.properties"
}
tar_of() { sed -n 's/\\:/:/g; s/^'"${1//\//\\/}"'=\(.*\)/\1/p' "$CACHE/images.properties"; }
AGENT=$(image_of polecat-agent)
SYSTEM=$(image_of gastown-system)
[[ -n $AGENT && -n $SYSTEM ]] || fail "images.properties lacks the agent or the system image: $(cat "$CACHE/images.properties")"

DIR=$(mktemp -d /tmp/gastown-images-check.XXXXXX)
SOCK=$DIR/containerd.sock
had_run_containerd=false
[[ -d /run/containerd ]] && had_run_containerd=true
cat >"$DIR/config.toml" <<EOF
version = 2
root = "$DIR/root"
state = "$DIR/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$SOCK"
[ttrpc]
  address = "$SOCK.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$DIR/opt"
EOF
containerd --config "$DIR/config.toml" >"$DIR/containerd.log" 2>&1 &
CONTAINERD_PID=$!
cleanup() {
  set +e
  ctr -a "$SOCK" -n $NS images unmount --rm "$DIR/mnt" >/dev/null 2>&1
  kill "$CONTAINERD_PID" 2>/dev/null && wait "$CONTAINERD_PID" 2>/dev/null
  # Snapshots stay mounted when containerd stops; unmount what is under our directory only.
  grep -o " $DIR/[^ ]*" /proc/self/mounts | sort -r | xargs -r -n1 umount -l
  rm -rf "$DIR"
  # Shims keep their sockets and runc its state under /run/containerd whatever `state` says: remove ours.
  rm -rf "/run/containerd/runc/$NS"
  if ! $had_run_containerd; then
    find /run/containerd -depth -type d -empty -delete 2>/dev/null
  fi
}
trap cleanup EXIT
for _ in $(seq 100); do
  ctr -a "$SOCK" version >/dev/null 2>&1 && break
  kill -0 "$CONTAINERD_PID" 2>/dev/null || { cat "$DIR/containerd.log" >&2; fail "containerd exited"; }
  sleep 0.2
done
ctr -a "$SOCK" version >/dev/null || { tail -n 30 "$DIR/containerd.log" >&2; fail "containerd did not answer on $SOCK"; }
CTR=$(type -P ctr)
ctr() { "$CTR" -a "$SOCK" -n $NS "$@"; }

for image in "$AGENT" "$SYSTEM"; do
  t=$(now)
  ctr images import "$(tar_of "$image")" >/dev/null
  ctr images ls -q | grep -x "$image" >/dev/null || fail "$image is not in containerd after the import"
  log "imported $image in $(since "$t") ($(du -h "$(tar_of "$image")" | cut -f1))"
done

FAILED=0
N=0
OUT=
RC=
# run [--env K=V ...] IMAGE ARGS...: ctr run --rm as in a pod (read-only root; tmpfs HOME, /workspace, /tmp), no
# TTY; a run still going after $RUN_TIMEOUT s is killed (RC 124).
RUN_TIMEOUT=60
run() {
  local opts=()
  while [[ $1 == --env ]]; do opts+=("$1" "$2"); shift 2; done
  local image=$1
  shift
  N=$((N + 1))
  local t id="check-$N-$$"
  t=$(now)
  set +e
  OUT=$(timeout -k 5 $RUN_TIMEOUT "$CTR" -a "$SOCK" -n $NS run --rm --read-only "${opts[@]}" \
    --mount type=tmpfs,src=tmpfs,dst=/tmp,options=rw:mode=1777 \
    --mount type=tmpfs,src=tmpfs,dst=/home/polecat,options=rw:mode=1777 \
    --mount type=tmpfs,src=tmpfs,dst=/workspace,options=rw:mode=1777 \
    "$image" "$id" "$@" </dev/null 2>&1)
  RC=$?
  set -e
  if [[ $RC == 124 || $RC == 137 ]]; then # ctr was stopped; its task may live on
    RC=124
    ctr task kill -s SIGKILL "$id" >/dev/null 2>&1 || true
    sleep 1
    ctr task delete "$id" >/dev/null 2>&1 || true
    ctr container delete "$id" >/dev/null 2>&1 || true
  fi
  LAST_TIME=$(since "$t")
}
expect() { # expect DESCRIPTION RC REGEX IMAGE ARGS...
  local what=$1 rc=$2 regex=$3
  shift 3
  run "$@"
  if [[ $RC == "$rc" ]] && grep -Eq -- "$regex" <<<"$OUT"; then
    log "ok   $what ($LAST_TIME): $(head -n 1 <<<"$OUT")"
  else
    log "FAIL $what: exit $RC (expected $rc), output (expected /$regex/):"
    sed 's/^/    /' <<<"$OUT" >&2
    FAILED=$((FAILED + 1))
  fi
}
show() { # show DESCRIPTION [--env K=V ...] IMAGE ARGS...: what a CLI does without credentials, recorded, not judged
  # (stdin is /dev/null inside the container, as in a pod without stdin; ctr's own stdin is a pipe that
  # claude waits on for 3 s)
  local what=$1
  shift
  local opts=()
  while [[ $1 == --env ]]; do opts+=("$1" "$2"); shift 2; done
  local image=$1
  shift
  run "${opts[@]}" "$image" sh -c 'exec "$@" </dev/null' sh "$@"
  if [[ $RC == 124 ]]; then
    log "---- $what: still running after ${RUN_TIMEOUT} s, killed"
  else
    log "---- $what: exit $RC ($LAST_TIME)"
  fi
  sed 's/^/    /' <<<"$OUT" >&2
}

image_config() { # image_config IMAGE KEY: a field of the image config in its tarball
  python3 - "$(tar_of "$1")" "$2" <<'PY'
import json, sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    blob = lambda d: json.load(t.extractfile("blobs/sha256/" + d.split(":")[1]))
    manifest = blob(json.load(t.extractfile("index.json"))["manifests"][0]["digest"])
    print(blob(manifest["config"]["digest"])["config"].get(sys.argv[2]))
PY
}
arg() { python3 hack/containerfile.py info images/polecat-agent/Containerfile | python3 -c "import json,sys; print(json.load(sys.stdin)['args']['$1'])"; }
expect "user" 0 '^uid=65532.* gid=0' "$AGENT" id
expect "HOME and working directory" 0 '^/home/polecat /workspace$' "$AGENT" sh -c 'echo "$HOME $(pwd)"'
expect "git" 0 '^git version ' "$AGENT" git --version
expect "ssh (wrapper)" 0 '^OpenSSH_' "$AGENT" ssh -V
expect "ssh is the wrapper" 0 '^/usr/local/bin/ssh$' "$AGENT" sh -c 'command -v ssh'
expect "node" 0 "^v$(arg NODE_VERSION)\$" "$AGENT" node --version
expect "claude" 0 "^$(arg CLAUDE_CODE_VERSION) " "$AGENT" claude --version
expect "opencode" 0 "^$(arg OPENCODE_VERSION)\$" "$AGENT" opencode --version
expect "aider" 0 "^aider $(arg AIDER_VERSION)\$" "$AGENT" aider --version
for crt in /usr/local/share/ca-certificates/*.crt; do # the build's CAs must not stay in the image
  [[ -f $crt ]] || continue
  fingerprint=$(sed -n '/BEGIN CERT/,/END CERT/p' "$crt" | sed -n 2p)
  expect "image does not trust the build host's ${crt##*/}" 1 '^0$' "$AGENT" grep -c -F -- "$fingerprint" /etc/ssl/certs/ca-certificates.crt
done
# As the brief commands, then as the webhook starts them (generator AgentContainer: model set, key absent).
show "claude -p hi" "$AGENT" claude -p hi
show "opencode run hi" "$AGENT" opencode run hi
show "aider --message hi --yes" "$AGENT" aider --message hi --yes
show "claude as a polecat, no ANTHROPIC_API_KEY" --env ANTHROPIC_MODEL=claude-sonnet-4-5 --env DISABLE_AUTOUPDATER=1 \
  "$AGENT" claude --print --dangerously-skip-permissions hi
show "opencode as a polecat, no ANTHROPIC_API_KEY" \
  --env 'OPENCODE_CONFIG_CONTENT={"$schema":"https://opencode.ai/config.json","autoupdate":false,"model":"anthropic/claude-sonnet-4-5"}' \
  --env OPENCODE_DISABLE_AUTOUPDATE=true "$AGENT" opencode run hi
show "aider as a polecat, no ANTHROPIC_API_KEY" --env AIDER_MODEL=anthropic/claude-sonnet-4-5 \
  "$AGENT" aider --yes-always --message hi

# ctr run's arguments replace ENTRYPOINT and CMD: name the entrypoint explicitly.
expect "entrypoint usage" 2 "^usage: webhook \| status-reporter \(got 'bogus'\)" "$SYSTEM" /app/entrypoint.sh bogus
expect "java -version" 0 '^openjdk version "'"$GASTOWN_JAVA_RELEASE" "$SYSTEM" java -version
user=$(image_config "$SYSTEM" User)
if [[ $user == 65532:0 ]]; then log "ok   system image user $user"; else log "FAIL system image user: $user (expected 65532:0)"; FAILED=$((FAILED + 1)); fi
mkdir -p "$DIR/mnt"
ctr images mount "$SYSTEM" "$DIR/mnt" >/dev/null
needed=$(jdeps -q --multi-release "$GASTOWN_JAVA_RELEASE" --ignore-missing-deps --print-module-deps "$DIR"/mnt/app/lib/*.jar)
run "$SYSTEM" java --list-modules
missing=$(comm -23 <(tr ',' '\n' <<<"$needed" | sort) <(sed 's/@.*//' <<<"$OUT" | sort))
if [[ -z $missing ]]; then
  log "ok   the JRE has every module jdeps finds in /app/lib ($needed)"
else
  log "FAIL the JRE lacks modules the jars need: $missing (add them to JRE_MODULES in hack/images.sh)"; FAILED=$((FAILED + 1))
fi

if [[ $FAILED -gt 0 ]]; then
  log "$FAILED check(s) failed"
  exit 1
fi
log "all checks passed"
