package io.gastown.cli.polecat;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;
import io.gastown.cli.Inputs;
import io.gastown.cli.OutputFormat;
import io.gastown.cli.RigDirectory;
import io.gastown.cli.Slinging;
import io.gastown.cli.WriteCommand;
import io.gastown.cli.cluster.PolecatRef;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.Plan;
import io.gastown.cli.git.Planner;
import io.gastown.cli.git.RepositoryState;
import io.gastown.cli.git.WriteResult;
import io.gastown.cli.wait.WaitOptions;
import io.gastown.model.Agent;
import io.gastown.model.NamepoolTheme;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import io.gastown.render.PolecatRequest;
import io.gastown.render.RenderedFile;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt sling <bead> <rig>}: put a polecat to work on a bead, through git. */
@Command(
    name = "sling",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt sling gt-123 my-rig",
      "  kubectl gt sling gt-124 my-rig --name max --agent aider --task \"Fix login\"",
      "  kubectl gt sling gt-125 my-rig --dry-run -o json",
      "  kubectl gt sling gt-125 my-rig --dry-run --expanded",
      "  kubectl gt sling gt-126 my-rig --wait-ready --timeout 5m"
    },
    description = {
      "Write a Polecat (and the Job that runs it) for a bead into the rig's directory, commit and push.",
      "The polecat gets a themed name that was never used in the rig, unless --name is given."
    })
public class SlingCommand extends WriteCommand<Polecat> {
  @Parameters(index = "0", paramLabel = "BEAD", description = "The bead (issue) ID, e.g. gt-123.")
  String beadId;

  @Parameters(index = "1", paramLabel = "RIG", description = "The rig to work in.")
  String rig;

  @Mixin NameOptions naming = new NameOptions();

  @Option(names = "--task", paramLabel = "TEXT", description = "Instructions for the agent.")
  String task;

  @Option(
      names = "--agent",
      paramLabel = "AGENT",
      description =
          "claude-code, opencode, aider or custom. Default: the rig's agent, else claude-code.")
  String agent;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description =
          "The agent's model (spec.agentConfig.model), e.g. gpt-4o; opencode and aider need one.")
  String model;

  @Option(
      names = "--command",
      paramLabel = "ARG",
      description =
          "With --agent custom: the agent's command (spec.agentConfig.command), one argument per "
              + "--command, e.g. --command=/bin/sh --command=-c --command='make fix'.")
  List<String> command;

  @Option(
      names = "--branch",
      paramLabel = "BRANCH",
      description = "Branch to clone. Default: the rig's gitBranch, else main.")
  String branch;

  @Option(
      names = "--work-branch",
      paramLabel = "BRANCH",
      description = "Branch the agent commits to. Default: feature/<bead>.")
  String workBranch;

  @Mixin WaitOptions wait = new WaitOptions();

  @Option(
      names = "--expanded",
      description =
          "With --dry-run: also print the Pod the webhook would admit for the "
              + "new polecat (as kubectl gt polecat preview does after the push).")
  boolean expanded;

  @Mixin PreviewOptions preview = new PreviewOptions();

  /** The repository the last plan was made on (for --expanded). */
  private RepositoryState planned;

  @Override
  protected Planner<Polecat> planner() {
    Inputs.beadId(beadId, "bead ID");
    Inputs.rigName(rig, "rig");
    String name = naming.name();
    NamepoolTheme namepoolTheme = naming.theme();
    Agent chosenAgent = Inputs.agent(agent, "--agent");
    Inputs.branch(branch, "--branch");
    Inputs.branch(workBranch, "--work-branch");
    if (expanded && !write.dryRun()) {
      throw new GtException(
          ExitCode.USAGE,
          "--expanded prints the Pod of a dry run: add --dry-run, or run kubectl "
              + "gt polecat preview "
              + rig
              + "/NAME after the push");
    }
    PolecatRequest request =
        new PolecatRequest(name, beadId, task, chosenAgent, branch, workBranch, model, command);
    String image = RigDirectory.agentImage(environment());
    return state -> {
      planned = state;
      Rig target = RigDirectory.requireRig(state, rig);
      Changes changes = new Changes();
      Polecat polecat =
          Slinging.sling(state, target, List.of(request), namepoolTheme, image, changes).get(0);
      RigDirectory.updateKustomization(state, rig, changes);
      return new Plan<>(
          changes,
          "sling " + beadId + " to " + rig + " as " + polecat.getMetadata().getName(),
          polecat);
    };
  }

  @Override
  protected String summary(Polecat polecat) {
    String polecatName = polecat.getMetadata().getName();
    return "Polecat "
        + polecatName
        + " slung to rig "
        + rig
        + " for bead "
        + beadId
        + " ("
        + GitOpsLayout.polecatFile(rig, polecatName)
        + ")";
  }

  @Override
  protected List<Extra> dryRunExtras(Plan<Polecat> plan, OutputFormat format) {
    if (!expanded) {
      return List.of();
    }
    PolecatPreviewCommand.podFormat(format, "sling --expanded");
    String polecatName = plan.result().getMetadata().getName();
    String file = GitOpsLayout.polecatFile(rig, polecatName);
    RenderedFile written =
        plan.changes().writes().stream()
            .filter(f -> f.path().equals(file))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("sling wrote no " + file));
    var declared =
        PodPreviewer.declared(planned, rig, polecatName, file, Manifests.readAll(written.text()));
    try (PodPreviewer previewer = new PodPreviewer(preview, wait.kube(), environment(), err())) {
      Pod pod = previewer.preview(new PolecatRef(rig, polecatName), declared);
      return List.of(
          new Extra(
              "the Pod the webhook would admit for polecat "
                  + rig
                  + "/"
                  + polecatName
                  + " (kubectl gt polecat preview)",
              Serialization.jsonMapper().valueToTree(pod)));
    }
  }

  @Override
  protected int afterWrite(WriteResult<Polecat> result) {
    Polecat polecat = result.plan().result();
    return wait.afterPush(
        environment(),
        new PolecatRef(rig, polecat.getMetadata().getName()),
        polecat.getMetadata().getNamespace(),
        out(),
        err());
  }
}
