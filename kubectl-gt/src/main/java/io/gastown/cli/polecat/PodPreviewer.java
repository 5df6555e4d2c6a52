package io.gastown.cli.polecat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.GtException;
import io.gastown.cli.RigDirectory;
import io.gastown.cli.cluster.Access;
import io.gastown.cli.cluster.ClusterException;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.ClusterUnavailableException;
import io.gastown.cli.cluster.KubeOptions;
import io.gastown.cli.cluster.PolecatRef;
import io.gastown.cli.git.RepositoryState;
import io.gastown.expand.PlatformConfig;
import io.gastown.expand.SkeletonPod;
import io.gastown.model.BeadStore;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import io.gastown.validation.AdmissionRefusal;
import io.gastown.validation.PodPreview;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The offline preview of a polecat's Pod for {@code kubectl gt} ({@code polecat preview}, {@code
 * sling --dry-run --expanded}): the polecat, its Job and Rig come from git, and what git does not
 * hold from the cluster when one is reachable (the webhook's platform config, whether the Secrets
 * exist, a BeadStore not in git), else from {@code --platform-config} or the built-in defaults. The
 * Pod itself is {@link PodPreview}, the webhook's own rules and expansion. Every source used is
 * named on stderr.
 */
public final class PodPreviewer implements AutoCloseable {
  private final PreviewOptions options;
  private final KubeOptions kube;
  private final GtEnvironment environment;
  private final PrintWriter err;
  private ClusterSession session;

  /** Why no cluster is asked, once that is known. */
  private String noCluster;

  private PlatformConfig platform;

  public PodPreviewer(
      PreviewOptions options, KubeOptions kube, GtEnvironment environment, PrintWriter err) {
    this.options = options;
    this.kube = kube;
    this.environment = environment;
    this.err = err;
    if (options.offline()) {
      noCluster = "--offline";
    }
  }

  /**
   * The Pod the webhook would admit for the polecat.
   *
   * @throws GtException exit code 4 with the webhook's own message when it would refuse the polecat
   *     or its Pod
   */
  public Pod preview(PolecatRef ref, PodPreview.Declared declared) {
    PlatformConfig config = platform();
    String namespace = namespaceOf(declared);
    PodPreview.Declared complete =
        declared.beadStore() != null || namespace == null
            ? declared
            : new PodPreview.Declared(
                declared.polecat(),
                declared.job(),
                declared.rig(),
                beadStoreFromCluster(ref.rig(), namespace),
                declared.namespace());
    Set<String> present = new LinkedHashSet<>();
    Set<String> unchecked = new LinkedHashSet<>();
    List<String> secretProblems = new ArrayList<>();
    Pod pod;
    try {
      pod =
          PodPreview.preview(
              complete,
              config,
              (ns, name) -> secretExists(ns, name, present, unchecked, secretProblems));
    } catch (AdmissionRefusal e) {
      throw GtException.invalid("the webhook would refuse polecat " + ref + ": " + e.getMessage());
    }
    secretProblems.stream()
        .distinct()
        .forEach(problem -> say("warning: cannot check Secrets: " + problem));
    if (!present.isEmpty()) {
      say("Secrets " + String.join(", ", present) + ": exist in namespace " + namespace);
    }
    if (!unchecked.isEmpty()) {
      say(
          "Secrets "
              + String.join(", ", unchecked)
              + ": not checked ("
              + (options.offline()
                  ? "--offline"
                  : noCluster != null ? "no cluster" : "see the warning")
              + "); the webhook refuses the Pod unless they "
              + "exist in namespace "
              + namespace
              + " (kubectl gt auth sync --rig "
              + ref.rig()
              + " creates the agent's "
              + "credentials)");
    }
    if (declared.job().getMetadata().getUid() == null) {
      say(
          "note: the Job's uid is given when Argo CD creates it: the Pod shows "
              + SkeletonPod.UNKNOWN_UID
              + " in its labels and owner reference");
    }
    return pod;
  }

  /**
   * The platform config: --platform-config, else the cluster's ConfigMap, else the defaults; said
   * on stderr.
   */
  public PlatformConfig platform() {
    if (platform == null) {
      platform = resolvePlatform();
    }
    return platform;
  }

  private PlatformConfig resolvePlatform() {
    Path file = options.platformConfig();
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw GtException.notFound("--platform-config " + file + ": no such file");
      }
      PlatformConfig config;
      try {
        config = PlatformConfig.fromYaml(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw GtException.invalid(
            "--platform-config " + file + ": cannot read it: " + e.getMessage());
      } catch (IllegalArgumentException e) {
        throw GtException.invalid("--platform-config " + file + ": " + e.getMessage());
      }
      say("platform config: " + file + " (--platform-config)");
      return config;
    }
    String configMap =
        "ConfigMap " + PlatformConfig.CONFIG_MAP_NAMESPACE + "/" + PlatformConfig.CONFIG_MAP_NAME;
    ClusterSession cluster = cluster();
    if (cluster != null) {
      try {
        ConfigMap map =
            cluster.call(
                Access.core(
                    "get",
                    "configmaps",
                    PlatformConfig.CONFIG_MAP_NAMESPACE,
                    PlatformConfig.CONFIG_MAP_NAME),
                () ->
                    cluster
                        .client()
                        .configMaps()
                        .inNamespace(PlatformConfig.CONFIG_MAP_NAMESPACE)
                        .withName(PlatformConfig.CONFIG_MAP_NAME)
                        .get());
        String yaml =
            map == null || map.getData() == null
                ? null
                : map.getData().get(PlatformConfig.CONFIG_MAP_KEY);
        if (yaml == null) {
          say(
              "platform config: built-in defaults (the cluster at "
                  + cluster.where()
                  + " has no "
                  + (map == null
                      ? configMap
                      : "key " + PlatformConfig.CONFIG_MAP_KEY + " in " + configMap)
                  + ", so the webhook uses the defaults too)");
          return PlatformConfig.defaults();
        }
        try {
          PlatformConfig config = PlatformConfig.fromYaml(yaml);
          say(
              "platform config: "
                  + configMap
                  + " (key "
                  + PlatformConfig.CONFIG_MAP_KEY
                  + ") of the cluster at "
                  + cluster.where());
          return config;
        } catch (IllegalArgumentException e) {
          throw GtException.invalid(
              configMap
                  + " of the cluster at "
                  + cluster.where()
                  + ": "
                  + e.getMessage()
                  + " (the webhook does not start with it): fix the ConfigMap, or pass --platform-config FILE");
        }
      } catch (ClusterUnavailableException e) {
        noCluster = e.getMessage();
      } catch (ClusterException e) {
        say("warning: cannot read the platform config from the cluster: " + e.getMessage());
        say(
            "platform config: built-in defaults (pass --platform-config FILE for the platform's own)");
        return PlatformConfig.defaults();
      }
    }
    say(
        "platform config: built-in defaults ("
            + (options.offline() ? "--offline" : "no cluster: " + noCluster)
            + "; pass --platform-config FILE for the platform's own)");
    return PlatformConfig.defaults();
  }

  private boolean secretExists(
      String namespace,
      String name,
      Set<String> present,
      Set<String> unchecked,
      List<String> problems) {
    ClusterSession cluster = cluster();
    if (cluster == null) {
      unchecked.add(name);
      return true;
    }
    try {
      // Metadata only, as the webhook reads it: the Secret's data never reaches kubectl gt.
      boolean exists =
          cluster.call(
                  Access.core("get", "secrets", namespace, name),
                  () ->
                      cluster
                          .client()
                          .secrets()
                          .inNamespace(namespace)
                          .withName(name)
                          .getAsPartialObjectMetadata())
              != null;
      if (exists) {
        present.add(name);
      }
      return exists;
    } catch (ClusterUnavailableException e) {
      noCluster = e.getMessage();
    } catch (ClusterException e) {
      problems.add(e.getMessage());
    }
    unchecked.add(name);
    return true;
  }

  /**
   * The rig's BeadStore in the cluster (the one in the namespace first, as the webhook), or null.
   */
  private BeadStore beadStoreFromCluster(String rig, String namespace) {
    ClusterSession cluster = cluster();
    if (cluster == null) {
      return null;
    }
    try {
      List<BeadStore> stores;
      try {
        stores =
            cluster.call(
                new Access("list", "beadstores", GasTown.GROUP, null, null, true),
                () ->
                    cluster.client().resources(BeadStore.class).inAnyNamespace().list().getItems());
      } catch (ClusterException e) {
        if (e.reason() != ClusterException.Reason.FORBIDDEN) {
          throw e;
        }
        stores =
            cluster.call(
                new Access("list", "beadstores", GasTown.GROUP, namespace, null, true),
                () ->
                    cluster
                        .client()
                        .resources(BeadStore.class)
                        .inNamespace(namespace)
                        .list()
                        .getItems());
      }
      BeadStore found =
          stores.stream()
              .filter(store -> store.getSpec() != null && rig.equals(store.getSpec().getRigRef()))
              .min(
                  Comparator.comparing(
                      store ->
                          (namespace.equals(store.getMetadata().getNamespace()) ? "0" : "1")
                              + store.getMetadata().getNamespace()
                              + "/"
                              + store.getMetadata().getName()))
              .orElse(null);
      if (found != null) {
        say(
            "BeadStore: "
                + found.getMetadata().getNamespace()
                + "/"
                + found.getMetadata().getName()
                + " of the cluster at "
                + cluster.where());
      }
      return found;
    } catch (ClusterUnavailableException e) {
      noCluster = e.getMessage();
    } catch (ClusterException e) {
      say("warning: cannot read the rig's BeadStore from the cluster: " + e.getMessage());
    }
    return null;
  }

  /**
   * The session, opened on first use; null with --offline or once the cluster proved unreachable.
   */
  private ClusterSession cluster() {
    if (noCluster != null) {
      return null;
    }
    if (session == null) {
      try {
        session = kube.connect(environment);
      } catch (ClusterUnavailableException e) {
        noCluster = e.getMessage();
        return null;
      }
    }
    return session;
  }

  private void say(String line) {
    err.println(line);
    err.flush();
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
  }

  /**
   * The namespace the Pod is created in: the Job's, else the Polecat's (as PodPreview decides it).
   */
  private static String namespaceOf(PodPreview.Declared declared) {
    String job =
        declared.job().getMetadata() != null ? declared.job().getMetadata().getNamespace() : null;
    return job != null && !job.isEmpty() ? job : declared.polecat().getMetadata().getNamespace();
  }

  /** The polecat {@code <rig>/<name>} as the GitOps repository declares it. */
  public static PodPreview.Declared declared(RepositoryState state, PolecatRef ref) {
    String file = GitOpsLayout.polecatFile(ref.rig(), ref.name());
    if (!state.exists(file)) {
      RigDirectory.requireRig(state, ref.rig());
      List<String> polecats = state.polecats(ref.rig());
      throw GtException.notFound(
          "polecat '"
              + ref.name()
              + "' is not in rig "
              + ref.rig()
              + " of "
              + state.root()
              + (polecats.isEmpty()
                  ? " (it has no polecats)"
                  : " (polecats: " + String.join(", ", polecats) + ")")
              + ": name one of them, or write it with kubectl gt sling BEAD "
              + ref.rig()
              + " --name "
              + ref.name());
    }
    List<JsonNode> documents;
    try {
      documents = state.documents(file);
    } catch (UncheckedIOException e) {
      throw GtException.repo(
          file
              + " is not valid YAML ("
              + e.getCause().getMessage()
              + "): fix it with git, or "
              + "restore it with git checkout");
    }
    return declared(state, ref.rig(), ref.name(), file, documents);
  }

  /**
   * A polecat from the documents of its file (as written to git, or about to be), with its rig from
   * git.
   */
  public static PodPreview.Declared declared(
      RepositoryState state, String rig, String name, String file, List<JsonNode> documents) {
    JsonNode polecatTree =
        pick(
            documents,
            "Polecat",
            document -> name.equals(document.path("metadata").path("name").asText()));
    if (polecatTree == null) {
      throw GtException.repo(file + " holds no Polecat: restore it with git");
    }
    JsonNode jobTree =
        pick(
            documents,
            "Job",
            document ->
                name.equals(
                    document
                        .path("spec")
                        .path("template")
                        .path("metadata")
                        .path("labels")
                        .path(GasTown.LABEL_POLECAT)
                        .asText()));
    if (jobTree == null) {
      throw GtException.repo(
          file
              + " holds no Job, so the Job controller would create no Pod: restore it with git "
              + "(kubectl gt sling writes the Polecat and its Job)");
    }
    Polecat polecat = read(polecatTree, Polecat.class, file);
    Job job = read(jobTree, Job.class, file);
    Rig rigObject = state.rig(rig).orElse(null);
    String namespace =
        job.getMetadata() != null && job.getMetadata().getNamespace() != null
            ? job.getMetadata().getNamespace()
            : polecat.getMetadata().getNamespace();
    List<JsonNode> rigDocuments = rigDocuments(state, rig);
    JsonNode namespaceTree =
        pick(
            rigDocuments,
            "Namespace",
            document -> document.path("metadata").path("name").asText().equals(namespace),
            false);
    JsonNode beadStoreTree =
        pick(
            rigDocuments,
            "BeadStore",
            document -> rig.equals(document.path("spec").path("rigRef").asText()),
            false);
    return new PodPreview.Declared(
        polecat,
        job,
        rigObject,
        beadStoreTree != null
            ? read(beadStoreTree, BeadStore.class, GitOpsLayout.rigDirectory(rig))
            : null,
        namespaceTree != null
            ? read(namespaceTree, Namespace.class, GitOpsLayout.rigFile(rig))
            : null);
  }

  /**
   * The documents of the YAML files directly in the rig's directory (rig.yaml and any the user
   * added).
   */
  private static List<JsonNode> rigDocuments(RepositoryState state, String rig) {
    Path directory = state.root().resolve(GitOpsLayout.rigDirectory(rig));
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<JsonNode> documents = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        String fileName = path.getFileName().toString();
        if (!fileName.endsWith(".yaml") || fileName.equals(GitOpsLayout.KUSTOMIZATION)) {
          continue;
        }
        try {
          documents.addAll(Manifests.readAll(Files.readString(path, StandardCharsets.UTF_8)));
        } catch (UncheckedIOException e) {
          throw GtException.repo(
              GitOpsLayout.rigDirectory(rig)
                  + "/"
                  + fileName
                  + " is not valid YAML ("
                  + e.getCause().getMessage()
                  + "): fix it with git, or restore it with git checkout");
        }
      }
    } catch (IOException e) {
      throw GtException.repo("cannot read " + directory + ": " + e.getMessage(), e);
    }
    return documents;
  }

  private static JsonNode pick(
      List<JsonNode> documents, String kind, java.util.function.Predicate<JsonNode> best) {
    return pick(documents, kind, best, true);
  }

  /** The document of the kind that matches, else (when {@code anyOne}) the only one of the kind. */
  private static JsonNode pick(
      List<JsonNode> documents,
      String kind,
      java.util.function.Predicate<JsonNode> best,
      boolean anyOne) {
    List<JsonNode> ofKind =
        documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    return ofKind.stream()
        .filter(best)
        .findFirst()
        .orElse(anyOne && ofKind.size() == 1 ? ofKind.get(0) : null);
  }

  private static <T> T read(JsonNode tree, Class<T> type, String file) {
    try {
      return Serialization.jsonMapper().treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw GtException.repo(
          file
              + ": not a valid "
              + type.getSimpleName()
              + ": "
              + e.getMessage()
              + ": fix it with git");
    }
  }
}
