package io.gastown.cli.polecat;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;
import io.gastown.cli.GtSubcommand;
import io.gastown.cli.Inputs;
import io.gastown.cli.OutputFormat;
import io.gastown.cli.RepositoryLocation;
import io.gastown.cli.cluster.KubeOptions;
import io.gastown.cli.cluster.PolecatRef;
import io.gastown.cli.git.RepositoryState;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl gt polecat preview <rig>/<name>}: the Pod the webhook would admit, from git,
 * offline.
 */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {
      "Print the Pod the webhook would admit for a polecat in the GitOps repository: the Pod the Job "
          + "controller makes from its Job, expanded by the webhook's own code (same rules, same policy, same errors).",
      "The platform config is --platform-config, else the cluster's (ConfigMap gastown-system/gastown-platform) "
          + "when a cluster is reachable, else the built-in defaults; stderr says which. With a cluster, the "
          + "Secrets the Pod needs are checked too.",
      "Exits 0 with the Pod, 3 when the polecat is not in git, 4 when the webhook would refuse it (the "
          + "webhook's message)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt polecat preview my-rig/furiosa",
      "  kubectl gt polecat preview my-rig/furiosa -o json | jq .spec.containers",
      "  kubectl gt polecat preview my-rig/furiosa --platform-config platform.yaml",
      "  kubectl gt polecat preview my-rig/furiosa --offline"
    })
public class PolecatPreviewCommand extends GtSubcommand {
  @Parameters(
      index = "0",
      paramLabel = "RIG/NAME",
      description = "The polecat, e.g. my-rig/furiosa.")
  String polecat;

  @Mixin PreviewOptions preview = new PreviewOptions();

  @Mixin KubeOptions kube = new KubeOptions();

  @Override
  protected int run() {
    OutputFormat format = podFormat(global().output(OutputFormat.yaml), "polecat preview");
    PolecatRef ref = PolecatRef.parse(polecat);
    Inputs.rigName(ref.rig(), "rig");
    Inputs.polecatName(ref.name(), "polecat name");
    Path root = RepositoryLocation.resolve(global(), environment());
    if (!Files.isDirectory(root.resolve(GitOpsLayout.RIGS))) {
      throw GtException.notFound(
          "no GitOps repository at "
              + root
              + ": create one with kubectl gt init, or name "
              + "it with --repo PATH");
    }
    RepositoryState state = RepositoryState.ofDirectory(root);
    var declared = PodPreviewer.declared(state, ref);
    try (PodPreviewer previewer = new PodPreviewer(preview, kube, environment(), err())) {
      printPod(out(), previewer.preview(ref, declared), format);
    }
    return ExitCode.OK;
  }

  /** The output format of a Pod: yaml or json. */
  static OutputFormat podFormat(OutputFormat format, String command) {
    if (format != OutputFormat.yaml && format != OutputFormat.json) {
      throw new GtException(
          ExitCode.USAGE, "-o " + format + ": " + command + " prints the Pod as yaml or json");
    }
    return format;
  }

  static void printPod(PrintWriter out, Pod pod, OutputFormat format) {
    out.print(
        format == OutputFormat.json ? Serialization.toJson(pod) + "\n" : Serialization.toYaml(pod));
    out.flush();
  }
}
