package io.gastown.cli.refinery;

import io.gastown.cli.GtException;
import io.gastown.cli.Inputs;
import io.gastown.cli.RigDirectory;
import io.gastown.cli.WriteCommand;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.Plan;
import io.gastown.cli.git.Planner;
import io.gastown.render.GitOpsLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt refinery delete <rig>}: removes the rig's refinery from git. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt refinery delete my-rig"},
    description =
        "Remove the rig's Refinery and its CronJob from the repository in a commit; Argo CD prunes them."
            + " Merges already made stay.")
public class RefineryDeleteCommand extends WriteCommand<String> {
  @Parameters(index = "0", paramLabel = "RIG", description = "The rig.")
  String rig;

  @Override
  protected Planner<String> planner() {
    Inputs.rigName(rig, "rig");
    return state -> {
      RigDirectory.requireRig(state, rig);
      String file = GitOpsLayout.refineryFile(rig);
      if (!state.exists(file)) {
        throw GtException.notFound("rig " + rig + " has no refinery (" + file + " does not exist)");
      }
      Changes changes = new Changes().delete(file);
      RigDirectory.updateKustomization(state, rig, changes);
      return new Plan<>(changes, "refinery delete " + rig, rig);
    };
  }

  @Override
  protected String summary(String rig) {
    return "Refinery of rig "
        + rig
        + " removed; Argo CD prunes it and its CronJob on the next sync";
  }
}
