package io.gastown.cli;

import io.gastown.cli.auth.AuthCommand;
import io.gastown.cli.convoy.ConvoyCommand;
import io.gastown.cli.plugin.CompleteCommand;
import io.gastown.cli.plugin.CompletionCommand;
import io.gastown.cli.plugin.TrainingCommand;
import io.gastown.cli.plugin.VersionCommand;
import io.gastown.cli.polecat.PolecatCommand;
import io.gastown.cli.polecat.SlingCommand;
import io.gastown.cli.refinery.RefineryCommand;
import io.gastown.cli.rig.RigCommand;
import io.gastown.cli.template.TemplateCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl gt}: the root command. Subcommands are listed here and in the group classes
 * ({@link RigCommand}, {@link PolecatCommand}, {@link ConvoyCommand}, {@link AuthCommand}, {@link
 * TemplateCommand}); adding one is one line in the right {@code subcommands} list. Nothing here
 * creates a Kubernetes client: commands that read the cluster build their own, so the git-only
 * commands start fast. Build the tree with {@link #commandLine(GtEnvironment)}: it gives every leaf
 * its environment and the global options.
 */
@Command(
    name = "kubectl-gt",
    mixinStandardHelpOptions = true,
    versionProvider = GtCommand.Version.class,
    header =
        "Gas Town on Kubernetes, the GitOps way: put coding agents (polecats) to work through git.",
    description = {
      "Writes Rigs, Polecats and Convoys into a GitOps repository (one commit per command, pushed when the "
          + "repository has a remote); Argo CD syncs them to the cluster.",
      "Run as `kubectl gt ...` when the kubectl-gt launcher is on PATH (hack/install-kubectl-gt.sh)."
    },
    subcommands = {
      InitCommand.class,
      RigCommand.class,
      PolecatCommand.class,
      ConvoyCommand.class,
      RefineryCommand.class,
      SlingCommand.class,
      RenderCommand.class,
      AuthCommand.class,
      TemplateCommand.class,
      VersionCommand.class,
      CompletionCommand.class,
      CompleteCommand.class,
      TrainingCommand.class,
      CommandLine.HelpCommand.class,
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:Success.",
      "1:Unexpected error (a bug, or an I/O failure).",
      "2:Usage error: unknown option, missing or extra argument.",
      "3:Not found: rig, polecat, convoy, GitOps repository or template file.",
      "4:Invalid input: bead ID, name, branch, theme, agent, Secret content, name in use, template.",
      "5:GitOps repository problem: uncommitted changes, not a git repository, fetch or clone failed.",
      "6:Push rejected after retries (others kept pushing; run the command again).",
      "7:Cluster error: unreachable, wrong context, missing CRD, forbidden, credentials rejected.",
      "8:Timed out waiting (sling --wait/--wait-ready).",
      "9:The polecat or its pod failed while waiting (sling --wait/--wait-ready).",
    },
    footer = {
      "%nExamples:",
      "  kubectl gt init --repo ~/gitops",
      "  kubectl gt rig create my-rig --git-url git@github.com:acme/app --prefix gt",
      "  kubectl gt auth sync --rig my-rig",
      "  kubectl gt sling gt-123 my-rig --wait-ready",
      "  kubectl gt polecat list my-rig",
      "  kubectl gt polecat logs my-rig/furiosa -f",
      "%nEnvironment: GT_GITOPS_REPO (default --repo), GT_GIT_TOKEN (HTTPS push token), "
          + "GT_GIT_USERNAME (HTTPS user, default x-access-token), GT_DEBUG=1 (stack traces)."
    })
public class GtCommand implements Runnable {
  @Mixin private GlobalOptions global = new GlobalOptions();

  @Spec private CommandSpec spec;

  private GtCommand() {}

  public static void main(String[] args) {
    System.exit(commandLine(GtEnvironment.system()).execute(args));
  }

  /** The whole {@code kubectl gt} command tree over {@code environment}. */
  public static CommandLine commandLine(GtEnvironment environment) {
    GtCommand root = new GtCommand();
    return new CommandLine(
        root, new CommandFactory(environment, root.global, GtCommand::commandLine));
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command; see kubectl gt --help");
  }

  /** The version from the jar (filtered from the Maven project version at build time). */
  public static final class Version implements IVersionProvider {
    public static String version() {
      Properties properties = new Properties();
      try (InputStream in = GtCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      } catch (IOException e) {
        // No version file: a development build.
      }
      return properties.getProperty("version", "dev");
    }

    @Override
    public String[] getVersion() {
      return new String[] {"kubectl-gt " + version()};
    }
  }
}
