#!/usr/bin/env bash
# Runs a command in a private network, mount and PID namespace: the environment for the real node (test-support's
# LocalNode) and everything that talks to it.
#
#   hack/in-netns.sh mvn -o ... -Preal-node verify
#
# Networking rule of the test environment: traffic may only go to loopback or to addresses inside network
# namespaces the environment creates itself. So the command sees only `lo` and an interface gt-node0 (a bridge without ports)
# holding the node address (GASTOWN_NODE_ADDRESS, default 10.250.0.1/32; outside the pod CIDR 10.244.0.0/16
# and the service range 10.96.0.0/16), and no route anywhere else: the control plane, containerd, the
# kubelet, kube-proxy, the pods (CNI bridge, 10.244.0.0/24) and any git server a test starts live in here, and
# no pod or service address exists outside. Work that needs the package registries (image builds,
# hack/node.sh) runs before, outside.
#
# Private tmpfs mounts keep what containerd and the kubelet put in fixed host paths (shim sockets in
# /run/containerd, network namespace handles in /run/netns, CNI state in /var/lib/cni, the device plugin
# socket in /var/lib/kubelet/device-plugins, log symlinks in /var/log/containers) in here; they vanish with the namespace, as do the containers' overlay mounts.
# LocalNode refuses to start outside (it checks GASTOWN_NETNS, set here, and the interfaces it sees). The PID
# namespace makes sure nothing the command started outlives it.
set -euo pipefail
if [[ ${1:-} != --inside ]]; then
  [[ $# -gt 0 ]] || { echo "usage: hack/in-netns.sh COMMAND [ARG...]" >&2; exit 2; }
  SUDO=; [[ $(id -u) -eq 0 ]] || SUDO=sudo
  exec $SUDO unshare --net --mount --pid --mount-proc --propagation private --fork -- "$0" --inside "$@"
fi
shift
NODE_ADDRESS=${GASTOWN_NODE_ADDRESS:-10.250.0.1}
[[ $NODE_ADDRESS =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ ]] \
  || { echo "in-netns.sh: GASTOWN_NODE_ADDRESS='$NODE_ADDRESS' is not an IPv4 address" >&2; exit 2; }
ip link set lo up
ip link add gt-node0 type bridge  # no ports: it only holds the address (this kernel has no dummy driver)
ip addr add "$NODE_ADDRESS/32" dev gt-node0
ip link set gt-node0 up
# ClusterIPs from here (the apiserver calling a webhook through its Service, as on a node with a default route):
# a locally sent packet needs a route before kube-proxy's OUTPUT DNAT rewrites it to a pod address (then it is
# routed again, to the CNI bridge). This one only names the service range; nothing leaves the namespace.
ip route add 10.96.0.0/16 dev gt-node0
for dir in /run/containerd /run/netns /var/lib/cni /var/lib/kubelet /var/log/containers; do
  mkdir -p "$dir"
  mount -t tmpfs -o mode=0755 "gastown-netns" "$dir"
done
export GASTOWN_NETNS=$NODE_ADDRESS
# The node's cgroup (kubelet cgroupRoot) in every hierarchy; cgroups are not namespaced, so it is named per run.
export GASTOWN_NODE_CGROUP=gastown-node-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
status=0
"$@" || status=$?
# This script is PID 1 of the namespace's own PID namespace: whatever the command left behind (a JVM killed before
# LocalNode.close: containerd, shims, pods) dies here, and the node's cgroups go with it.
kill -KILL -1 2>/dev/null || true
sleep 0.5
for hierarchy in /sys/fs/cgroup/*/; do
  [[ -d $hierarchy$GASTOWN_NODE_CGROUP ]] && find "$hierarchy$GASTOWN_NODE_CGROUP" -depth -type d -exec rmdir {} + 2>/dev/null
done
exit $status
