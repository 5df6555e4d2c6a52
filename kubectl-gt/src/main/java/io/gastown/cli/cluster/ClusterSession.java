package io.gastown.cli.cluster;

import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.gastown.cli.ExitCode;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.GtException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One command's view of the cluster: the kubeconfig and context it resolved, the default namespace,
 * and a client created on first use. Every request goes through {@link #call} so failures become
 * messages with a fix.
 */
public final class ClusterSession implements AutoCloseable {
  private final Config config;
  private final String contextName;
  private final String namespace;
  private final boolean namespaceGiven;
  private KubernetesClient client;

  private ClusterSession(
      Config config, String contextName, String namespace, boolean namespaceGiven) {
    this.config = config;
    this.contextName = contextName;
    this.namespace = namespace;
    this.namespaceGiven = namespaceGiven;
  }

  /** For tests and callers that already have a client (the namespace is then the client's). */
  public static ClusterSession of(KubernetesClient client, String namespace) {
    ClusterSession session = new ClusterSession(client.getConfiguration(), "test", namespace, true);
    session.client = client;
    return session;
  }

  // Config.fromKubeconfig(context, text, path) is marked for removal; it is the one way to keep the
  // file's path,
  // which relative certificate paths in a kubeconfig are resolved against.
  @SuppressWarnings("removal")
  public static ClusterSession open(
      Path kubeconfigOption,
      String contextOption,
      String namespaceOption,
      Duration timeout,
      GtEnvironment environment) {
    Path kubeconfig = findKubeconfig(kubeconfigOption, environment);
    Config config;
    String contextName;
    if (kubeconfig == null) {
      config = Config.autoConfigure(null);
      contextName = "in-cluster";
    } else {
      String contents = read(kubeconfig);
      contextName = chooseContext(kubeconfig, contents, contextOption);
      try {
        config = Config.fromKubeconfig(contextName, contents, kubeconfig.toString());
      } catch (KubernetesClientException e) {
        throw new GtException(
            ExitCode.CLUSTER_ERROR,
            "cannot use kubeconfig " + kubeconfig + ": " + e.getMessage(),
            e);
      }
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    config.setRequestTimeout(millis);
    config.setConnectionTimeout(millis == 0 ? 10_000 : Math.min(millis, 10_000));
    // A CLI reports a failure at once instead of retrying with backoff for tens of seconds (kubectl
    // does not retry).
    config.setRequestRetryBackoffLimit(0);
    boolean given = namespaceOption != null && !namespaceOption.isBlank();
    String namespace =
        given
            ? namespaceOption
            : config.getNamespace() != null && !config.getNamespace().isBlank()
                ? config.getNamespace()
                : "default";
    return new ClusterSession(config, contextName, namespace, given);
  }

  /**
   * --kubeconfig, else the first existing file of $KUBECONFIG, else ~/.kube/config; null for
   * in-cluster.
   */
  static Path findKubeconfig(Path option, GtEnvironment environment) {
    if (option != null) {
      if (!Files.isRegularFile(option)) {
        throw new GtException(ExitCode.CLUSTER_ERROR, "--kubeconfig " + option + ": no such file");
      }
      return option;
    }
    String variable = environment.get("KUBECONFIG");
    if (variable != null) {
      List<Path> candidates =
          Arrays.stream(variable.split(File.pathSeparator))
              .filter(s -> !s.isBlank())
              .map(Path::of)
              .toList();
      return candidates.stream()
          .filter(Files::isRegularFile)
          .findFirst()
          .orElseThrow(
              () ->
                  new ClusterUnavailableException(
                      "no kubeconfig: $KUBECONFIG names " + variable + ", which does not exist",
                      null));
    }
    Path home = environment.home().resolve(".kube").resolve("config");
    if (Files.isRegularFile(home)) {
      return home;
    }
    if (environment.get("KUBERNETES_SERVICE_HOST") != null) {
      return null;
    }
    throw new ClusterUnavailableException(
        "no kubeconfig: "
            + home
            + " does not exist and $KUBECONFIG is not set "
            + "(pass --kubeconfig FILE)",
        null);
  }

  /** The context to use; a name the kubeconfig lacks is an error that lists the ones it has. */
  static String chooseContext(Path kubeconfig, String contents, String wanted) {
    io.fabric8.kubernetes.api.model.Config parsed;
    try {
      parsed = KubeConfigUtils.parseConfigFromString(contents);
    } catch (RuntimeException e) {
      throw new GtException(
          ExitCode.CLUSTER_ERROR,
          "kubeconfig " + kubeconfig + " is not valid YAML: " + e.getMessage(),
          e);
    }
    List<String> names =
        parsed.getContexts() == null
            ? List.of()
            : parsed.getContexts().stream()
                .map(NamedContext::getName)
                .filter(Objects::nonNull)
                .sorted()
                .toList();
    String current = parsed.getCurrentContext();
    String name = wanted != null && !wanted.isBlank() ? wanted : current;
    if (name == null || name.isBlank()) {
      throw new GtException(
          ExitCode.CLUSTER_ERROR,
          "kubeconfig "
              + kubeconfig
              + " has no current-context; pass "
              + "--context (available: "
              + list(names)
              + ")");
    }
    if (!names.contains(name)) {
      throw new GtException(
          ExitCode.CLUSTER_ERROR,
          "context \""
              + name
              + "\" is not in kubeconfig "
              + kubeconfig
              + "; available contexts: "
              + list(names)
              + (current != null && !current.isBlank() && names.contains(current)
                  ? " (current: " + current + ")"
                  : "")
              + "; pass one with --context");
    }
    return name;
  }

  private static String list(List<String> names) {
    return names.isEmpty() ? "none" : names.stream().collect(Collectors.joining(", "));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GtException(
          ExitCode.CLUSTER_ERROR, "cannot read kubeconfig " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized KubernetesClient client() {
    if (client == null) {
      client = new KubernetesClientBuilder().withConfig(config).build();
    }
    return client;
  }

  /** The namespace of -n, else of the context, else {@code default}. */
  public String namespace() {
    return namespace;
  }

  /** Whether -n was given (commands that name a rig otherwise use the rig's namespace). */
  public boolean namespaceGiven() {
    return namespaceGiven;
  }

  public String contextName() {
    return contextName;
  }

  /** For messages: {@code https://host:6443 (context prod)}. */
  public String where() {
    return config.getMasterUrl().replaceAll("/$", "") + " (context " + contextName + ")";
  }

  /**
   * Runs one request; a failure becomes a {@link GtException} that names the missing permission,
   * CRD or object.
   */
  public <R> R call(Access access, Supplier<R> request) {
    try {
      return request.get();
    } catch (KubernetesClientException e) {
      throw ClusterErrors.translate(e, access, where());
    }
  }

  /**
   * Gets one object; absent is a {@link ClusterException} saying so. fabric8's get() answers null
   * both for a missing object and for a type the cluster does not serve, so absence is told apart
   * by API discovery (allowed to every user), which costs a request only on this error path.
   */
  public <R> R require(Access access, Supplier<R> get) {
    R found = call(access, get);
    if (found != null) {
      return found;
    }
    if (!access.group().isEmpty() && !serves(access)) {
      throw new ClusterException(
          ClusterException.Reason.MISSING_CRD,
          "the cluster does not know "
              + access.qualifiedResource()
              + " (the CustomResourceDefinition is missing); "
              + ClusterErrors.INSTALL_HINT,
          null);
    }
    String kind = access.singular();
    throw new ClusterException(
        ClusterException.Reason.NOT_FOUND,
        kind + " " + access.name() + " not found " + access.scope(),
        null);
  }

  /** Whether the apiserver serves the resource of {@code access} in the Gas Town API version. */
  boolean serves(Access access) {
    try {
      APIResourceList resources =
          client().getApiResources(access.group() + "/" + io.gastown.model.GasTown.VERSION);
      return resources != null
          && resources.getResources() != null
          && resources.getResources().stream().anyMatch(r -> access.resource().equals(r.getName()));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw ClusterErrors.translate(e, access, where());
    }
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
    }
  }
}
