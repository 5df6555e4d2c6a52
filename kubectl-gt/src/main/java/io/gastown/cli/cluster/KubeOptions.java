package io.gastown.cli.cluster;

import io.gastown.cli.GtEnvironment;
import io.gastown.model.Durations;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The kubectl flags a plugin must parse itself (kubectl passes them through verbatim). Mixed into
 * the commands that talk to the cluster; nothing is read or connected until {@link #connect} is
 * called, so {@code --help} and the git-only commands never pay for it.
 */
public class KubeOptions {
  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Path to the kubeconfig file. Default: $KUBECONFIG, else ~/.kube/config.")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "CONTEXT",
      description = "The kubeconfig context to use. Default: its current-context.")
  String context;

  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NAMESPACE",
      description =
          "The namespace. Default: the context's namespace (else default); commands that name a rig use "
              + "the rig's namespace.")
  String namespace;

  @Option(
      names = "--request-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description =
          "How long one request may take before giving up (0: no limit). Default: ${DEFAULT-VALUE}.")
  String requestTimeout;

  /** Opens a session; the kubeconfig is read now, the connection made on the first request. */
  public ClusterSession connect(GtEnvironment environment) {
    Duration timeout = Durations.parse("--request-timeout", requestTimeout);
    return ClusterSession.open(kubeconfig, context, namespace, timeout, environment);
  }

  /** The namespace given with -n, or null. */
  public String namespace() {
    return namespace;
  }
}
