package io.gastown.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import io.gastown.cli.ExitCode;
import io.gastown.dev.DevCertificates;
import io.gastown.expand.PlatformConfig;
import io.gastown.expand.SkeletonPod;
import io.gastown.model.BeadStore;
import io.gastown.model.Convoy;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import io.gastown.render.PolecatManifests;
import io.gastown.testing.Golden;
import io.gastown.webhook.ClusterView;
import io.gastown.webhook.KeepAliveHttps;
import io.gastown.webhook.WebhookApp;
import io.gastown.webhook.WebhookSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code kubectl gt polecat preview} and the webhook agree on every golden case of
 * generator/src/test/resources/expand: the case's Polecat (with its Job, Rig, BeadStore) is put in
 * a GitOps repository and previewed offline with the case's platform.yaml; the same objects go to a
 * real webhook over HTTPS, as Argo CD's sync and the Job controller would send them ({@code
 * /validate/rigs}, {@code /validate/polecats}, then {@code /mutate/pods} with the Pod the Job
 * controller makes from the Job, see SkeletonPodIT). The preview prints exactly the Pod the
 * webhook's patch makes, or fails with exactly the webhook's refusal; and its Pod spec is the
 * golden expected.yaml's.
 */
class PreviewAgreesWithWebhookTest {
  static final Path CASES = Golden.root().resolve("generator/src/test/resources/expand");
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  @TempDir static Path work;

  private static DevCertificates tls;
  private static HttpClient http;

  /** One webhook per platform config, shared by the cases that use it. */
  private static final Map<String, WebhookApp> WEBHOOKS = new HashMap<>();

  private static final MapClusterView CLUSTER = new MapClusterView();

  @BeforeAll
  static void certificates() throws Exception {
    tls = DevCertificates.create(work.resolve("tls"));
    http =
        HttpClient.newBuilder()
            .sslContext(KeepAliveHttps.trusting(tls.caCertificate()))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  @AfterAll
  static void stopWebhooks() {
    WEBHOOKS.values().forEach(WebhookApp::stop);
  }

  static List<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void previewAndWebhookAgree(Path dir) throws Exception {
    Polecat polecat = read(dir.resolve("polecat.yaml"), Polecat.class);
    Rig rig = readIfPresent(dir.resolve("rig.yaml"), Rig.class);
    BeadStore beadStore = readIfPresent(dir.resolve("beadstore.yaml"), BeadStore.class);
    Path platformFile = dir.resolve("platform.yaml");
    String platformYaml = Files.exists(platformFile) ? Files.readString(platformFile) : "";
    String rigName = polecat.getSpec().getRig();
    String name = polecat.getMetadata().getName();
    String namespace = polecat.getMetadata().getNamespace();

    // The repository: the Polecat and its Job as kubectl gt writes them, the Rig, the opted-in
    // Namespace, the BeadStore.
    Path repo = work.resolve("repo-" + dir.getFileName());
    Job job =
        Serialization.jsonMapper()
            .treeToValue(
                PolecatManifests.documents(polecat, PlatformConfig.DEFAULT_IMAGE).get(1),
                Job.class);
    write(
        repo.resolve(GitOpsLayout.polecatFile(rigName, name)),
        List.of(Manifests.toTree(polecat), Manifests.toTree(job)));
    write(
        repo.resolve(GitOpsLayout.rigDirectory(rigName)).resolve("namespace.yaml"),
        List.of(
            Serialization.readYaml(
                "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: "
                    + namespace
                    + "\n  labels:\n    "
                    + GasTown.LABEL_NAMESPACE_OPT_IN
                    + ": "
                    + GasTown.NAMESPACE_OPT_IN_VALUE
                    + "\n")));
    if (rig != null) {
      write(repo.resolve(GitOpsLayout.rigFile(rigName)), List.of(Manifests.toTree(rig)));
    }
    if (beadStore != null) {
      write(
          repo.resolve(GitOpsLayout.rigDirectory(rigName)).resolve("beadstore.yaml"),
          List.of(Manifests.toTree(beadStore)));
    }

    List<String> args =
        new ArrayList<>(
            List.of("polecat", "preview", rigName + "/" + name, "--offline", "-o", "json"));
    if (Files.exists(platformFile)) {
      args.addAll(List.of("--platform-config", platformFile.toString()));
    }
    Gt.Run preview =
        new Gt(Map.of("GT_GITOPS_REPO", repo.toString()), work.resolve("home"))
            .run(args.toArray(String[]::new));

    // The webhook, given the same objects (every Secret exists: the offline preview cannot tell
    // either).
    CLUSTER.clear();
    CLUSTER.polecats.put(namespace + "/" + name, polecat);
    if (rig != null) {
      CLUSTER.rigs.put(rigName, rig);
    }
    CLUSTER.beadStore = beadStore;
    WebhookApp webhook =
        WEBHOOKS.computeIfAbsent(
            platformYaml,
            yaml ->
                WebhookApp.start(
                    new WebhookSettings(
                        0,
                        tls.certificate(),
                        tls.key(),
                        work.resolve("unused-platform.yaml"),
                        WebhookSettings.DEFAULT_MAX_REQUEST_BYTES,
                        Duration.ofSeconds(10),
                        Duration.ZERO,
                        Duration.ofSeconds(5)),
                    CLUSTER,
                    PlatformConfig.fromYaml(yaml)));
    Optional<String> refusal =
        rig == null
            ? Optional.empty()
            : refusal(post(webhook, "/validate/rigs", review(rig, null, GasTown.GROUP, "rigs")));
    if (refusal.isEmpty()) {
      refusal =
          refusal(
              post(
                  webhook,
                  "/validate/polecats",
                  review(polecat, namespace, GasTown.GROUP, "polecats")));
    }
    Pod skeleton = SkeletonPod.fromJob(job);
    AdmissionResponse mutation = null;
    if (refusal.isEmpty()) {
      mutation = post(webhook, "/mutate/pods", review(skeleton, namespace, "", "pods"));
      refusal = refusal(mutation);
    }

    if (refusal.isPresent()) {
      assertThat(preview.exit()).as(preview.toString()).isEqualTo(ExitCode.INVALID_INPUT);
      assertThat(preview.out()).isEmpty();
      assertThat(preview.err())
          .as(preview.toString())
          .contains(
              "error: the webhook would refuse polecat "
                  + rigName
                  + "/"
                  + name
                  + ": "
                  + refusal.get()
                  + "\n");
      if (Files.exists(dir.resolve("expected.yaml"))) {
        throw new AssertionError(dir + " expects a Pod, but the webhook refused: " + refusal.get());
      }
      if (mutation != null) {
        assertThat(refusal.get())
            .as("/mutate/pods refuses with the golden message")
            .isEqualTo(Files.readString(dir.resolve("error.txt")).strip());
      }
      return;
    }
    assertThat(preview.exit()).as(preview.toString()).isZero();
    JsonNode previewed = Serialization.jsonMapper().readTree(preview.out());
    JsonNode admitted = patched(skeleton, mutation);
    assertThat(previewed).as("the preview's Pod is the Pod the webhook admits").isEqualTo(admitted);

    Pod golden = read(dir.resolve("expected.yaml"), Pod.class);
    assertThat(
            Serialization.toYaml(
                Serialization.jsonMapper().convertValue(previewed, Pod.class).getSpec()))
        .as("the preview's Pod spec is the golden one")
        .isEqualTo(Serialization.toYaml(golden.getSpec()));
  }

  // --- the webhook, as the apiserver calls it

  private static String review(
      HasMetadata object, String namespace, String group, String resource) {
    ObjectNode review = Serialization.jsonMapper().createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1");
    review.put("kind", "AdmissionReview");
    ObjectNode request = review.putObject("request");
    request.put("uid", UUID.randomUUID().toString());
    String version = group.isEmpty() ? "v1" : GasTown.VERSION;
    request
        .putObject("kind")
        .put("group", group)
        .put("version", version)
        .put("kind", object.getKind());
    request
        .putObject("resource")
        .put("group", group)
        .put("version", version)
        .put("resource", resource);
    if (namespace != null) {
      request.put("namespace", namespace);
    }
    request.put("operation", "CREATE");
    request
        .putObject("userInfo")
        .put("username", "system:serviceaccount:kube-system:job-controller");
    request.set("object", tree(object));
    request.put("dryRun", false);
    return Serialization.toJson(review);
  }

  private static AdmissionResponse post(WebhookApp webhook, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + webhook.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
      return SERIALIZATION.unmarshal(response.body(), AdmissionReview.class).getResponse();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<String> refusal(AdmissionResponse response) {
    return Boolean.TRUE.equals(response.getAllowed())
        ? Optional.empty()
        : Optional.of(response.getStatus().getMessage());
  }

  private static JsonNode patched(HasMetadata object, AdmissionResponse response) {
    JsonNode original = tree(object);
    if (response.getPatch() == null) {
      return original;
    }
    JsonNode patch =
        json(new String(Base64.getDecoder().decode(response.getPatch()), StandardCharsets.UTF_8));
    return JsonPatch.apply(patch, original);
  }

  private static JsonNode tree(Object object) {
    return json(SERIALIZATION.asJson(object));
  }

  private static JsonNode json(String text) {
    try {
      return Serialization.jsonMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // --- files

  private static void write(Path file, List<JsonNode> documents) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, Manifests.toYaml(documents));
  }

  private static <T> T read(Path file, Class<T> type) throws IOException {
    return Serialization.readYaml(Files.readString(file), type);
  }

  private static <T> T readIfPresent(Path file, Class<T> type) throws IOException {
    return Files.exists(file) ? read(file, type) : null;
  }

  /** The cluster the webhook sees: the case's objects, and every Secret. */
  static final class MapClusterView implements ClusterView {
    final Map<String, Polecat> polecats = new HashMap<>();
    final Map<String, Rig> rigs = new HashMap<>();
    volatile BeadStore beadStore;

    void clear() {
      polecats.clear();
      rigs.clear();
      beadStore = null;
    }

    @Override
    public Optional<Polecat> polecat(String namespace, String name) {
      return Optional.ofNullable(polecats.get(namespace + "/" + name));
    }

    @Override
    public Optional<Rig> rig(String name) {
      return Optional.ofNullable(rigs.get(name));
    }

    @Override
    public Optional<BeadStore> beadStoreOf(String rig, String namespace) {
      BeadStore store = beadStore;
      return store != null && rig.equals(store.getSpec().getRigRef())
          ? Optional.of(store)
          : Optional.empty();
    }

    @Override
    public boolean secretExists(String namespace, String name) {
      return true;
    }

    @Override
    public List<Convoy> convoys(String namespace) {
      return List.of();
    }

    @Override
    public List<Pod> polecatPods(String rig) {
      return List.of();
    }

    @Override
    public Optional<io.gastown.model.Refinery> refinery(String namespace, String name) {
      return Optional.empty();
    }

    @Override
    public List<Polecat> polecats(String namespace) {
      return List.of();
    }

    @Override
    public boolean synced() {
      return true;
    }
  }
}
