package io.gastown.cli.refinery;

import io.gastown.cli.GtException;
import io.gastown.cli.Inputs;
import io.gastown.cli.RigDirectory;
import io.gastown.cli.WriteCommand;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.Plan;
import io.gastown.cli.git.Planner;
import io.gastown.model.MergeMethod;
import io.gastown.model.Refinery;
import io.gastown.model.RefinerySpec;
import io.gastown.model.Rig;
import io.gastown.model.SecretReference;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.RefineryManifests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt refinery create <rig>}: the rig's Refinery and the CronJob of its runs. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt refinery create my-rig",
      "  kubectl gt refinery create my-rig --test-command 'mvn -B verify' --max-batch 5",
      "  kubectl gt refinery create my-rig --merge-method merge --schedule @hourly"
    },
    description =
        "Write the rig's Refinery and the CronJob of its merge runs into rigs/<rig>/refinery.yaml, commit"
            + " and push. Each run lands the work branches of the rig's Done polecats on the target branch,"
            + " oldest first.")
public class RefineryCreateCommand extends WriteCommand<Refinery> {
  @Parameters(index = "0", paramLabel = "RIG", description = "The rig.")
  String rig;

  @Option(
      names = "--target-branch",
      paramLabel = "BRANCH",
      description = "The branch work lands on. Default: main.")
  String targetBranch;

  @Option(
      names = "--test-command",
      paramLabel = "COMMAND",
      description =
          "One line run with sh in the repository before each branch lands. Default: none.")
  String testCommand;

  @Option(
      names = "--merge-method",
      paramLabel = "METHOD",
      description = "rebase (a linear history; default) or merge (a merge commit per branch).")
  String mergeMethod;

  @Option(
      names = "--max-batch",
      paramLabel = "N",
      description = "Branches one run takes (1 to 100). Default: 10.")
  Integer maxBatch;

  @Option(
      names = "--schedule",
      paramLabel = "CRON",
      description =
          "When runs start (cron, or @hourly etc.). Default: "
              + RefinerySpec.DEFAULT_SCHEDULE
              + ".")
  String schedule;

  @Option(
      names = "--git-secret",
      paramLabel = "SECRET",
      description = "Secret with the SSH key that may push the target. Default: the rig's.")
  String gitSecret;

  @Override
  protected Planner<Refinery> planner() {
    Inputs.rigName(rig, "rig");
    RefinerySpec spec = new RefinerySpec();
    spec.setTargetBranch(
        targetBranch != null ? Inputs.branch(targetBranch, "--target-branch") : null);
    spec.setTestCommand(testCommand);
    if (mergeMethod != null) {
      try {
        spec.setMergeMethod(MergeMethod.fromValue(mergeMethod));
      } catch (IllegalArgumentException e) {
        throw GtException.invalid("--merge-method: " + e.getMessage());
      }
    }
    spec.setMaxBatch(maxBatch);
    spec.setSchedule(schedule);
    spec.setGitSecretRef(gitSecret != null ? new SecretReference(gitSecret) : null);
    String image = RigDirectory.agentImage(environment());
    return state -> {
      Rig target = RigDirectory.requireRig(state, rig);
      String file = GitOpsLayout.refineryFile(rig);
      if (state.exists(file)) {
        throw GtException.invalid(
            "rig "
                + rig
                + " already has a refinery ("
                + file
                + "): change its settings in that file, or kubectl gt refinery delete "
                + rig
                + " first");
      }
      Refinery refinery = RefineryManifests.create(target, spec);
      RigDirectory.requireValid(refinery, "the refinery of rig " + rig);
      Changes changes = new Changes().write(RefineryManifests.render(refinery, image));
      RigDirectory.updateKustomization(state, rig, changes);
      return new Plan<>(changes, "refinery create " + rig, refinery);
    };
  }

  @Override
  protected String summary(Refinery refinery) {
    RefinerySpec spec = refinery.getSpec();
    return "Refinery of rig "
        + rig
        + " written: merges into "
        + (spec.getTargetBranch() != null ? spec.getTargetBranch() : "main")
        + " on schedule "
        + (spec.getSchedule() != null ? spec.getSchedule() : RefinerySpec.DEFAULT_SCHEDULE)
        + " (CronJob refinery-"
        + refinery.getMetadata().getName()
        + ")";
  }
}
