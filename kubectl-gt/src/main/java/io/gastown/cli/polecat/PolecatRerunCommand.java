package io.gastown.cli.polecat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.GtException;
import io.gastown.cli.Inputs;
import io.gastown.cli.RigDirectory;
import io.gastown.cli.Slinging;
import io.gastown.cli.WriteCommand;
import io.gastown.cli.cluster.PolecatRef;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.Plan;
import io.gastown.cli.git.Planner;
import io.gastown.cli.git.RepositoryState;
import io.gastown.cli.git.Revision;
import io.gastown.cli.git.WriteResult;
import io.gastown.cli.wait.WaitOptions;
import io.gastown.model.KubernetesSpec;
import io.gastown.model.NamepoolTheme;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import io.gastown.model.Rig;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import io.gastown.validation.GasTownValidation;
import io.gastown.validation.Violation;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl gt polecat rerun <rig>/<name> [--from <commit>]}: sling a new polecat with the
 * spec another one had at a commit of the GitOps repository.
 */
@Command(
    name = "rerun",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt polecat rerun my-rig/furiosa",
      "  kubectl gt polecat rerun my-rig/furiosa --from HEAD~3",
      "  kubectl gt polecat rerun my-rig/furiosa --from 1a2b3c4 --dry-run",
      "  kubectl gt polecat rerun my-rig/furiosa --work-branch feature/gt-123-2"
    },
    description = {
      "Sling the polecat again as it was at a commit of the GitOps repository: a new polecat (a "
          + "themed name never used in the rig, unless --name is given) with the same bead and spec, "
          + "in one commit.",
      "The original is left as it is (retire it with kubectl gt polecat nuke)."
    })
public class PolecatRerunCommand extends WriteCommand<PolecatRerunCommand.Rerun> {
  /** What a rerun wrote: the new polecat, and the polecat and commit it was made from. */
  public record Rerun(Polecat polecat, PolecatRef source, Revision revision) {}

  @Parameters(
      index = "0",
      paramLabel = "RIG/NAME",
      description = "The polecat to run again, e.g. my-rig/furiosa.")
  String target;

  @Option(
      names = "--from",
      paramLabel = "COMMIT",
      defaultValue = "HEAD",
      description =
          "The commit of the GitOps repository to take the polecat from: a SHA (short too), tag, "
              + "branch or HEAD~N. Default: ${DEFAULT-VALUE} (the polecat as it is now).")
  String from;

  @Mixin NameOptions naming = new NameOptions();

  @Option(
      names = "--work-branch",
      paramLabel = "BRANCH",
      description =
          "Branch the new polecat commits to. Default: the original's (whose pushed work a rerun "
              + "cannot push over).")
  String workBranch;

  @Mixin WaitOptions wait = new WaitOptions();

  private PolecatRef source;

  /** The commit --from named, resolved once: a retried push re-plans from the same commit. */
  private Revision revision;

  @Override
  protected Planner<Rerun> planner() {
    source = PolecatRef.parse(target);
    Inputs.rigName(source.rig(), "rig");
    Inputs.polecatName(source.name(), "polecat name");
    String name = naming.name();
    NamepoolTheme namepoolTheme = naming.theme();
    Inputs.branch(workBranch, "--work-branch");
    String image = RigDirectory.agentImage(environment());
    return state -> {
      Rig rig = RigDirectory.requireRig(state, source.rig());
      if (revision == null) {
        revision = state.revision(from, "--from");
      }
      PolecatSpec spec = specAt(state);
      if (workBranch != null) {
        if (spec.getKubernetes() == null) {
          spec.setKubernetes(new KubernetesSpec());
        }
        spec.getKubernetes().setWorkBranch(workBranch);
      }
      Changes changes = new Changes();
      Polecat polecat = Slinging.sling(state, rig, spec, name, namepoolTheme, image, changes);
      RigDirectory.updateKustomization(state, source.rig(), changes);
      return new Plan<>(
          changes,
          "polecat rerun "
              + source
              + " at "
              + revision
              + " as "
              + polecat.getMetadata().getName()
              + " (bead "
              + spec.getBeadID()
              + ")",
          new Rerun(polecat, source, revision));
    };
  }

  /** The polecat's spec at the revision, if it was there and is valid by today's rules. */
  private PolecatSpec specAt(RepositoryState state) {
    String file = GitOpsLayout.polecatFile(source.rig(), source.name());
    String log = "git -C " + state.root() + " log --oneline -- " + file;
    String text =
        state
            .readAt(revision, file)
            .orElseThrow(
                () ->
                    GtException.notFound(
                        "polecat '"
                            + source.name()
                            + "' is not in rig "
                            + source.rig()
                            + " at commit "
                            + revision
                            + " ("
                            + file
                            + " did not exist then): `"
                            + log
                            + "` lists the commits that changed it; rerun from one that has it"
                            + " with --from"));
    String at = "polecat " + source + " at commit " + revision;
    JsonNode document;
    try {
      document =
          Manifests.readAll(text).stream()
              .filter(d -> "Polecat".equals(d.path("kind").asText()))
              .findFirst()
              .orElseThrow(
                  () ->
                      GtException.invalid(
                          file
                              + " at commit "
                              + revision
                              + " holds no Polecat: rerun from another commit (`"
                              + log
                              + "`)"));
    } catch (GtException e) {
      throw e;
    } catch (RuntimeException e) { // UncheckedIOException, or the YAML parser's own
      Throwable cause = e instanceof UncheckedIOException ? e.getCause() : e;
      throw GtException.invalid(
          file
              + " at commit "
              + revision
              + " is not valid YAML ("
              + String.valueOf(cause.getMessage()).lines().findFirst().orElse("").strip()
              + "): rerun from another commit (`"
              + log
              + "`)");
    }
    List<Violation> violations = GasTownValidation.violations(document);
    String fix =
        ": sling its bead anew with the values it needs (kubectl gt sling BEAD "
            + source.rig()
            + " ...), or rerun from another commit (`"
            + log
            + "`)";
    if (!violations.isEmpty()) {
      throw GtException.invalid(
          at
              + " fails today's validation: "
              + String.join("; ", violations.stream().map(Violation::toString).toList())
              + fix);
    }
    Polecat polecat;
    try {
      polecat = Manifests.first(List.of(document), "Polecat", Polecat.class);
    } catch (UncheckedIOException e) {
      throw GtException.invalid(
          at + " cannot be read by this version (" + e.getCause().getMessage() + ")" + fix);
    }
    PolecatSpec spec = polecat.getSpec();
    if (!source.rig().equals(spec.getRig())) {
      throw GtException.invalid(
          at
              + " fails today's validation: spec.rig: must be "
              + source.rig()
              + ", the rig whose directory holds it (got "
              + spec.getRig()
              + ")"
              + fix);
    }
    return spec;
  }

  @Override
  protected String summary(Rerun rerun) {
    String polecatName = rerun.polecat().getMetadata().getName();
    return "Polecat "
        + polecatName
        + " slung to rig "
        + rerun.source().rig()
        + " for bead "
        + rerun.polecat().getSpec().getBeadID()
        + " ("
        + GitOpsLayout.polecatFile(rerun.source().rig(), polecatName)
        + "), a rerun of "
        + rerun.source().name()
        + " at commit "
        + rerun.revision();
  }

  @Override
  protected int afterWrite(WriteResult<Rerun> result) {
    Polecat polecat = result.plan().result().polecat();
    return wait.afterPush(
        environment(),
        new PolecatRef(source.rig(), polecat.getMetadata().getName()),
        polecat.getMetadata().getNamespace(),
        out(),
        err());
  }
}
