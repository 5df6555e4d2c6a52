package io.gastown.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.BeadStore;
import io.gastown.model.Convoy;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.render.PolecatManifests;
import io.javaoperatorsdk.webhook.admission.AdmissionController;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Pod admission path run on a made-up polecat before the webhook takes requests, so that the
 * JIT has compiled it by the first real Pod. Polecat Pods are few (a handful a minute), so without
 * this the path stays interpreted for hours: about 6 ms of CPU per Pod instead of well under 1 ms
 * (AdmissionPathBenchmark, docs/benchmarks.md). The same steps as a real review: the body read into
 * an AdmissionReview ({@link AdmissionEndpoint#review}), {@link PodAdmission} (lookups, policy,
 * expansion, budget, JSON diff) on an in-memory cluster, the answer to JSON.
 */
final class AdmissionWarmUp {
  /**
   * Measured on the 2-core development machine: the first 400 rounds take about 6.7 ms of CPU each,
   * the next 400 1.4 ms, rounds 1,600 to 2,000 0.65 ms (C1 first, then C2); 1,000 rounds take about
   * 3 s of CPU at start-up.
   */
  static final int ROUNDS = 1000;

  private static final String NAMESPACE = "gt-warm-up";

  private AdmissionWarmUp() {}

  /**
   * Runs {@link #ROUNDS} reviews; returns how many were allowed (all of them, unless the platform
   * refuses).
   */
  static int run(PlatformConfig platform, KubernetesSerialization serialization) {
    Polecat polecat =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: warm-up, namespace: %s}
        spec:
          rig: warm-up
          beadID: wu-1
          taskDescription: Nothing; never stored.
          kubernetes:
            gitSecretRef: {name: git-ssh-key}
            claudeCredsSecretRef: {name: claude-home}
        """
                .formatted(NAMESPACE),
            Polecat.class);
    Rig rig =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata: {name: warm-up}
        spec:
          gitURL: git@github.com:gastown/warm-up.git
          beadsPrefix: wu
          settings: {maxPolecats: %d}
        """
                .formatted(ROUNDS + 1),
            Rig.class);
    List<JsonNode> documents =
        PolecatManifests.documents(polecat, PolecatManifests.agentImage("0.1.0"));
    Job job = serialization.convertValue(documents.get(1), Job.class);
    Pod skeleton =
        new Pod(
            "v1",
            "Pod",
            job.getSpec().getTemplate().getMetadata(),
            job.getSpec().getTemplate().getSpec(),
            null);
    skeleton.getMetadata().setGenerateName(job.getMetadata().getName() + "-");
    skeleton.getMetadata().setNamespace(NAMESPACE);
    AdmissionController<Pod> controller =
        new AdmissionController<>(new PodAdmission(new OnePolecat(polecat, rig), platform));
    AdmissionEndpoint endpoint =
        new AdmissionEndpoint(
            "/mutate/pods",
            controller::handle,
            serialization,
            WebhookSettings.DEFAULT_MAX_REQUEST_BYTES,
            null);
    int allowed = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String review =
          serialization.asJson(
              new AdmissionReviewBuilder()
                  .withApiVersion(AdmissionEndpoint.API_VERSION)
                  .withKind("AdmissionReview")
                  .withRequest(
                      new AdmissionRequestBuilder()
                          .withUid(UUID.randomUUID().toString())
                          .withOperation("CREATE")
                          .withNamespace(NAMESPACE)
                          .withKind(new GroupVersionKind("", "Pod", "v1"))
                          .withObject(skeleton)
                          .build())
                  .build());
      AdmissionReview answer =
          controller.handle(endpoint.review(review.getBytes(StandardCharsets.UTF_8)));
      serialization.asJson(answer);
      if (Boolean.TRUE.equals(answer.getResponse().getAllowed())) {
        allowed++;
      }
    }
    return allowed;
  }

  /**
   * A cluster of one polecat, its rig and its Secrets; its Pods never appear, so no budget fills.
   */
  private record OnePolecat(Polecat polecat, Rig rig) implements ClusterView {
    @Override
    public Optional<Polecat> polecat(String namespace, String name) {
      return Optional.of(polecat);
    }

    @Override
    public Optional<Rig> rig(String name) {
      return Optional.of(rig);
    }

    @Override
    public Optional<BeadStore> beadStoreOf(String rig, String namespace) {
      return Optional.empty();
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
    public Optional<Refinery> refinery(String namespace, String name) {
      return Optional.empty();
    }

    @Override
    public List<Polecat> polecats(String namespace) {
      return List.of(polecat);
    }

    @Override
    public boolean synced() {
      return true;
    }
  }
}
