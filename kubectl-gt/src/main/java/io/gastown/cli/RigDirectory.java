package io.gastown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.RepositoryState;
import io.gastown.model.Rig;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Kustomization;
import io.gastown.render.Manifests;
import io.gastown.render.PolecatManifests;
import io.gastown.validation.GasTownValidation;
import io.gastown.validation.Violation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Shared steps of the commands that change a rig's directory. */
public final class RigDirectory {
  static final String AGENT_IMAGE = "GT_AGENT_IMAGE";

  private RigDirectory() {}

  /** The rig, or exit code 3 naming the rigs there are. */
  public static Rig requireRig(RepositoryState state, String name) {
    return state
        .rig(name)
        .orElseThrow(
            () ->
                GtException.notFound(
                    "rig '"
                        + name
                        + "' is not in "
                        + state.root()
                        + (state.rigs().isEmpty()
                            ? ": create it with kubectl gt rig create " + name
                            : " (rigs: "
                                + String.join(", ", state.rigs())
                                + "): create it with kubectl gt rig create "
                                + name)));
  }

  /**
   * Adds the rig's kustomization as it must be after the changes (listing every manifest file,
   * once).
   */
  public static void updateKustomization(RepositoryState state, String rig, Changes changes) {
    String directory = GitOpsLayout.rigDirectory(rig);
    Set<String> resources = new LinkedHashSet<>();
    for (String resource : state.rigResources(rig)) {
      if (!changes.deletes(directory + "/" + resource)) {
        resources.add(resource);
      }
    }
    for (String written : changes.writtenUnder(directory)) {
      String relative = written.substring(directory.length() + 1);
      if (!relative.equals(GitOpsLayout.KUSTOMIZATION)) {
        resources.add(relative);
      }
    }
    changes.write(Kustomization.render(rig, resources));
  }

  /**
   * Refuses, before anything is committed, an object the cluster would refuse: the same checks as
   * the webhook's /validate endpoints (schema and cross-field rules), naming every field that is
   * wrong.
   */
  public static void requireValid(Object object, String what) {
    requireValidTree(Manifests.toTree(object), what);
  }

  public static void requireValidTree(JsonNode object, String what) {
    List<Violation> violations = GasTownValidation.violations(object);
    if (!violations.isEmpty()) {
      throw GtException.invalid(
          what
              + " would be invalid: "
              + String.join("; ", violations.stream().map(Violation::toString).toList()));
    }
  }

  /**
   * The placeholder image of polecat Jobs: the platform's agent image of this version
   * (GT_AGENT_IMAGE overrides it, e.g. for a mirror registry). The webhook replaces the container,
   * so this only matters when it is not running.
   */
  public static String agentImage(GtEnvironment environment) {
    String image = environment.get(AGENT_IMAGE);
    return image != null ? image : PolecatManifests.agentImage(GtCommand.Version.version());
  }
}
