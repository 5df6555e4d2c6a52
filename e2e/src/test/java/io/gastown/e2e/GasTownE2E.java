package io.gastown.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.dev.TrackingId;
import io.gastown.dev.LocalGasTown;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Serialization;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import io.gastown.testing.Golden;
import io.gastown.testing.SimulatedPod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole flow on a real control plane with kube-controller-manager, kube-scheduler and kwok, the webhook
 * registered over TLS and the status reporter running ({@link LocalGasTown}, as hack/dev.sh runs them): kubectl gt
 * writes git, {@code kubectl gt dev sync} syncs it as Argo CD would, the Job's Pod is expanded at admission, kwok
 * runs it, and kubectl gt reads the status back. Each test has a rig (and namespace) of its own in one GitOps
 * repository.
 */
@ControlPlane(nodes = true)
class GasTownE2E {
  static final Duration PATIENCE = Duration.ofSeconds(90);
  static final Pattern SLUNG = Pattern.compile("Polecat (\\S+) slung to rig");
  static final String COMMIT = "[0-9a-f]{7}";

  @TempDir
  static Path work;
  static LocalGasTown town;
  static KubernetesClient client;
  static Gt gt;
  static Path repository;

  @BeforeAll
  static void startGasTown(KubernetesClient kubernetes, ControlPlaneInfo info) throws Exception {
    client = kubernetes;
    town = LocalGasTown.start(info.kubeconfig(), Golden.root(), work.resolve("town"), Duration.ofMinutes(2));
    repository = work.resolve("gitops");
    gt = Gt.withRepository(repository, info.kubeconfig(), Files.createDirectories(work.resolve("home")));
    gt.ok("init");
  }

  @AfterAll
  static void stopGasTown() {
    if (town != null) {
      town.close();
    }
  }

  @Test
  void aConvoyOfTwoBeadsRunsToDoneAndANukedPolecatIsPrunedWithItsJobAndPod() {
    gt.ok("rig", "create", "shop", "--git-url", "git@github.com:acme/shop.git", "--prefix", "sh",
        "--git-secret", "git-ssh-key", "--claude-secret", "claude-home");
    assertThat(gt.ok("dev", "sync", "shop").out())
        .matches("Synced rig shop to " + COMMIT + ": 3 applied \\(waves -1, 0\\), 0 pruned\\.\n");
    secret("gt-shop", "git-ssh-key", "ssh-privatekey");
    secret("gt-shop", "claude-home", ".credentials.json");

    String first = slung(gt.ok("sling", "sh-1", "shop"));
    String second = slung(gt.ok("sling", "sh-2", "shop"));
    gt.ok("convoy", "create", "Login overhaul", "sh-1", "sh-2");
    assertThat(gt.ok("dev", "sync", "shop").out())
        .matches("Synced rig shop to " + COMMIT + ": 8 applied \\(waves -1, 0\\), 0 pruned\\.\n");

    Job job = client.batch().v1().jobs().inNamespace("gt-shop").withName("polecat-" + first).get();
    assertThat(job.getMetadata().getAnnotations())
        .containsEntry(TrackingId.ANNOTATION, "rig-shop:batch/Job:gt-shop/polecat-" + first);
    assertThat(job.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .contains("argocd-controller");

    Pod pod = await().atMost(PATIENCE).until(() -> onlyPod("gt-shop", first), p -> p != null);
    assertThat(pod.getMetadata().getAnnotations()).containsEntry(GasTown.ANNOTATION_EXPANDED, "true");
    assertThat(pod.getSpec().getInitContainers()).extracting(Container::getName).containsExactly("git-init");
    assertThat(pod.getSpec().getContainers()).extracting(Container::getName).containsExactly("claude");
    assertThat(pod.getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
        .extracting(v -> v.getSecret().getSecretName()).contains("git-ssh-key", "claude-home");
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts())
        .anySatisfy(m -> assertThat(secretOf(pod, m.getName())).isEqualTo("claude-home"));

    for (String polecat : List.of(first, second)) {
      await().atMost(PATIENCE).until(() -> phase("shop/" + polecat), "Done"::equals);
    }
    assertThat(gt.ok("polecat", "status", "shop/" + first).out()).contains("Done");
    await().atMost(PATIENCE).untilAsserted(() ->
        assertThat(gt.ok("convoy", "status", "cv-login-overhaul", "--rig", "shop").out()).contains("2/2"));

    gt.ok("polecat", "nuke", "shop/" + first);
    assertThat(gt.ok("dev", "sync", "shop").out()).matches("Synced rig shop to " + COMMIT
        + ": 6 applied \\(waves -1, 0\\), 2 pruned \\(Job gt-shop/polecat-" + first + ", Polecat gt-shop/" + first
        + "\\)\\.\n");
    assertThat(client.resources(Polecat.class).inNamespace("gt-shop").withName(first).get()).isNull();
    assertThat(client.batch().v1().jobs().inNamespace("gt-shop").withName("polecat-" + first).get()).isNull();
    assertThat(client.pods().inNamespace("gt-shop").withLabel(GasTown.LABEL_POLECAT, first).list().getItems())
        .as("the Job's Pod went with it").isEmpty();
    assertThat(client.resources(Polecat.class).inNamespace("gt-shop").withName(second).get()).isNotNull();
  }

  @Test
  void aPodThatFailsShowsFailedWithItsReasonInThePolecatAndTheConvoy() throws Exception {
    gt.ok("rig", "create", "lab", "--git-url", "https://github.com/acme/lab.git", "--prefix", "lab",
        "--claude-secret", "claude-home");
    gt.ok("dev", "sync", "lab");
    secret("gt-lab", "claude-home", ".credentials.json");
    gt.ok("convoy", "create", "Flaky fix", "lab-1", "lab-2", "--sling");
    List<String> polecats = polecatsOf("lab");
    String failing = polecats.get(0);
    UserEdits.annotateJobPods(repository, "lab", failing,
        Map.of(SimulatedPod.OUTCOME, SimulatedPod.FAIL, SimulatedPod.EXIT_CODE, "3"), "make " + failing + " fail");
    gt.ok("dev", "sync", "lab");

    await().atMost(PATIENCE).until(() -> phase("lab/" + failing), "Failed"::equals);
    await().atMost(PATIENCE).until(() -> phase("lab/" + polecats.get(1)), "Done"::equals);
    assertThat(gt.ok("polecat", "status", "lab/" + failing).out())
        .containsPattern("Phase: +Failed\n")
        .containsPattern("Message: +container claude exited with code 3 \\(Error\\)\n")
        .containsPattern("Degraded +True +ContainerFailed ");
    await().atMost(PATIENCE).untilAsserted(() -> assertThat(gt.ok("convoy", "status", "cv-flaky-fix", "--rig", "lab")
        .out()).containsPattern("Phase: +Failed\n").contains("✗ lab-1").contains("✓ lab-2"));
  }

  @Test
  void slingToDoneTimesTheFlowSplitIntoGitWriteSyncAdmissionAndStatusLag() throws Exception {
    gt.ok("rig", "create", "timing", "--git-url", "https://github.com/acme/timing.git", "--prefix", "tm",
        "--claude-secret", "claude-home");
    gt.ok("dev", "sync", "timing");
    secret("gt-timing", "claude-home", ".credentials.json");

    SlingToDone.Split split = SlingToDone.measure(gt, client, repository, "timing", "tm-1", PATIENCE);

    System.out.println("GasTownE2E timing: " + split);
    assertThat(split.parts()).allSatisfy(part -> assertThat(part).isPositive());
    assertThat(split.total()).isLessThan(PATIENCE);
  }

  private static String slung(Gt.Run sling) {
    Matcher matcher = SLUNG.matcher(sling.out());
    assertThat(matcher.find()).as("polecat name in %s", sling).isTrue();
    return matcher.group(1);
  }

  private static List<String> polecatsOf(String rig) throws Exception {
    try (var files = Files.list(repository.resolve("rigs").resolve(rig).resolve("polecats"))) {
      return files.map(f -> f.getFileName().toString().replace(".yaml", "")).sorted().toList();
    }
  }

  /** The Polecat's status.phase as kubectl gt polecat status -o json shows it. */
  private static String phase(String polecat) {
    JsonNode json = Serialization.readYaml(gt.ok("polecat", "status", polecat, "-o", "json").out());
    return json.path("status").path("phase").asText("");
  }

  private static Pod onlyPod(String namespace, String polecat) {
    List<Pod> pods = client.pods().inNamespace(namespace).withLabel(GasTown.LABEL_POLECAT, polecat).list().getItems();
    return pods.size() == 1 ? pods.get(0) : null;
  }

  private static String secretOf(Pod pod, String volumeName) {
    return pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(volumeName) && v.getSecret() != null)
        .map(Volume::getSecret).map(s -> s.getSecretName()).findFirst().orElse(null);
  }

  /** A Secret the expansion mounts, created in the cluster as a user would (never in git); the bytes are dummies. */
  private static void secret(String namespace, String name, String key) {
    client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
        .endMetadata().addToStringData(key, "placeholder, not a credential").build()).serverSideApply();
  }
}
