package io.gastown.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The same control plane as {@link ControlPlaneExtension}'s, with nodes, for code outside JUnit:
 * the local environment of {@code hack/dev.sh} and the benchmarks. The processes log to {@code
 * <runDirectory>/logs}; the kubeconfig is {@code <runDirectory>/kubeconfig}. {@code runDirectory}
 * is emptied first.
 */
public final class StandaloneControlPlane implements AutoCloseable {
  private final LocalControlPlane plane;

  private StandaloneControlPlane(LocalControlPlane plane) {
    this.plane = plane;
  }

  /**
   * Starts etcd, kube-apiserver (with the project's CRDs), kube-controller-manager, kube-scheduler
   * and kwok.
   */
  public static StandaloneControlPlane start(Path runDirectory, Duration timeout) {
    LocalControlPlane plane =
        LocalControlPlane.start(
            ControlPlaneBinaries.locate(), runDirectory, CrdManifests.repositoryRoot(), timeout);
    try {
      plane.ensureNodes();
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
    return new StandaloneControlPlane(plane);
  }

  public ControlPlaneInfo info() {
    return plane.info();
  }

  /** A new cluster-admin client; the caller closes it. */
  public KubernetesClient newClient() {
    return plane.newClient();
  }

  /** Stops every process, newest first. */
  @Override
  public void close() {
    plane.close();
  }
}
