package io.gastown.cli.auth;

import io.fabric8.kubernetes.api.model.Secret;
import io.gastown.cli.ExitCode;
import io.gastown.cli.OutputFormat;
import io.gastown.cli.cluster.Access;
import io.gastown.cli.cluster.ClusterCommand;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.model.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kubectl gt auth status}: which credential Secrets exist, and how old they are. Never
 * prints a value.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show whether the credential Secrets (claude-home, anthropic-api-key) exist in the namespace, "
          + "when they were synced, and warn when that was more than a day ago (Claude OAuth tokens expire).",
      "Exits 0 when at least one is present, 3 when none is."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt auth status --rig my-rig",
      "  kubectl gt auth status -n gt-my-rig -o json"
    })
public class AuthStatusCommand extends ClusterCommand {
  @Mixin AuthNamespace target = new AuthNamespace();

  @Override
  protected boolean readsRepository() {
    return false;
  }

  @Override
  protected int fromCluster() {
    ClusterSession session = session();
    String namespace = target.resolve(session);
    Instant now = now();
    List<CredentialStatus> statuses = new ArrayList<>();
    for (CredentialKind kind : CredentialKind.values()) {
      Secret secret =
          session.call(
              Access.core("get", "secrets", namespace, kind.secretName()),
              () ->
                  session
                      .client()
                      .secrets()
                      .inNamespace(namespace)
                      .withName(kind.secretName())
                      .get());
      statuses.add(CredentialStatus.of(kind, namespace, secret, now));
    }
    OutputFormat format = format();
    if (format == OutputFormat.json) {
      out().println(Serialization.toJson(statuses));
    } else if (format == OutputFormat.yaml) {
      out().print(Serialization.toYaml(statuses));
    } else {
      out().print(CredentialStatus.table(statuses, namespace));
    }
    statuses.stream()
        .filter(CredentialStatus::stale)
        .forEach(
            s ->
                err()
                    .println(
                        "warning: "
                            + s.secret()
                            + " was synced "
                            + s.age()
                            + " ago; Claude credentials expire: run kubectl gt auth sync --force"
                            + (target.rig != null ? " --rig " + target.rig : " -n " + namespace)));
    boolean any = statuses.stream().anyMatch(CredentialStatus::present);
    if (!any) {
      err()
          .println(
              "error: no credential Secret in namespace "
                  + namespace
                  + "; run kubectl gt auth sync"
                  + (target.rig != null ? " --rig " + target.rig : " -n " + namespace));
      return ExitCode.NOT_FOUND;
    }
    return ExitCode.OK;
  }
}
