package io.gastown.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.cluster.ClusterFixtures;
import io.gastown.cli.cluster.Fixtures;
import io.gastown.cli.cluster.PolecatRef;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import io.gastown.testing.SimulatedPod;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sling --wait/--wait-ready} as sling calls it after its push, against the real control
 * plane with kwok: a Job like the skeleton Job in git makes the pod (no webhook here), kwok runs or
 * fails it.
 */
@ControlPlane(nodes = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WaitReadyIT {
  private static final String RIG = "wait-it";
  private static final String NS = "gt-wait-it";

  private final KubernetesClient client;
  private final ControlPlaneInfo info;

  @TempDir Path home;

  WaitReadyIT(KubernetesClient client, ControlPlaneInfo info) {
    this.client = client;
    this.info = info;
  }

  @BeforeAll
  void namespace() {
    ClusterFixtures.namespace(client, NS);
  }

  /** Exit code, stdout and stderr of the wait, with the flags given. */
  private record Waited(int exit, String out, String err) {}

  private Waited await(String name, String... flags) {
    WaitOptions options = new WaitOptions();
    new CommandLine(options).parseArgs(flags);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        options.afterPush(
            GtEnvironment.of(Map.of("KUBECONFIG", info.kubeconfig().toString()), home),
            new PolecatRef(RIG, name),
            null,
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Waited(exit, out.toString(), err.toString());
  }

  private void polecat(String name, PolecatPhase phase, String message) {
    Polecat polecat = Fixtures.polecat(NS, name, RIG, "wit-" + name, phase);
    if (message != null) {
      polecat.getStatus().setMessage(message);
    }
    ClusterFixtures.createPolecat(client, polecat);
  }

  /**
   * The skeleton Job as kubectl gt writes it: label gastown.io/polecat, restartPolicy Never,
   * backoffLimit 0.
   */
  private void job(
      String name, Map<String, String> podAnnotations, Map<String, String> nodeSelector) {
    Job job =
        new JobBuilder()
            .withNewMetadata()
            .withName("polecat-" + name)
            .withNamespace(NS)
            .addToLabels(GasTown.LABEL_POLECAT, name)
            .endMetadata()
            .withNewSpec()
            .withBackoffLimit(0)
            .withNewTemplate()
            .withNewMetadata()
            .addToLabels(GasTown.LABEL_POLECAT, name)
            .addToLabels(GasTown.LABEL_RIG, RIG)
            .withAnnotations(podAnnotations)
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withNodeSelector(nodeSelector)
            .addNewContainer()
            .withName("agent")
            .withImage("registry.invalid/polecat-agent:test")
            .endContainer()
            .endSpec()
            .endTemplate()
            .endSpec()
            .build();
    client.resource(job).create();
  }

  @Test
  void aPolecatWhosePodRunsIsReady() {
    polecat("runs", null, null);
    job("runs", Map.of(SimulatedPod.DURATION, "1h"), Map.of());
    Waited waited = await("runs", "--wait-ready", "--timeout", "90s");
    assertThat(waited.exit()).as(waited.toString()).isZero();
    assertThat(waited.out())
        .startsWith(
            "Waiting up to 1m30s for polecat wait-it/runs to have a running pod "
                + "(namespace gt-wait-it)...\n")
        .containsPattern("pod polecat-runs-\\w+ is running\n$");
    assertThat(waited.err()).isEmpty();
  }

  @Test
  void aPodThatFailedBeforeItWasSeenRunningFailsTheWaitWithTheReason() {
    polecat("breaks", null, null);
    job(
        "breaks",
        Map.of(
            SimulatedPod.OUTCOME,
            SimulatedPod.FAIL,
            SimulatedPod.EXIT_CODE,
            "3",
            SimulatedPod.DURATION,
            "0s"),
        Map.of());
    client
        .pods()
        .inNamespace(NS)
        .withLabel(GasTown.LABEL_POLECAT, "breaks")
        .informOnCondition(
            pods -> pods.size() == 1 && "Failed".equals(pods.get(0).getStatus().getPhase()));
    Waited waited = await("breaks", "--wait-ready", "--timeout", "60s");
    assertThat(waited.exit()).as(waited.toString()).isEqualTo(9);
    assertThat(waited.err())
        .containsPattern(
            "error: pod polecat-breaks-\\w+ failed: container agent terminated: "
                + "\\w+ \\(exit code 3\\)");
  }

  @Test
  void aFailedPolecatFailsTheWaitWithItsMessage() {
    polecat("denied", PolecatPhase.Failed, "Secret claude-home not found in gt-wait-it");
    Waited waited = await("denied", "--wait-ready", "--timeout", "60s");
    assertThat(waited.exit()).isEqualTo(9);
    assertThat(waited.err())
        .isEqualTo(
            "error: polecat denied is Failed: Secret claude-home not found in " + "gt-wait-it\n");
  }

  @Test
  void aPodThatCannotBeScheduledTimesOutAndSaysWhy() {
    polecat("stuck", null, null);
    job("stuck", Map.of(), Map.of("gastown.io/no-such-node", "true"));
    client
        .pods()
        .inNamespace(NS)
        .withLabel(GasTown.LABEL_POLECAT, "stuck")
        .informOnCondition(
            pods ->
                pods.size() == 1
                    && pods.get(0).getStatus().getConditions() != null
                    && pods.get(0).getStatus().getConditions().stream()
                        .anyMatch(c -> "PodScheduled".equals(c.getType())));
    Waited waited = await("stuck", "--wait-ready", "--timeout", "3s");
    assertThat(waited.exit()).as(waited.toString()).isEqualTo(8);
    assertThat(waited.err())
        .containsPattern(
            "^error: timed out after 3s: pod polecat-stuck-\\w+ is Pending: "
                + "not scheduled \\(Unschedulable\\): 0/1 nodes are available");
    assertThat(waited.out()).contains("timed out: pod polecat-stuck-");
  }

  @Test
  void aPolecatThatWasNeverSyncedTimesOut() {
    Waited waited = await("ghost", "--wait", "--timeout", "2s");
    assertThat(waited.exit()).isEqualTo(8);
    assertThat(waited.err())
        .isEqualTo(
            "error: timed out after 2s: polecat ghost is not in the cluster yet (waiting "
                + "for Argo CD to sync it); wait longer with --timeout, or look with kubectl gt polecat status\n");
  }

  @Test
  void waitEndsWhenThePolecatIsWorking() throws Exception {
    polecat("works", PolecatPhase.Pending, "waiting for its pod");
    Thread setWorking =
        new Thread(
            () -> {
              try {
                TimeUnit.SECONDS.sleep(2);
                Polecat p = client.resources(Polecat.class).inNamespace(NS).withName("works").get();
                p.getStatus().setPhase(PolecatPhase.Working);
                p.getStatus().setMessage(null);
                client.resource(p).updateStatus();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    setWorking.start();
    Waited waited = await("works", "--wait", "--timeout", "60s");
    setWorking.join();
    assertThat(waited.exit()).as(waited.toString()).isZero();
    assertThat(waited.out().lines().toList())
        .containsSubsequence(
            "Waiting up to 1m for polecat wait-it/works to be Working (namespace gt-wait-it)...",
            "polecat works is Pending: waiting for its pod",
            "polecat works is Working");
  }
}
