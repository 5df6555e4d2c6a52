package io.gastown.cli.rig;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;
import io.gastown.cli.Inputs;
import io.gastown.cli.RigDirectory;
import io.gastown.cli.WriteCommand;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.Plan;
import io.gastown.cli.git.Planner;
import io.gastown.cli.git.WriteResult;
import io.gastown.expand.GitRemote;
import io.gastown.model.Agent;
import io.gastown.model.NamepoolTheme;
import io.gastown.model.Rig;
import io.gastown.model.SecretReference;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.RigManifests;
import io.gastown.render.Rigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl gt rig create}: add a rig directory (Namespace, Rig, Witness) to the repository.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt rig create my-rig --git-url git@github.com:acme/app --prefix gt",
      "  kubectl gt rig create web --git-url https://github.com/acme/web --prefix web",
      "  kubectl gt rig create ops --git-url git@host:ops --prefix ops --theme minerals"
    },
    description =
        "Write rigs/<name>/ (the rig's Namespace, Rig and Witness, and its kustomization), commit and push.")
public class RigCreateCommand extends WriteCommand<Rig> {
  @Parameters(
      index = "0",
      paramLabel = "NAME",
      description = "The rig's name (lowercase letters, digits, '-').")
  String name;

  @Option(
      names = "--git-url",
      required = true,
      paramLabel = "URL",
      description =
          "The project repository polecats clone: git@host:path, ssh://..., https://... or file:///...")
  String gitUrl;

  @Option(
      names = "--prefix",
      required = true,
      paramLabel = "PREFIX",
      description = "Prefix of the rig's bead IDs (2 to 10 lowercase letters), e.g. gt for gt-123.")
  String prefix;

  @Option(
      names = "--theme",
      paramLabel = "THEME",
      description = "Name pool: mad-max (default), minerals, wasteland.")
  String theme;

  @Option(
      names = "--agent",
      paramLabel = "AGENT",
      description = "Default agent: claude-code (default), opencode, aider, custom.")
  String agent;

  @Option(
      names = "--namespace",
      paramLabel = "NS",
      description = "Namespace of the rig's polecats. Default gt-<name>.")
  String namespace;

  @Option(
      names = "--git-secret",
      paramLabel = "SECRET",
      description =
          "Secret (key ssh-privatekey) the rig's polecats clone and push with; needed for SSH URLs.")
  String gitSecret;

  @Option(
      names = "--claude-secret",
      paramLabel = "SECRET",
      description =
          "Secret (key .credentials.json) with the Claude credentials the rig's polecats mount, e.g. "
              + "claude-home, which kubectl gt auth sync writes.")
  String claudeSecret;

  @Override
  protected Planner<Rig> planner() {
    Inputs.rigName(name, "rig name");
    Inputs.gitUrl(gitUrl, "--git-url");
    Inputs.beadsPrefix(prefix, "--prefix");
    NamepoolTheme namepoolTheme = Inputs.theme(theme, "--theme");
    Agent defaultAgent = Inputs.agent(agent, "--agent");
    Inputs.namespace(namespace, "--namespace");
    Rig rig = Rigs.create(name, gitUrl, prefix, namepoolTheme, defaultAgent, namespace);
    if (gitSecret != null) {
      rig.getSpec().getSettings().setGitSecretRef(new SecretReference(gitSecret));
    }
    if (claudeSecret != null) {
      rig.getSpec().getSettings().setClaudeCredsSecretRef(new SecretReference(claudeSecret));
    }
    RigDirectory.requireValid(rig, "rig " + name);
    String rigNamespace = RigManifests.namespaceOf(rig);
    return state -> {
      if (state.rig(name).isPresent() || state.exists(GitOpsLayout.rigDirectory(name))) {
        throw GtException.invalid(
            "rig '"
                + name
                + "' already exists in "
                + state.root()
                + ": choose another name, or change "
                + GitOpsLayout.rigFile(name)
                + " with git");
      }
      for (String other : state.rigs()) {
        Rig existing = state.rig(other).orElseThrow();
        if (RigManifests.namespaceOf(existing).equals(rigNamespace)) {
          throw GtException.invalid(
              "namespace "
                  + rigNamespace
                  + " already belongs to rig "
                  + other
                  + ": choose another --namespace");
        }
        if (prefix.equals(existing.getSpec().getBeadsPrefix())) {
          throw GtException.invalid(
              "bead prefix '"
                  + prefix
                  + "' already belongs to rig "
                  + other
                  + ": choose another --prefix");
        }
      }
      Changes changes = new Changes().write(RigManifests.render(rig));
      RigDirectory.updateKustomization(state, name, changes);
      return new Plan<>(
          changes,
          "rig create "
              + name
              + " ("
              + gitUrl
              + ", prefix "
              + prefix
              + ", namespace "
              + rigNamespace
              + ")",
          rig);
    };
  }

  /**
   * A warning, not a refusal: each Polecat may still name its own key
   * (spec.kubernetes.gitSecretRef).
   */
  @Override
  protected int afterWrite(WriteResult<Rig> result) {
    if (GitRemote.isSsh(gitUrl) && gitSecret == null) {
      err()
          .println(
              "warning: "
                  + gitUrl
                  + " is an SSH URL but no SSH key is named: the webhook refuses the rig's "
                  + "polecat Pods unless each Polecat names one; add --git-secret SECRET (a Secret with key ssh-privatekey "
                  + "in namespace "
                  + RigManifests.namespaceOf(result.plan().result())
                  + ")");
    }
    return ExitCode.OK;
  }

  @Override
  protected String summary(Rig rig) {
    return "Rig "
        + name
        + " created in "
        + GitOpsLayout.rigDirectory(name)
        + "/ (namespace "
        + RigManifests.namespaceOf(rig)
        + ", bead prefix "
        + prefix
        + ")";
  }
}
