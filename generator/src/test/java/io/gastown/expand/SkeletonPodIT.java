package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.model.Polecat;
import io.gastown.model.Serialization;
import io.gastown.render.PolecatManifests;
import io.gastown.testing.ControlPlane;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SkeletonPod} against the real thing: a Job created in a real control plane (kube-apiserver
 * with its admission plugins, the Job controller) makes a Pod equal to the one SkeletonPod makes
 * from the same Job, apart from what the apiserver sets when it stores the Pod (name, uid,
 * timestamps, status, the node) and the random suffix of the token volume.
 */
@ControlPlane(nodes = true)
class SkeletonPodIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final KubernetesClient client;
  private String namespace;

  SkeletonPodIT(KubernetesClient client) {
    this.client = client;
  }

  @BeforeEach
  void createNamespace() {
    namespace = "skeleton-it-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
  }

  @AfterEach
  void deleteNamespace() {
    client.namespaces().withName(namespace).delete();
  }

  @Test
  void theRenderedJobMakesThePodSkeletonPodSays() throws Exception {
    Polecat polecat =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata:
          name: furiosa
          namespace: %s
        spec:
          rig: shop
          beadID: sh-1
        """
                .formatted(namespace),
            Polecat.class);
    Job job =
        Serialization.jsonMapper()
            .treeToValue(
                PolecatManifests.documents(polecat, "ghcr.io/gastown/polecat-agent:0.1.0").get(1),
                Job.class);

    assertSameAsTheJobController(job);
  }

  @Test
  void aJobWithMoreInItMakesThePodSkeletonPodSays() throws Exception {
    Job job =
        Serialization.readYaml(
            """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: polecat-nux
          namespace: %s
        spec:
          backoffLimit: 0
          template:
            metadata:
              labels: {gastown.io/polecat: nux, app: demo}
              annotations: {example.com/note: kept}
            spec:
              restartPolicy: Never
              tolerations:
                - {key: dedicated, operator: Equal, value: agents, effect: NoSchedule}
              initContainers:
                - name: prepare
                  image: busybox
                  volumeMounts:
                    - {name: work, mountPath: /work}
              containers:
                - name: agent
                  image: ghcr.io/gastown/polecat-agent:latest
                  ports:
                    - containerPort: 8080
                - name: sidecar
                  image: registry.example.com:5000/tools/sidecar@sha256:0000000000000000000000000000000000000000000000000000000000000000
                  volumeMounts:
                    - {name: own-token, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}
              volumes:
                - name: work
                  emptyDir: {}
                - name: own-token
                  emptyDir: {}
        """
                .formatted(namespace),
            Job.class);

    assertSameAsTheJobController(job);
  }

  private void assertSameAsTheJobController(Job job) throws InterruptedException {
    // The fake node keeps the Pod running, so the Job controller keeps its tracking finalizer on
    // it.
    if (job.getSpec().getTemplate().getMetadata().getAnnotations() == null) {
      job.getSpec().getTemplate().getMetadata().setAnnotations(new java.util.TreeMap<>());
    }
    job.getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .put("gastown.io/simulate-duration", "1h");
    Job created = client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
    Pod real = podOf(created);

    JsonNode expected = comparable(withoutServiceAccountPlugin(SkeletonPod.fromJob(created)));
    JsonNode actual = comparable(real);
    assertThat(actual.toPrettyString()).isEqualTo(expected.toPrettyString());
  }

  /**
   * The test control plane runs without the ServiceAccount admission plugin (there is no token
   * controller), so its Pods have no service account and no token volume; SkeletonPodTest checks
   * those against pod-from-job.yaml.
   */
  private static Pod withoutServiceAccountPlugin(Pod pod) {
    pod.getSpec().setServiceAccount(null);
    pod.getSpec().setServiceAccountName(null);
    pod.getSpec()
        .getVolumes()
        .removeIf(v -> v.getName().startsWith(SkeletonPod.TOKEN_VOLUME_PREFIX));
    if (pod.getSpec().getVolumes().isEmpty()) {
      pod.getSpec().setVolumes(null);
    }
    java.util.stream.Stream.concat(
            pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream())
        .forEach(
            c -> {
              c.getVolumeMounts()
                  .removeIf(m -> m.getName().startsWith(SkeletonPod.TOKEN_VOLUME_PREFIX));
              if (c.getVolumeMounts().isEmpty()) {
                c.setVolumeMounts(null);
              }
            });
    return pod;
  }

  private Pod podOf(Job job) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<Pod> pods =
          client
              .pods()
              .inNamespace(namespace)
              .withLabel(SkeletonPod.LABEL_CONTROLLER_UID, job.getMetadata().getUid())
              .list()
              .getItems();
      if (!pods.isEmpty()) {
        return pods.get(0);
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "Job " + job.getMetadata().getName() + " made no Pod within " + TIMEOUT);
  }

  /**
   * The Pod without what is set when it is stored or later (name, uid, resourceVersion, timestamps,
   * managed fields, status, node), with the token volume's random suffix masked and every map in
   * key order.
   */
  private static JsonNode comparable(Pod pod) {
    ObjectNode tree = Serialization.jsonMapper().valueToTree(pod);
    ObjectNode metadata = (ObjectNode) tree.get("metadata");
    for (String field :
        List.of(
            "name",
            "uid",
            "resourceVersion",
            "creationTimestamp",
            "managedFields",
            "generation",
            "deletionTimestamp",
            "deletionGracePeriodSeconds")) {
      metadata.remove(field);
    }
    tree.remove("status");
    ObjectNode spec = (ObjectNode) tree.get("spec");
    spec.remove("nodeName");
    String text =
        Serialization.toJson(tree)
            .replaceAll("kube-api-access-[a-z0-9]{5}", "kube-api-access-XXXXX");
    return Serialization.jsonMapper().valueToTree(sorted(readTree(text)));
  }

  private static JsonNode readTree(String json) {
    try {
      return Serialization.jsonMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = Serialization.jsonMapper().createObjectNode();
      List<String> names = new java.util.ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.stream().sorted().forEach(name -> out.set(name, sorted(node.get(name))));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = Serialization.jsonMapper().createArrayNode();
      node.forEach(item -> out.add(sorted(item)));
      return out;
    }
    return node;
  }
}
