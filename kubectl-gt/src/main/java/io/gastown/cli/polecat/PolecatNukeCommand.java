package io.gastown.cli.polecat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.GtException;
import io.gastown.cli.Inputs;
import io.gastown.cli.RigDirectory;
import io.gastown.cli.WriteCommand;
import io.gastown.cli.cluster.PolecatRef;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.Plan;
import io.gastown.cli.git.Planner;
import io.gastown.render.GitOpsLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt polecat nuke <rig>/<name>}: retire a polecat by removing it from git. */
@Command(
    name = "nuke",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt polecat nuke my-rig/furiosa"},
    description =
        "Remove the polecat (and its Job) from the repository in a commit; Argo CD prunes it from the "
            + "cluster. Never delete polecats in the cluster directly: Argo CD would re-create them.")
public class PolecatNukeCommand extends WriteCommand<String> {
  @Parameters(
      index = "0",
      paramLabel = "RIG/NAME",
      description = "The polecat, e.g. my-rig/furiosa.")
  String target;

  private PolecatRef polecat;

  @Override
  protected Planner<String> planner() {
    polecat = PolecatRef.parse(target);
    Inputs.rigName(polecat.rig(), "rig");
    Inputs.polecatName(polecat.name(), "polecat name");
    return state -> {
      RigDirectory.requireRig(state, polecat.rig());
      String file = GitOpsLayout.polecatFile(polecat.rig(), polecat.name());
      if (!state.exists(file)) {
        throw GtException.notFound(
            "polecat '"
                + polecat.name()
                + "' is not in rig "
                + polecat.rig()
                + (state.polecats(polecat.rig()).isEmpty()
                    ? " (it has no polecats)"
                    : " (polecats: " + String.join(", ", state.polecats(polecat.rig())) + ")"));
      }
      String bead = beadOf(state.documents(file));
      Changes changes = new Changes().delete(file);
      RigDirectory.updateKustomization(state, polecat.rig(), changes);
      return new Plan<>(
          changes, "polecat nuke " + polecat + (bead != null ? " (bead " + bead + ")" : ""), bead);
    };
  }

  @Override
  protected String summary(String bead) {
    return "Polecat "
        + polecat
        + " removed"
        + (bead != null ? " (bead " + bead + ")" : "")
        + "; Argo CD prunes its Polecat and Job on the next sync";
  }

  private static String beadOf(java.util.List<JsonNode> documents) {
    for (JsonNode document : documents) {
      if ("Polecat".equals(document.path("kind").asText())) {
        String bead = document.path("spec").path("beadID").asText(null);
        return bead;
      }
    }
    return null;
  }
}
