package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.BeadStore;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The expansion golden cases of generator (generator/src/test/resources/expand), through the real
 * HTTPS endpoint: the apiserver's view of the answer (the JSON Patch applied to the Pod) equals the
 * golden Pod, a refused case is denied with the golden message, and the expanded Pod sent again
 * comes back unchanged.
 */
class MutatePodsGoldenTest {
  static final Path CASES = Golden.root().resolve("generator/src/test/resources/expand");

  /** One webhook per platform config, shared by the cases that use it. */
  private static final Map<String, RunningWebhook> WEBHOOKS = new HashMap<>();

  private static final Map<String, StaticClusterView> CLUSTERS = new HashMap<>();

  @AfterAll
  static void stopWebhooks() {
    WEBHOOKS.values().forEach(RunningWebhook::close);
  }

  static List<Path> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expandsOverHttpsAsTheGoldenFileSays(Path dir) {
    Polecat polecat = read(dir.resolve("polecat.yaml"), Polecat.class);
    Pod pod =
        read(
            Files.exists(dir.resolve("pod.yaml"))
                ? dir.resolve("pod.yaml")
                : CASES.resolve("pod-from-job.yaml"),
            Pod.class);
    String platformYaml =
        Files.exists(dir.resolve("platform.yaml")) ? text(dir.resolve("platform.yaml")) : "";
    StaticClusterView cluster =
        CLUSTERS.computeIfAbsent(platformYaml, yaml -> new StaticClusterView());
    cluster.polecats.clear();
    cluster.rigs.clear();
    cluster.beadStores.clear();
    cluster
        .with(polecat)
        .withAnySecret()
        .with(readIfPresent(dir.resolve("rig.yaml"), Rig.class))
        .with(readIfPresent(dir.resolve("beadstore.yaml"), BeadStore.class));
    RunningWebhook webhook =
        WEBHOOKS.computeIfAbsent(
            platformYaml, yaml -> RunningWebhook.start(cluster, PlatformConfig.fromYaml(yaml)));
    {
      HttpResponse<String> http = webhook.post("/mutate/pods", Reviews.createPod(pod));
      assertThat(http.statusCode()).isEqualTo(200);
      AdmissionResponse response = Reviews.response(http.body());

      if (Files.exists(dir.resolve("error.txt"))) {
        assertThat(response.getAllowed()).isFalse();
        assertThat(response.getStatus().getCode()).isEqualTo(403);
        assertThat(response.getStatus().getMessage())
            .isEqualTo(text(dir.resolve("error.txt")).strip());
        return;
      }
      assertThat(response.getAllowed()).isTrue();
      assertThat(response.getPatchType()).isEqualTo("JSONPatch");
      JsonNode expanded = Reviews.patched(pod, response);
      JsonNode expected = Reviews.tree(read(dir.resolve("expected.yaml"), Pod.class));
      assertThat(expanded).isEqualTo(expected);

      Pod expandedPod = Serialization.jsonMapper().convertValue(expanded, Pod.class);
      AdmissionResponse again =
          Reviews.response(webhook.post("/mutate/pods", Reviews.createPod(expandedPod)).body());
      assertThat(again.getAllowed()).isTrue();
      assertThat(Reviews.patched(expandedPod, again)).isEqualTo(expanded);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> T read(Path file, Class<T> type) {
    return Serialization.readYaml(text(file), type);
  }

  static <T> T readIfPresent(Path file, Class<T> type) {
    return Files.exists(file) ? read(file, type) : null;
  }
}
