package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.Convoy;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.RigSettings;
import io.gastown.model.Serialization;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Rig's maxPolecats and a Convoy's parallelism at {@code /mutate/pods}: a Pod beyond the budget
 * is denied naming the budget, its limit and who holds the slots, and is admitted once a slot
 * frees; Pods admitted at once never take more slots than there are.
 */
class PolecatBudgetAdmissionTest {
  final StaticClusterView cluster = new StaticClusterView().withAnySecret();
  // A webhook per test: the slots it reserved for admitted Pods are part of what a test starts
  // from.
  RunningWebhook webhook;

  @BeforeEach
  void start() {
    webhook = RunningWebhook.start(cluster, PlatformConfig.defaults());
  }

  @AfterEach
  void stop() {
    webhook.close();
  }

  @Test
  void aPodBeyondTheRigsMaxPolecatsIsDeniedNamingTheBudgetAndWhoHoldsIt() {
    cluster.with(rig(2));
    polecats("furiosa", "nux", "ace");
    cluster.with(running("furiosa")).with(running("nux"));

    AdmissionResponse denied = mutate("ace");

    assertThat(denied.getAllowed()).isFalse();
    assertThat(denied.getPatch()).isNull();
    assertThat(denied.getStatus().getCode()).isEqualTo(403);
    assertThat(denied.getStatus().getMessage())
        .isEqualTo(
            "waiting for a slot: rig my-rig allows 2 polecats at once "
                + "(spec.settings.maxPolecats); 2 are running: furiosa, nux; the Job controller creates the Pod again, and "
                + "it is admitted once one of them finishes");
  }

  @Test
  void thePodIsAdmittedOnceASlotFrees() {
    cluster.with(rig(1));
    polecats("furiosa", "ace");
    cluster.with(running("furiosa"));
    assertThat(mutate("ace").getAllowed()).isFalse();

    cluster.with(finished("furiosa", "Succeeded"));

    AdmissionResponse admitted = mutate("ace");
    assertThat(admitted.getAllowed()).isTrue();
    assertThat(admitted.getPatch()).isNotNull();
  }

  @Test
  void aPodBeingDeletedOrFailedHoldsNoSlot() {
    cluster.with(rig(2));
    polecats("furiosa", "nux", "ace");
    cluster
        .with(finished("furiosa", "Failed"))
        .with(
            new PodBuilder(running("nux"))
                .editMetadata()
                .withDeletionTimestamp("2026-01-01T00:00:00Z")
                .endMetadata()
                .build());
    assertThat(mutate("ace").getAllowed()).isTrue();
  }

  @Test
  void aFullConvoyHoldsBackAPolecatOfItsBeadsWhileTheRigHasRoom() {
    cluster.with(rig(8)).with(convoy(1, "gt-furiosa", "gt-ace"));
    polecats("furiosa", "nux", "ace");
    cluster.with(running("furiosa"));

    assertThat(mutate("nux").getAllowed()).as("nux's bead is not in the convoy").isTrue();
    AdmissionResponse denied = mutate("ace");
    assertThat(denied.getAllowed()).isFalse();
    assertThat(denied.getStatus().getMessage())
        .startsWith(
            "waiting for a slot: convoy gt-my-rig/cv-login allows 1 "
                + "polecat at once (spec.parallelism); 1 is running: furiosa;");
  }

  @Test
  void anAdmittedPodHoldsItsSlotBeforeTheCacheShowsIt() {
    cluster.with(rig(1));
    polecats("furiosa", "ace");

    assertThat(mutate("furiosa").getAllowed()).isTrue();
    // furiosa's Pod is not in the cache yet: its reservation holds the slot.
    AdmissionResponse denied = mutate("ace");
    assertThat(denied.getAllowed()).isFalse();
    assertThat(denied.getStatus().getMessage()).contains("1 is running: furiosa;");

    // The cache shows furiosa's Pod (the reservation ends), then the Pod finishes: the slot is
    // free.
    cluster.with(running("furiosa"));
    assertThat(mutate("ace").getAllowed()).isFalse();
    cluster.with(finished("furiosa", "Succeeded"));
    assertThat(mutate("ace").getAllowed()).isTrue();
  }

  @Test
  void podsCreatedAtOnceNeverTakeMoreSlotsThanTheRigHas() throws Exception {
    cluster.with(rig(3));
    List<String> names = IntStream.range(0, 24).mapToObj(i -> "p" + i).toList();
    names.forEach(name -> cluster.with(polecat(name)));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> creates =
          names.stream().<Callable<Boolean>>map(name -> () -> mutate(name).getAllowed()).toList();
      long admitted = 0;
      for (Future<Boolean> result : pool.invokeAll(creates)) {
        admitted += result.get() ? 1 : 0;
      }
      assertThat(admitted).isEqualTo(3);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRigWithoutMaxPolecatsAdmitsEveryPod() {
    Rig unlimited = rig(1);
    unlimited.getSpec().setSettings(null);
    cluster.with(unlimited);
    polecats("furiosa", "nux", "ace");
    cluster.with(running("furiosa")).with(running("nux"));
    assertThat(mutate("ace").getAllowed()).isTrue();
  }

  void polecats(String... names) {
    for (String name : names) {
      cluster.with(polecat(name));
    }
  }

  static Polecat polecat(String name) {
    Polecat polecat = Fixtures.polecat();
    polecat.getMetadata().setName(name);
    polecat.getSpec().setBeadID("gt-" + name);
    return polecat;
  }

  static Rig rig(int maxPolecats) {
    Rig rig = Fixtures.rig();
    RigSettings settings = new RigSettings();
    settings.setMaxPolecats(maxPolecats);
    rig.getSpec().setSettings(settings);
    return rig;
  }

  static Convoy convoy(int parallelism, String... beads) {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Convoy
        metadata: {name: cv-login, namespace: %s}
        spec:
          description: Login overhaul
          trackedBeads: [%s]
          rigRef: my-rig
          parallelism: %d
        """
            .formatted(Fixtures.NAMESPACE, String.join(", ", beads), parallelism),
        Convoy.class);
  }

  /** The polecat's Pod as the cache holds it once stored. */
  static Pod running(String polecat) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(polecat + "-x1")
        .withNamespace(Fixtures.NAMESPACE)
        .withUid("uid-" + polecat)
        .addToLabels("gastown.io/polecat", polecat)
        .addToLabels("gastown.io/rig", "my-rig")
        .addToLabels("gastown.io/bead", "gt-" + polecat)
        .endMetadata()
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }

  static Pod finished(String polecat, String phase) {
    return new PodBuilder(running(polecat)).editStatus().withPhase(phase).endStatus().build();
  }

  /** The Job controller creating the polecat's Pod. */
  AdmissionResponse mutate(String polecat) {
    Pod pod = Fixtures.podFromJob();
    pod.getMetadata().setGenerateName(polecat + "-");
    pod.getMetadata().getLabels().put("gastown.io/polecat", polecat);
    HttpResponse<String> http = webhook.post("/mutate/pods", Reviews.createPod(pod));
    assertThat(http.statusCode()).as(http.body()).isEqualTo(200);
    return Reviews.response(http.body());
  }
}
