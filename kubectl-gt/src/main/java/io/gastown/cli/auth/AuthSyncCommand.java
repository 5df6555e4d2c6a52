package io.gastown.cli.auth;

import io.fabric8.kubernetes.api.model.Secret;
import io.gastown.cli.ExitCode;
import io.gastown.cli.cluster.Access;
import io.gastown.cli.cluster.Ages;
import io.gastown.cli.cluster.ClusterCommand;
import io.gastown.cli.cluster.ClusterSession;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kubectl gt auth sync}: credentials from this machine into a Secret in the cluster, never
 * into git.
 */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Copy your agent credentials into the cluster as a Secret the polecats mount: the Claude "
          + "credentials file (Secret claude-home, key .credentials.json) or an API key from an environment variable "
          + "(Secret anthropic-api-key, key api-key).",
      "Written to the cluster directly, never to the GitOps repository; only the credential itself, never the rest "
          + "of ~/.claude. Checked first (size, JSON format). The value is never printed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt auth sync --rig my-rig           # ~/.claude/.credentials.json",
      "  kubectl gt auth sync --rig my-rig --force   # after a new `claude` login",
      "  ANTHROPIC_API_KEY=sk-ant-... kubectl gt auth sync -n gt-x --from api-key"
    })
public class AuthSyncCommand extends ClusterCommand {
  @Mixin AuthNamespace target = new AuthNamespace();

  @Option(
      names = "--from",
      paramLabel = "SOURCE",
      defaultValue = "auto",
      description =
          "auto (the Claude credentials if found, else the API key), claude or api-key. "
              + "Default: ${DEFAULT-VALUE}.")
  String from;

  @Option(
      names = "--credentials-file",
      paramLabel = "FILE",
      description =
          "The Claude credentials file. Default: $CLAUDE_CONFIG_DIR/.credentials.json, else "
              + "~/.claude/.credentials.json (on macOS, else the Keychain item \"Claude Code-credentials\").")
  Path credentialsFile;

  @Option(
      names = "--api-key-env",
      paramLabel = "VARIABLE",
      defaultValue = "ANTHROPIC_API_KEY",
      description = "The environment variable holding the API key. Default: ${DEFAULT-VALUE}.")
  String apiKeyVariable;

  @Option(
      names = "--secret-name",
      paramLabel = "NAME",
      description =
          "Name of the Secret. Default: claude-home or anthropic-api-key, as polecats reference them.")
  String secretName;

  @Option(names = "--force", description = "Replace a Secret that holds other credentials.")
  boolean force;

  private CredentialSources sources;

  /** For tests: where credentials are looked up. */
  public void useSources(CredentialSources sources) {
    this.sources = sources;
  }

  @Override
  protected boolean readsRepository() {
    return false;
  }

  @Override
  protected int fromCluster() {
    CredentialSources.Choice choice;
    try {
      choice = CredentialSources.Choice.parse(from);
    } catch (IllegalArgumentException e) {
      throw io.gastown.cli.GtException.invalid("--from " + from + ": use auto, claude or api-key");
    }
    CredentialSources lookup = sources != null ? sources : CredentialSources.system(environment());
    Credential credential = lookup.find(choice, credentialsFile, apiKeyVariable);
    Instant now = now();
    List<String> warnings = CredentialCheck.check(credential, now);
    warnings.forEach(w -> err().println("warning: " + w));

    ClusterSession session = session();
    String namespace = target.resolve(session);
    String name = secretName != null ? secretName : credential.kind().secretName();
    Secret existing =
        session.call(
            Access.core("get", "secrets", namespace, name),
            () -> session.client().secrets().inNamespace(namespace).withName(name).get());
    if (existing != null && !force) {
      boolean same =
          CredentialSecrets.value(existing, credential.kind())
              .map(credential::sameBytes)
              .orElse(false);
      String synced =
          CredentialSecrets.syncedAt(existing)
              .map(t -> "synced " + Ages.age(Duration.between(t, now)) + " ago")
              .orElse("not synced by kubectl gt");
      if (same) {
        out()
            .println(
                "Secret "
                    + namespace
                    + "/"
                    + name
                    + " already holds "
                    + credential.kind().description()
                    + " from "
                    + credential.origin()
                    + " ("
                    + synced
                    + "); nothing to do.");
      } else {
        out()
            .println(
                "Secret "
                    + namespace
                    + "/"
                    + name
                    + " exists with other content ("
                    + synced
                    + "); "
                    + "run again with --force to replace it with "
                    + credential.kind().description()
                    + " from "
                    + credential.origin()
                    + ".");
      }
      return ExitCode.OK;
    }
    Secret secret = CredentialSecrets.build(credential, name, namespace, now);
    if (existing == null) {
      session.call(
          Access.core("create", "secrets", namespace, name),
          () -> session.client().secrets().inNamespace(namespace).resource(secret).create());
    } else {
      // A whole replacement: the Secret holds the one credential key afterwards, whatever it held
      // before.
      secret.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
      session.call(
          Access.core("update", "secrets", namespace, name),
          () -> session.client().secrets().inNamespace(namespace).resource(secret).update());
    }
    out()
        .println(
            (existing == null ? "Created" : "Replaced")
                + " Secret "
                + namespace
                + "/"
                + name
                + " (key "
                + credential.kind().key()
                + ", "
                + credential.size()
                + " bytes) from "
                + credential.origin()
                + ".");
    out().println("Polecats in " + namespace + " that reference " + name + " can now use it.");
    return ExitCode.OK;
  }
}
