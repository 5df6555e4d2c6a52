package io.gastown.cli.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The Pod of a polecat: the one its status names, else the newest carrying its label. */
public final class PolecatPods {
  static final String DEFAULT_CONTAINER_ANNOTATION = "kubectl.kubernetes.io/default-container";

  private PolecatPods() {}

  public static Optional<Pod> find(ClusterSession session, String namespace, Polecat polecat) {
    String name = polecat.getMetadata().getName();
    List<Pod> pods =
        session.call(
            Access.core("list", "pods", namespace, null),
            () ->
                session
                    .client()
                    .pods()
                    .inNamespace(namespace)
                    .withLabel(GasTown.LABEL_POLECAT, name)
                    .list()
                    .getItems());
    return choose(pods, polecat.getStatus() == null ? null : polecat.getStatus().getPodName());
  }

  /**
   * Pure: the pod named by the status if present, else the newest (by creation time, then name).
   */
  static Optional<Pod> choose(List<Pod> pods, String statusPodName) {
    if (statusPodName != null) {
      Optional<Pod> named =
          pods.stream().filter(p -> statusPodName.equals(p.getMetadata().getName())).findFirst();
      if (named.isPresent()) {
        return named;
      }
    }
    return pods.stream()
        .max(
            Comparator.comparing(
                    (Pod p) -> Objects.toString(p.getMetadata().getCreationTimestamp(), ""))
                .thenComparing(p -> p.getMetadata().getName()));
  }

  /**
   * The container logs come from when none is named: the pod's default-container annotation, else
   * the first.
   */
  public static String defaultContainer(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    if (annotations != null && annotations.get(DEFAULT_CONTAINER_ANNOTATION) != null) {
      return annotations.get(DEFAULT_CONTAINER_ANNOTATION);
    }
    List<Container> containers = pod.getSpec().getContainers();
    return containers.isEmpty() ? null : containers.get(0).getName();
  }
}
