package io.gastown.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GroupVersionKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequestBuilder;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Pod admission path run on a made-up polecat before the webhook takes requests, so that the
 * JIT has compiled it by the first real Pod. Polecat Pods are few (a handful a minute), so without
 * this the path stays interpreted for hours: about 6 ms of CPU per Pod instead of well under 1 ms
 * (AdmissionPathBenchmark, docs/benchmarks.md). The reviews go the way real ones do: over HTTPS
 * (TLS, Jetty, Javalin, the endpoint's checks) to a throwaway copy of the webhook on a loopback
 * port, with the same certificate and an in-memory cluster of one polecat; {@link PodAdmission}
 * looks it up, checks the policy, expands, counts slots and diffs.
 */
final class AdmissionWarmUp {
  /**
   * Measured on the 2-core development machine, in-process: the first 1,000 rounds take about 2.6
   * ms of CPU each, the next 1,000 0.6 ms, rounds 2,000 to 3,000 0.35 ms (C1 first, then C2).
   */
  static final int ROUNDS = 2000;

  private static final String NAMESPACE = "gt-warm-up";

  private AdmissionWarmUp() {}

  /**
   * Sends {@link #ROUNDS} reviews to a throwaway webhook with {@code settings}' certificate on a
   * loopback port; returns how many were allowed (all of them, unless the platform refuses).
   */
  static int run(PlatformConfig platform, WebhookSettings settings) {
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
    KubernetesSerialization serialization = WebhookJson.SERIALIZATION;
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
    WebhookSettings loopback =
        new WebhookSettings(
            0,
            settings.certFile(),
            settings.keyFile(),
            settings.platformConfigFile(),
            settings.maxRequestBytes(),
            settings.tlsReloadInterval(),
            Duration.ZERO,
            Duration.ZERO);
    int allowed = 0;
    try (WebhookApp app =
            WebhookApp.start(loopback, new OnePolecat(polecat, rig), platform, "127.0.0.1");
        KeepAliveHttps connection =
            new KeepAliveHttps(
                KeepAliveHttps.trusting(settings.certFile()), app.port(), "/mutate/pods", review)) {
      for (int round = 0; round < ROUNDS; round++) {
        if (connection.post()) {
          allowed++;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the warm-up could not reach its loopback webhook", e);
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
