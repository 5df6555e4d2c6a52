package io.gastown.render;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code rigs/<rig>/kustomization.yaml}: lists every manifest file of the rig, in a fixed order.
 */
public final class Kustomization {
  /** rig.yaml, then convoys, then polecats, then anything else; alphabetical within each. */
  static final Comparator<String> ORDER =
      Comparator.comparingInt(Kustomization::rank).thenComparing(p -> p);

  private Kustomization() {}

  /**
   * @param rig the rig's name
   * @param resources paths of the rig's manifest files, relative to the rig directory (e.g.
   *     polecats/furiosa.yaml)
   */
  public static RenderedFile render(String rig, Collection<String> resources) {
    List<String> sorted = new ArrayList<>(new TreeSet<>(resources));
    sorted.sort(ORDER);
    StringBuilder text =
        new StringBuilder()
            .append("# Written by kubectl gt: the manifests of rig ")
            .append(rig)
            .append(".\n")
            .append(
                "# Change the rig with kubectl gt (sling, convoy create, polecat nuke), not by hand.\n")
            .append("apiVersion: kustomize.config.k8s.io/v1beta1\n")
            .append("kind: Kustomization\n")
            .append("resources:\n");
    for (String resource : sorted) {
      text.append("- ").append(resource).append('\n');
    }
    return RenderedFile.of(GitOpsLayout.kustomization(rig), text.toString());
  }

  private static int rank(String path) {
    if (path.equals(GitOpsLayout.RIG_FILE)) {
      return 0;
    }
    if (path.startsWith(GitOpsLayout.CONVOYS + "/")) {
      return 1;
    }
    if (path.startsWith(GitOpsLayout.POLECATS + "/")) {
      return 2;
    }
    return 3;
  }
}
