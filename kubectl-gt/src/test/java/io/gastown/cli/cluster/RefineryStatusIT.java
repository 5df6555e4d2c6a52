package io.gastown.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.model.Refinery;
import io.gastown.model.RefineryFailure;
import io.gastown.model.RefineryPhase;
import io.gastown.model.RefineryRun;
import io.gastown.model.RefinerySpec;
import io.gastown.model.RefineryStatus;
import io.gastown.model.Serialization;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl gt refinery status} against a real apiserver: a Refinery with the status the
 * reporter writes, shown as a description, as JSON and as YAML; a rig without one is not found.
 */
@ControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefineryStatusIT {
  private static final String RIG = "refinery-it";
  private static final String NS = "gt-refinery-it";
  private static final String COMMIT = "4f0c2b1c6e0d9a7b8c3d2e1f0a9b8c7d6e5f4a3b";

  private final KubernetesClient client;
  private final ControlPlaneInfo info;

  @TempDir Path home;

  RefineryStatusIT(KubernetesClient client, ControlPlaneInfo info) {
    this.client = client;
    this.info = info;
  }

  @BeforeAll
  void createRigAndRefinery() {
    ClusterFixtures.namespace(client, NS);
    ClusterFixtures.createRig(client, RIG, "rfi");
    Refinery refinery = new Refinery();
    refinery.setMetadata(new ObjectMetaBuilder().withName(RIG).withNamespace(NS).build());
    RefinerySpec spec = new RefinerySpec();
    spec.setRigRef(RIG);
    spec.setTestCommand("mvn -B verify");
    refinery.setSpec(spec);
    Refinery created = client.resource(refinery).create();
    RefineryStatus status = new RefineryStatus();
    status.setPhase(RefineryPhase.Idle);
    status.setQueueLength(1);
    status.setLastMergedBranch("feature/rfi-1");
    status.setLastMergedCommit(COMMIT);
    status.setLastMergeTime("2026-01-01T10:01:00Z");
    RefineryRun run = new RefineryRun();
    run.setPodName("refinery-refinery-it-29000000-abcde");
    run.setPhase("Succeeded");
    run.setQueued(2);
    run.setMerged(1);
    run.setFailed(1);
    run.setCompletedAt("2026-01-01T10:01:00Z");
    status.setLastRun(run);
    status.setFailures(
        List.of(new RefineryFailure("feature/rfi-2", "nux", "conflicts with main at " + COMMIT)));
    created.setStatus(status);
    client.resource(created).updateStatus();
  }

  private Cli gt(String... args) {
    return Cli.run(Map.of("KUBECONFIG", info.kubeconfig().toString()), home, args);
  }

  @Test
  void statusDescribesTheQueueTheLastMergeAndTheFailures() {
    Cli result = gt("refinery", "status", RIG);
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out())
        .containsPattern("Test command: +mvn -B verify\n")
        .containsPattern("Schedule: +\\*/10 \\* \\* \\* \\*\n")
        .containsPattern("Phase: +Idle\n")
        .containsPattern("Queue: +1\n")
        .containsPattern("Last merged: +feature/rfi-1 at " + COMMIT + "\n")
        .containsPattern(
            "Last run: +refinery-refinery-it-29000000-abcde Succeeded, merged 1 of 2, 2026-01-01T10:01:00Z")
        .contains("Failures:")
        .containsPattern("feature/rfi-2 +nux +conflicts with main at " + COMMIT);
  }

  @Test
  void statusAsJsonAndYamlIsTheRefinery() throws Exception {
    Cli json = gt("refinery", "status", RIG, "-o", "json");
    assertThat(json.exit()).as(json.toString()).isZero();
    JsonNode tree = Serialization.jsonMapper().readTree(json.out());
    assertThat(tree.path("kind").asText()).isEqualTo("Refinery");
    assertThat(tree.path("status").path("lastMergedCommit").asText()).isEqualTo(COMMIT);
    assertThat(tree.path("status").path("failures").get(0).path("polecat").asText())
        .isEqualTo("nux");

    Cli yaml = gt("refinery", "status", RIG, "-o", "yaml");
    assertThat(yaml.exit()).as(yaml.toString()).isZero();
    assertThat(Serialization.yamlMapper().readTree(yaml.out())).isEqualTo(tree);
  }

  @Test
  void aRigWithoutARefineryIsNotFound() {
    ClusterFixtures.namespace(client, "gt-refinery-none");
    ClusterFixtures.createRig(client, "refinery-none", "rfn");
    Cli result = gt("refinery", "status", "refinery-none");
    assertThat(result.exit()).as(result.toString()).isEqualTo(3);
    assertThat(result.err())
        .contains("refinery refinery-none not found in namespace gt-refinery-none");
  }
}
