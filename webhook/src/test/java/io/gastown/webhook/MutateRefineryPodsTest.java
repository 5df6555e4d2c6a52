package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Pod of a Refinery's merge run through the real HTTPS endpoint: expanded as generator's golden
 * file says (generator/src/test/golden/refinery: the inputs and expanded-pod.yaml), with the queue
 * the webhook computes from the Polecats it sees; the expanded Pod sent again comes back unchanged;
 * a run of a Refinery that does not exist is denied naming the fix.
 */
class MutateRefineryPodsTest {
  static final Path CASE = Golden.root().resolve("generator/src/test/golden/refinery");
  static final StaticClusterView cluster = new StaticClusterView();
  static RunningWebhook webhook;

  @BeforeAll
  static void start() throws IOException {
    cluster
        .with(read("rig.yaml", Rig.class))
        .with(read("refinery.yaml", Refinery.class))
        .with(read("polecat-furiosa.yaml", Polecat.class))
        .with(read("polecat-nux.yaml", Polecat.class))
        .withAnySecret();
    webhook = RunningWebhook.start(cluster, PlatformConfig.defaults());
  }

  @AfterAll
  static void stop() {
    webhook.close();
  }

  @Test
  void theRunsPodIsExpandedWithTheQueueAndOnlyOnce() throws IOException {
    Pod pod = read("pod.yaml", Pod.class);
    AdmissionResponse response =
        Reviews.response(webhook.post("/mutate/pods", Reviews.createPod(pod)).body());
    assertThat(response.getAllowed()).isTrue();
    JsonNode expanded = Reviews.patched(pod, response);
    assertThat(expanded).isEqualTo(Reviews.tree(read("expanded-pod.yaml", Pod.class)));

    Pod expandedPod = Serialization.jsonMapper().convertValue(expanded, Pod.class);
    AdmissionResponse again =
        Reviews.response(webhook.post("/mutate/pods", Reviews.createPod(expandedPod)).body());
    assertThat(again.getAllowed()).isTrue();
    assertThat(Reviews.patched(expandedPod, again)).isEqualTo(expanded);
  }

  @Test
  void aRunOfARefineryThatDoesNotExistIsDenied() throws IOException {
    Pod pod = read("pod.yaml", Pod.class);
    pod.getMetadata().getLabels().put("gastown.io/refinery", "ghost");
    pod.getMetadata().getLabels().remove("gastown.io/rig");
    AdmissionResponse response =
        Reviews.response(webhook.post("/mutate/pods", Reviews.createPod(pod)).body());
    assertThat(response.getAllowed()).isFalse();
    assertThat(response.getStatus().getCode()).isEqualTo(403);
    assertThat(response.getStatus().getMessage())
        .isEqualTo(
            "no Refinery ghost in namespace gt-my-rig (named by the Pod's label gastown.io/refinery):"
                + " create it (kubectl gt refinery create <rig>); the CronJob starts the next run on"
                + " its schedule");
  }

  private static <T> T read(String file, Class<T> type) throws IOException {
    return Serialization.readYaml(Files.readString(CASE.resolve(file)), type);
  }
}
