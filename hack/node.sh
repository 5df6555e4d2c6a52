#!/usr/bin/env bash
# Provisions what the real node of the test environment runs (test-support's LocalNode), next to the control
# plane of hack/control-plane.sh:
#   - Debian packages: runc, containerd, the CNI plugins (/usr/lib/cni), iptables (kube-proxy),
#     busybox-static, openssl and gcc (the node's two images), iproute2 and util-linux (hack/in-netns.sh);
#   - kubelet and kube-proxy, built by hack/control-plane.sh --node into the same versioned cache;
#   - the node's images, as OCI tarballs for `ctr images import`, in ${GASTOWN_IMAGES:-~/.cache/gastown-images}:
#     pause.tar (localhost/pause:local, the pod sandbox: no registry is reachable to pull one) and
#     busybox.tar (localhost/busybox:local: busybox-static plus openssl, a TLS client Go servers accept). Each is rebuilt only when its inputs change (a key file next to it).
# Idempotent: seconds when everything is there. Nothing is started; LocalNode starts containerd itself.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
IMAGES=${GASTOWN_IMAGES:-$HOME/.cache/gastown-images}
log() { printf '[node] %s\n' "$*"; }

install_packages() {
  local need=() cmd pkg
  for pair in runc:runc containerd:containerd iptables:iptables gcc:gcc openssl:openssl ip:iproute2 unshare:util-linux; do
    cmd=${pair%%:*} pkg=${pair#*:}
    command -v "$cmd" >/dev/null || need+=("$pkg")
  done
  [[ -x /usr/lib/cni/bridge && -x /usr/lib/cni/host-local && -x /usr/lib/cni/loopback ]] || need+=(containernetworking-plugins)
  [[ -x /bin/busybox ]] && /bin/busybox 2>&1 | grep -q 'statically linked' || need+=(busybox-static)
  dpkg-query -W -f='${Status}' libc6-dev 2>/dev/null | grep -q 'install ok installed' || need+=(libc6-dev)
  [[ ${#need[@]} -eq 0 ]] && return
  local sudo=; [[ $(id -u) -eq 0 ]] || sudo=sudo
  log "installing ${need[*]}"
  $sudo apt-get update -qq
  # policy-rc.d keeps the packages from starting a system-wide containerd; LocalNode starts its own.
  local policy=/usr/sbin/policy-rc.d
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee $policy >/dev/null; $sudo chmod +x $policy
    trap '$sudo rm -f '"$policy" EXIT
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
}

# Runs `build <rootfs> <out.tar>` when the key differs from the one recorded for <name>; atomically replaces the tar.
image() { # name key build-function
  local name=$1 key=$2 build=$3 out=$IMAGES/$1.tar
  if [[ -f $out && -f $IMAGES/.$name.key && "$(cat "$IMAGES/.$name.key")" == "$key" ]]; then
    log "image $name: cached ($out)"; return
  fi
  local work; work=$(mktemp -d)
  "$build" "$work/rootfs" "$work/$name.tar" "$work"
  mv "$work/$name.tar" "$out"
  echo "$key" >"$IMAGES/.$name.key"
  rm -rf "$work"
  log "image $name: built ($out)"
}

build_pause() { # rootfs out work
  mkdir -p "$1"
  gcc -static -O2 -Wall -Werror -o "$1/pause" "$ROOT/images/pause/pause.c"
  python3 "$ROOT/hack/oci-image.py" "$1" localhost/pause:local "$2" --entrypoint '["/pause"]'
}

build_busybox() { # rootfs out work
  mkdir -p "$1/bin" "$1/tmp" "$1/etc"
  cp /bin/busybox "$1/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list-full); do
    [[ -e $1/$applet ]] && continue
    mkdir -p "$1/$(dirname "$applet")"
    ln -s /bin/busybox "$1/$applet"
  done
  chmod 1777 "$1/tmp"
  # busybox's own TLS sends no signature_algorithms, which Go servers (the apiserver) refuse; with openssl in
  # the image, `wget https://...` uses `openssl s_client` instead, and pods can call `openssl` themselves.
  local file
  for file in /usr/bin/openssl /usr/lib/ssl/openssl.cnf $(ldd /usr/bin/openssl | grep -o '/[^ ]*'); do
    mkdir -p "$1/$(dirname "$file")"
    cp -L "$file" "$1/$file"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$1/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$1/etc/group"
  python3 "$ROOT/hack/oci-image.py" "$1" localhost/busybox:local "$2" --cmd '["sh"]'
}

sha() { sha256sum "$@" | sha256sum | cut -c1-16; }

install_packages
bash "$ROOT/hack/control-plane.sh" --node
mkdir -p "$IMAGES"
image pause "$(sha "$ROOT/images/pause/pause.c" "$ROOT/hack/oci-image.py" "$(command -v gcc)")-$(gcc -dumpfullversion)" build_pause
image busybox "$(sha /bin/busybox /usr/bin/openssl "$ROOT/hack/oci-image.py" "$ROOT/hack/node.sh")" build_busybox
log "ready: images in $IMAGES"
