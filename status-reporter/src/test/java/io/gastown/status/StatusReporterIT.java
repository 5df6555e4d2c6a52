package io.gastown.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.gastown.model.Convoy;
import io.gastown.model.ConvoyPhase;
import io.gastown.model.ConvoySpec;
import io.gastown.model.DesiredState;
import io.gastown.model.GasTown;
import io.gastown.model.MergeResult;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatSpec;
import io.gastown.model.Refinery;
import io.gastown.model.RefineryPhase;
import io.gastown.model.RefinerySpec;
import io.gastown.model.RefineryStatus;
import io.gastown.model.Rig;
import io.gastown.model.RigSpec;
import io.gastown.model.Witness;
import io.gastown.model.WitnessPhase;
import io.gastown.model.WitnessSpec;
import io.gastown.render.PolecatManifests;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.SimulatedPod;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reporter against a real control plane: Jobs make Pods (kube-controller-manager), the
 * scheduler places them on kwok's fake node, kwok runs them to Succeeded or Failed. The webhook is
 * not running here, so the Jobs are the plain skeleton Jobs kubectl-gt writes, created directly.
 */
@ControlPlane(nodes = true)
class StatusReporterIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final KubernetesClient client;
  private final List<StatusReporter> reporters = new ArrayList<>();
  private final List<KubernetesClient> reporterClients = new ArrayList<>();
  private String namespace;
  private String rig;

  StatusReporterIT(KubernetesClient client) {
    this.client = client;
  }

  @BeforeEach
  void createRig() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    namespace = "status-it-" + suffix;
    rig = "rig-" + suffix;
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    Rig r = new Rig();
    r.setMetadata(new ObjectMetaBuilder().withName(rig).build());
    RigSpec spec = new RigSpec();
    spec.setGitURL("https://git.example.com/team/repo.git");
    spec.setBeadsPrefix("gt");
    r.setSpec(spec);
    client.resource(r).create();
    Witness witness = new Witness();
    witness.setMetadata(
        new ObjectMetaBuilder().withName(rig + "-witness").withNamespace(namespace).build());
    WitnessSpec witnessSpec = new WitnessSpec();
    witnessSpec.setRigRef(rig);
    witnessSpec.setHealthCheckInterval("1s");
    witnessSpec.setPendingThreshold("4s");
    witnessSpec.setStuckThreshold("15m");
    witness.setSpec(witnessSpec);
    client.resource(witness).create();
  }

  @AfterEach
  void cleanUp() {
    reporters.forEach(StatusReporter::close);
    reporterClients.forEach(KubernetesClient::close);
    client.resources(Rig.class).withName(rig).delete();
    client.namespaces().withName(namespace).delete();
  }

  @Test
  void aSucceedingJobIsWorkingThenDone() {
    List<String> requests = new CopyOnWriteArrayList<>();
    KubernetesClient counted =
        new KubernetesClientBuilder()
            .withConfig(client.getConfiguration())
            .withHttpClientBuilderConsumer(
                http ->
                    http.addOrReplaceInterceptor(
                        "count",
                        new Interceptor() {
                          @Override
                          public void before(
                              BasicBuilder builder, HttpRequest request, RequestTags tags) {
                            requests.add(request.method() + " " + request.uri().getPath());
                          }
                        }))
            .build();
    reporterClients.add(counted);
    startReporter("reporter-a", counted);
    createPolecat("furiosa", "gt-1", Map.of(SimulatedPod.DURATION, "4s"));

    await().atMost(PATIENCE).until(() -> phase("furiosa") == PolecatPhase.Working);
    Polecat working = polecat("furiosa");
    assertThat(working.getStatus().getPodName()).startsWith("polecat-furiosa-");
    assertThat(working.getStatus().getJobName()).isEqualTo("polecat-furiosa");
    assertThat(working.getStatus().getBranch()).isEqualTo("feature/gt-1");

    await().atMost(PATIENCE).until(() -> phase("furiosa") == PolecatPhase.Done);
    Polecat done = polecat("furiosa");
    assertThat(done.getStatus().getCompletedAt()).isNotNull();
    assertThat(done.getStatus().getObservedGeneration())
        .isEqualTo(done.getMetadata().getGeneration());
    assertThat(done.getStatus().getConditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Succeeded");
              assertThat(c.getStatus()).isEqualTo("True");
            });
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(phaseEvents("furiosa")).containsSubsequence("Working", "Done"));
    assertThat(done.getMetadata().getManagedFields())
        .anySatisfy(
            f -> {
              assertThat(f.getManager()).isEqualTo(ReporterConfig.FIELD_MANAGER);
              assertThat(f.getSubresource()).isEqualTo("status");
            });
    // Each status write is one request: the reporter does not read the Polecat back first.
    String furiosa = "/namespaces/" + namespace + "/polecats/furiosa";
    assertThat(requests).anyMatch(r -> r.startsWith("PATCH") && r.endsWith(furiosa + "/status"));
    assertThat(requests).noneMatch(r -> r.startsWith("GET") && r.endsWith(furiosa));
  }

  @Test
  void aNewPolecatIsPendingOnlyOnceThatHasLastedASecond() throws InterruptedException {
    startReporter("reporter-a");
    createPolecatOnly("nux", "gt-7");
    long created = System.nanoTime();

    Thread.sleep(StatusEngine.PENDING_SETTLE.toMillis() / 2);
    assertThat(polecat("nux").getStatus())
        .as("no status within %s of the Polecat's creation", StatusEngine.PENDING_SETTLE)
        .satisfiesAnyOf(
            status -> assertThat(status).isNull(),
            status ->
                assertThat(System.nanoTime() - created)
                    .isGreaterThanOrEqualTo(StatusEngine.PENDING_SETTLE.toNanos()));

    await().atMost(PATIENCE).until(() -> phase("nux") == PolecatPhase.Pending);
    assertThat(polecat("nux").getStatus().getConditions())
        .anySatisfy(c -> assertThat(c.getReason()).isEqualTo("JobMissing"));
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(phaseEvents("nux")).containsExactly("Pending"));
  }

  @Test
  void aFailingJobIsFailedWithTheContainerAndExitCode() {
    startReporter("reporter-a");
    createPolecat(
        "nux",
        "gt-2",
        Map.of(SimulatedPod.OUTCOME, SimulatedPod.FAIL, SimulatedPod.EXIT_CODE, "3"));

    await().atMost(PATIENCE).until(() -> phase("nux") == PolecatPhase.Failed);

    assertThat(polecat("nux").getStatus().getMessage())
        .isEqualTo("container agent exited with code 3 (Error)");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(events("nux"))
                    .anySatisfy(
                        e -> {
                          assertThat(e.getReason()).isEqualTo("Failed");
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getMessage())
                              .isEqualTo("container agent exited with code 3 (Error)");
                        }));
  }

  @Test
  void aPodPendingPastTheWitnessThresholdIsStuck() {
    startReporter("reporter-a");
    Job job = skeletonJob(createPolecatOnly("slit", "gt-3"), Map.of());
    job.getSpec()
        .getTemplate()
        .getSpec()
        .setNodeSelector(Map.of("gastown.io/no-such-node", "true"));
    client.resource(job).create();

    await().atMost(PATIENCE).until(() -> phase("slit") == PolecatPhase.Stuck);

    assertThat(polecat("slit").getStatus().getMessage())
        .contains("longer than pendingThreshold 4s")
        .contains("cannot be scheduled");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(events("slit"))
                    .anySatisfy(
                        e -> {
                          assertThat(e.getReason()).isEqualTo("Stuck");
                          assertThat(e.getType()).isEqualTo("Warning");
                        }));
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Witness witness =
                  client
                      .resources(Witness.class)
                      .inNamespace(namespace)
                      .withName(rig + "-witness")
                      .get();
              assertThat(witness.getStatus().getPhase()).isEqualTo(WitnessPhase.Degraded);
              assertThat(witness.getStatus().getPolecatsSummary().getStuck()).isEqualTo(1);
            });
  }

  @Test
  void aConvoyOfThreeReachesComplete() {
    startReporter("reporter-a");
    createPolecat("capable", "gt-10", Map.of(SimulatedPod.DURATION, "1s"));
    createPolecat("toast", "gt-11", Map.of(SimulatedPod.DURATION, "2s"));
    createPolecat("dag", "gt-12", Map.of(SimulatedPod.DURATION, "3s"));
    Convoy convoy = new Convoy();
    convoy.setMetadata(new ObjectMetaBuilder().withName("cv-1").withNamespace(namespace).build());
    ConvoySpec spec = new ConvoySpec();
    spec.setDescription("three beads");
    spec.setTrackedBeads(List.of("gt-10", "gt-11", "gt-12"));
    spec.setRigRef(rig);
    convoy.setSpec(spec);
    client.resource(convoy).create();

    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              Convoy c =
                  client.resources(Convoy.class).inNamespace(namespace).withName("cv-1").get();
              return c.getStatus() != null && c.getStatus().getPhase() == ConvoyPhase.Complete;
            });

    Convoy complete = client.resources(Convoy.class).inNamespace(namespace).withName("cv-1").get();
    assertThat(complete.getStatus().getProgress()).isEqualTo("3/3");
    assertThat(complete.getStatus().getCompletedBeads()).containsExactly("gt-10", "gt-11", "gt-12");
    assertThat(complete.getStatus().getCompletedAt()).isNotNull();
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Rig r = client.resources(Rig.class).withName(rig).get();
              assertThat(r.getStatus().getPolecatCount()).isEqualTo(3);
              assertThat(r.getStatus().getPolecatsByPhase()).containsEntry("Done", 3);
              assertThat(r.getStatus().getActiveConvoys()).isZero();
            });
  }

  @Test
  void aReporterStoppedMidRunAndStartedAgainConvergesWithoutRepeatingTransitions() {
    StatusReporter first = startReporter("reporter-a");
    List<String> names = List.of("morsov", "keeper", "corpus");
    for (int i = 0; i < names.size(); i++) {
      createPolecat(names.get(i), "gt-2" + i, Map.of(SimulatedPod.DURATION, "8s"));
    }
    await()
        .atMost(PATIENCE)
        .until(() -> names.stream().allMatch(n -> phase(n) == PolecatPhase.Working));

    first.close();
    await().atMost(PATIENCE).until(() -> names.stream().allMatch(this::jobComplete));
    assertThat(names).allSatisfy(n -> assertThat(phase(n)).isEqualTo(PolecatPhase.Working));

    startReporter("reporter-b");
    await()
        .atMost(PATIENCE)
        .until(() -> names.stream().allMatch(n -> phase(n) == PolecatPhase.Done));

    await()
        .pollDelay(Duration.ofSeconds(3))
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              for (String name : names) {
                List<String> reasons = phaseEvents(name);
                assertThat(reasons).as("events of %s", name).containsOnlyOnce("Working", "Done");
              }
            });
  }

  @Test
  void aStandbyTakesOverWhenTheLeaderStops() {
    StatusReporter leader = startReporter("reporter-a");
    await().atMost(PATIENCE).until(leader::isLeading);
    StatusReporter standby = startReporter("reporter-b");
    createPolecat("rictus", "gt-30", Map.of(SimulatedPod.DURATION, "6s"));
    await().atMost(PATIENCE).until(() -> phase("rictus") == PolecatPhase.Working);
    assertThat(standby.isLeading()).isFalse();

    leader.close();

    await().atMost(PATIENCE).until(standby::isLeading);
    await().atMost(PATIENCE).until(() -> phase("rictus") == PolecatPhase.Done);
  }

  /**
   * A merge run's Pod as the webhook expands it (its queue annotation, the merge container) with
   * kwok finishing it with the script's result lines as its termination message.
   */
  @Test
  void aMergeRunsResultsReachTheRefineryAndMarkThePolecats() {
    startReporter("reporter-a");
    createPolecat("furiosa", "gt-40", Map.of(SimulatedPod.DURATION, "1s"));
    createPolecat("nux", "gt-41", Map.of(SimulatedPod.DURATION, "2s"));
    Refinery refinery = new Refinery();
    refinery.setMetadata(new ObjectMetaBuilder().withName(rig).withNamespace(namespace).build());
    RefinerySpec spec = new RefinerySpec();
    spec.setRigRef(rig);
    refinery.setSpec(spec);
    client.resource(refinery).create();
    await().atMost(PATIENCE).until(() -> phase("furiosa") == PolecatPhase.Done);
    await().atMost(PATIENCE).until(() -> phase("nux") == PolecatPhase.Done);
    await()
        .atMost(PATIENCE)
        .until(() -> refineryStatus() != null && refineryStatus().getQueueLength() == 2);

    String commit = "4f0c2b1c6e0d9a7b8c3d2e1f0a9b8c7d6e5f4a3b";
    client
        .resource(
            mergeRun(
                "furiosa=feature/gt-40 nux=feature/gt-41",
                "{\"branch\":\"feature/gt-40\",\"result\":\"merged\",\"commit\":\""
                    + commit
                    + "\"}\n{\"branch\":\"feature/gt-41\",\"result\":\"failed\",\"reason\":\"conflicts"
                    + " with main at "
                    + commit
                    + "\"}\n"))
        .create();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              RefineryStatus status = refineryStatus();
              assertThat(status.getPhase()).isEqualTo(RefineryPhase.Idle);
              assertThat(status.getLastRun().getPhase()).isEqualTo("Succeeded");
              assertThat(status.getLastMergedBranch()).isEqualTo("feature/gt-40");
              assertThat(status.getLastMergedCommit()).isEqualTo(commit);
              assertThat(status.getFailures())
                  .singleElement()
                  .satisfies(
                      f -> {
                        assertThat(f.getBranch()).isEqualTo("feature/gt-41");
                        assertThat(f.getPolecat()).isEqualTo("nux");
                        assertThat(f.getReason()).isEqualTo("conflicts with main at " + commit);
                      });
              assertThat(status.getQueueLength()).isZero();
            });
    assertThat(merged("furiosa"))
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo(MergeResult.REASON_MERGED);
              assertThat(c.getMessage())
                  .isEqualTo("branch feature/gt-40 merged into main (commit " + commit + ")");
            });
    assertThat(merged("nux"))
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo(MergeResult.REASON_CONFLICT);
            });
  }

  private Job mergeRun(String queue, String resultLines) {
    Map<String, String> labels = Map.of(GasTown.LABEL_REFINERY, rig, GasTown.LABEL_RIG, rig);
    return new JobBuilder()
        .withNewMetadata()
        .withName(PodContract.refineryCronJobName(rig) + "-1")
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(
            Map.of(
                GasTown.ANNOTATION_MERGE_QUEUE,
                queue,
                SimulatedPod.MESSAGE,
                resultLines,
                SimulatedPod.DURATION,
                "1s"))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName(PodContract.REFINERY_MERGE_CONTAINER)
        .withImage(PolecatManifests.agentImage("0.1.0"))
        .addNewEnv()
        .withName(PodContract.Env.TARGET_BRANCH)
        .withValue("main")
        .endEnv()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private RefineryStatus refineryStatus() {
    Refinery refinery = client.resources(Refinery.class).inNamespace(namespace).withName(rig).get();
    return refinery != null ? refinery.getStatus() : null;
  }

  private io.fabric8.kubernetes.api.model.Condition merged(String polecat) {
    return polecat(polecat).getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(MergeResult.CONDITION))
        .findFirst()
        .orElseThrow();
  }

  private StatusReporter startReporter(String name) {
    return startReporter(name, client);
  }

  private StatusReporter startReporter(String name, KubernetesClient reporterClient) {
    StatusReporter reporter =
        new StatusReporter(
            reporterClient,
            new ReporterConfig(0, name, namespace, 2, true, Duration.ofMillis(250)),
            Clock.systemUTC(),
            () -> {});
    reporters.add(reporter);
    return reporter.start();
  }

  private void createPolecat(String name, String bead, Map<String, String> simulation) {
    client.resource(skeletonJob(createPolecatOnly(name, bead), simulation)).create();
  }

  private Polecat createPolecatOnly(String name, String bead) {
    Polecat polecat = new Polecat();
    polecat.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    PolecatSpec spec = new PolecatSpec();
    spec.setRig(rig);
    spec.setBeadID(bead);
    spec.setDesiredState(DesiredState.Working);
    spec.setTaskDescription("work on " + bead);
    polecat.setSpec(spec);
    polecat.getMetadata().setLabels(PolecatManifests.labels(polecat));
    return client.resource(polecat).create();
  }

  /**
   * The skeleton Job kubectl-gt writes (one placeholder container, no retries), with kwok's
   * simulation.
   */
  private Job skeletonJob(Polecat polecat, Map<String, String> simulation) {
    Map<String, String> labels = PolecatManifests.labels(polecat);
    return new JobBuilder()
        .withNewMetadata()
        .withName(PodContract.jobName(polecat.getMetadata().getName()))
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(0)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(new HashMap<>(simulation))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .addNewContainer()
        .withName(PodContract.PLACEHOLDER_CONTAINER)
        .withImage(PolecatManifests.agentImage("0.1.0"))
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private Polecat polecat(String name) {
    return client.resources(Polecat.class).inNamespace(namespace).withName(name).get();
  }

  private PolecatPhase phase(String name) {
    Polecat polecat = polecat(name);
    return polecat.getStatus() != null ? polecat.getStatus().getPhase() : null;
  }

  private boolean jobComplete(String polecat) {
    Job job =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withName(PodContract.jobName(polecat))
            .get();
    return job.getStatus() != null
        && job.getStatus().getConditions() != null
        && job.getStatus().getConditions().stream()
            .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private List<Event> events(String polecat) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(
            e ->
                "Polecat".equals(e.getInvolvedObject().getKind())
                    && polecat.equals(e.getInvolvedObject().getName()))
        .sorted(
            java.util.Comparator.comparing((Event e) -> e.getMetadata().getCreationTimestamp())
                .thenComparing(e -> e.getMetadata().getName()))
        .toList();
  }

  private List<String> phaseEvents(String polecat) {
    return events(polecat).stream().map(Event::getReason).toList();
  }
}
