#!/usr/bin/env bash
# Installs the Debian packages the test environment runs: redis-server (Argo CD's cache; the application
# controller, repo-server and API server have no in-memory mode). Idempotent: seconds when present.
set -euo pipefail
need=()
command -v redis-server >/dev/null || need+=(redis-server)
command -v git >/dev/null || need+=(git)
[[ ${#need[@]} -eq 0 ]] && exit 0
SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
echo "packages: installing ${need[*]}" >&2
$SUDO apt-get update -qq >&2
# policy-rc.d keeps the package from starting a system-wide redis on 6379; tests start their own on a free port.
POLICY=/usr/sbin/policy-rc.d
if [[ ! -e $POLICY ]]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee $POLICY >/dev/null; $SUDO chmod +x $POLICY; trap '$SUDO rm -f $POLICY' EXIT; fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
