package io.gastown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.git.RepositoryState;
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
@Command(name = "render", mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt render my-rig",
        "  kubectl gt render -o json | jq '.items[].kind'"},
    description = "Print the manifests the repository holds for one rig or all rigs (the files each rig's "
        + "kustomization lists), in the order Argo CD applies them: by sync wave. YAML documents; -o json for a List.")
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
      throw GtException.notFound("no GitOps repository at " + location + " (it has no rigs/ directory): create one "
          + "with kubectl gt init, or point --repo (or GT_GITOPS_REPO) at yours");
    }
    RepositoryState state = RepositoryState.ofDirectory(location);
    List<String> rigs = rig != null ? List.of(RigDirectory.requireRig(state, rig).getMetadata().getName())
        : state.rigs();
    List<JsonNode> manifests = new ArrayList<>();
    for (String name : rigs) {
      manifests.addAll(Manifests.inSyncOrder(manifestsOf(state, name)));
    }
    if (global().output(OutputFormat.yaml) == OutputFormat.json) {
      out().println(Serialization.toJson(WriteCommand.asList(manifests)));
    } else {
      out().print(Manifests.toYaml(manifests));
    }
    return ExitCode.OK;
  }

  /** The documents of the files the rig's kustomization lists (or, without one, of every manifest file). */
  static List<JsonNode> manifestsOf(RepositoryState state, String rig) {
    String directory = GitOpsLayout.rigDirectory(rig);
    List<String> resources = new ArrayList<>();
    String kustomization = GitOpsLayout.kustomization(rig);
    if (state.exists(kustomization)) {
      for (JsonNode resource : state.documents(kustomization).get(0).path("resources")) {
        resources.add(resource.asText());
      }
    } else {
      resources.addAll(state.rigResources(rig));
    }
    List<JsonNode> documents = new ArrayList<>();
    for (String resource : resources) {
      String path = directory + "/" + resource;
      if (!state.exists(path)) {
        throw GtException.repo(kustomization + " lists " + resource + ", which does not exist: restore it with git, "
            + "or remove it from the list");
      }
      documents.addAll(state.documents(path));
    }
    return documents;
  }
}
