package io.gastown.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the running control plane is, for tests that start their own clients or processes.
 *
 * @param kubeconfig a kubeconfig file with embedded cluster-admin credentials (system:masters)
 * @param apiServerUrl the apiserver's URL, {@code https://127.0.0.1:<port>}
 * @param kubernetesVersion the Kubernetes version of the binaries, e.g. {@code 1.37.0}
 * @param logDirectory where each process writes its log ({@code etcd.log}, {@code
 *     kube-apiserver.log}, ...)
 * @param installedCrds names of the CustomResourceDefinitions installed from {@code
 *     kustomize/base/crds}
 * @param nodeName the node Pods are scheduled to (kwok's, or the real node's), or {@code null} when
 *     no node was asked for
 */
public record ControlPlaneInfo(
    Path kubeconfig,
    String apiServerUrl,
    String kubernetesVersion,
    Path logDirectory,
    List<String> installedCrds,
    String nodeName) {}
