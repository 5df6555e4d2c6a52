package io.gastown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.git.RepositoryState;
import io.gastown.cli.git.RigDirectoryFiles;
import io.gastown.generate.InvalidRigSource;
import io.gastown.generate.RigGenerator;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt render [rig]}: print what Argo CD would sync from the repository. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt render my-rig", "  kubectl gt render -o json | jq '.items[].kind'"},
    description =
        "Print what Argo CD syncs for one rig or all rigs, in the order it applies them (by sync wave): "
            + "the files each rig's kustomization lists and any polecats/ or convoys/ file it does not, plus the Job of a "
            + "Polecat written by hand and a Rig's missing Namespace and Witness. The same output as the rig "
            + "Applications' Argo CD plugin. YAML documents; -o json for a List.")
public class RenderCommand extends GtSubcommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "RIG", description = "Only this rig.")
  String rig;

  @Override
  protected int run() {
    if (rig != null) {
      Inputs.rigName(rig, "rig");
    }
    Path location = RepositoryLocation.resolve(global(), environment());
    if (!Files.isDirectory(location.resolve(GitOpsLayout.RIGS))) {
      throw GtException.notFound(
          "no GitOps repository at "
              + location
              + " (it has no rigs/ directory): create one "
              + "with kubectl gt init, or point --repo (or GT_GITOPS_REPO) at yours");
    }
    RepositoryState state = RepositoryState.ofDirectory(location);
    List<String> rigs =
        rig != null
            ? List.of(RigDirectory.requireRig(state, rig).getMetadata().getName())
            : state.rigs();
    List<JsonNode> manifests = new ArrayList<>();
    for (String name : rigs) {
      manifests.addAll(manifestsOf(state, name, RigDirectory.agentImage(environment())));
    }
    if (global().output(OutputFormat.yaml) == OutputFormat.json) {
      out().println(Serialization.toJson(WriteCommand.asList(manifests)));
    } else {
      out().print(Manifests.toYaml(manifests));
    }
    return ExitCode.OK;
  }

  /**
   * What Argo CD syncs for the rig: {@link RigGenerator}, the code the rig Applications' plugin
   * runs ({@link RigPlugin}), on the rig's directory of the repository.
   */
  static List<JsonNode> manifestsOf(RepositoryState state, String rig, String agentImage) {
    try {
      return RigGenerator.generate(
          GitOpsLayout.rigDirectory(rig),
          RigDirectoryFiles.of(state.root().resolve(GitOpsLayout.rigDirectory(rig))),
          agentImage);
    } catch (InvalidRigSource e) {
      throw GtException.repo(e.getMessage());
    }
  }
}
