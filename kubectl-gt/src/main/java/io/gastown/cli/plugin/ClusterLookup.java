package io.gastown.cli.plugin;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.RigLookup;
import io.gastown.model.Convoy;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Completion values from the kubeconfig and the cluster, with the kubectl flags typed so far. Any
 * failure (no cluster, no permission, slow apiserver) gives no candidates: completion must never
 * print an error.
 */
final class ClusterLookup implements Completer.Lookup {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private final GtEnvironment environment;

  ClusterLookup(GtEnvironment environment) {
    this.environment = environment;
  }

  @Override
  public List<String> contexts(Map<String, String> flags) {
    return quietly(
        () -> {
          Path file =
              flags.get("--kubeconfig") != null
                  ? Path.of(flags.get("--kubeconfig"))
                  : environment.get("KUBECONFIG") != null
                      ? Path.of(environment.get("KUBECONFIG").split(":")[0])
                      : environment.home().resolve(".kube/config");
          var config = KubeConfigUtils.parseConfigFromString(Files.readString(file));
          return config.getContexts().stream()
              .map(NamedContext::getName)
              .filter(Objects::nonNull)
              .toList();
        });
  }

  @Override
  public List<String> namespaces(Map<String, String> flags) {
    return withSession(
        flags,
        s ->
            s.client().namespaces().list().getItems().stream()
                .map(n -> n.getMetadata().getName())
                .toList());
  }

  @Override
  public List<String> rigs(Map<String, String> flags) {
    return withSession(
        flags,
        s ->
            s.client().resources(Rig.class).list().getItems().stream()
                .map(r -> r.getMetadata().getName())
                .toList());
  }

  @Override
  public List<String> polecats(String rig, Map<String, String> flags) {
    return withSession(
        flags,
        s -> {
          String namespace = RigLookup.namespaceFor(s, rig);
          return s
              .client()
              .resources(Polecat.class)
              .inNamespace(namespace)
              .list()
              .getItems()
              .stream()
              .filter(p -> p.getSpec() != null && rig.equals(p.getSpec().getRig()))
              .map(p -> rig + "/" + p.getMetadata().getName())
              .toList();
        });
  }

  @Override
  public List<String> convoys(Map<String, String> flags) {
    return withSession(
        flags,
        s -> {
          String namespace =
              flags.get("--rig") != null
                  ? RigLookup.namespaceFor(s, flags.get("--rig"))
                  : s.namespace();
          return s
              .client()
              .resources(Convoy.class)
              .inNamespace(namespace)
              .list()
              .getItems()
              .stream()
              .map(c -> c.getMetadata().getName())
              .toList();
        });
  }

  private List<String> withSession(
      Map<String, String> flags, Function<ClusterSession, List<String>> query) {
    return quietly(
        () -> {
          try (ClusterSession session =
              ClusterSession.open(
                  flags.get("--kubeconfig") == null ? null : Path.of(flags.get("--kubeconfig")),
                  flags.get("--context"),
                  flags.get("--namespace"),
                  TIMEOUT,
                  environment)) {
            return query.apply(session);
          }
        });
  }

  private interface Query {
    List<String> run() throws Exception;
  }

  private static List<String> quietly(Query query) {
    try {
      return query.run();
    } catch (Exception e) {
      return List.of();
    }
  }
}
