package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gastown.model.Serialization;
import org.junit.jupiter.api.Test;

/**
 * {@link SkeletonPod} on its own; SkeletonPodIT compares it with the Pods a real Job controller
 * makes (on a control plane without the ServiceAccount admission plugin, whose part is checked here
 * against pod-from-job.yaml).
 */
class SkeletonPodTest {
  /**
   * The Job that pod-from-job.yaml (a Pod from a real cluster, the golden cases' input) was made
   * from.
   */
  static final String JOB =
      """
      apiVersion: batch/v1
      kind: Job
      metadata:
        name: furiosa
        namespace: gt-my-rig
        uid: 5f0c6a3e-1b7d-4c1e-9a55-0d6f2b8e9c11
      spec:
        backoffLimit: 0
        template:
          metadata:
            labels:
              gastown.io/polecat: furiosa
              gastown.io/rig: my-rig
            annotations:
              argocd.argoproj.io/tracking-id: my-rig:batch/Job:gt-my-rig/furiosa
          spec:
            restartPolicy: Never
            containers:
              - name: polecat
                image: ghcr.io/gastown/polecat-agent:0.1.0
      """;

  @Test
  void makesThePodOfTheGoldenCasesFromItsJob() {
    Pod pod = SkeletonPod.fromJob(Serialization.readYaml(JOB, Job.class));

    Pod golden =
        Serialization.readYaml(
            ExpansionCase.text(ExpansionCase.ROOT.resolve("pod-from-job.yaml")), Pod.class);
    // pod-from-job.yaml predates the Job controller's tracking finalizer (Kubernetes 1.26+); the
    // rest is equal.
    assertThat(pod.getMetadata().getFinalizers()).containsExactly(SkeletonPod.TRACKING_FINALIZER);
    pod.getMetadata().setFinalizers(null);
    assertThat(masked(pod)).isEqualTo(masked(golden));
  }

  @Test
  void expandingItGivesTheGoldenPodsContainersAndVolumes() {
    ExpansionCase c = ExpansionCase.load(ExpansionCase.ROOT.resolve("claude-api-key"));
    Pod fromJob =
        PodExpander.expand(
            SkeletonPod.fromJob(Serialization.readYaml(JOB, Job.class)),
            c.polecat(),
            c.rig(),
            c.beadStore(),
            c.platform());
    Pod golden = Serialization.readYaml(ExpansionCase.text(c.expectedFile()), Pod.class);

    assertThat(Serialization.toYaml(fromJob.getSpec()))
        .isEqualTo(Serialization.toYaml(golden.getSpec()));
  }

  @Test
  void anUnknownUidIsShownAsZeros() {
    Job job =
        Serialization.readYaml(
            JOB.replace("  uid: 5f0c6a3e-1b7d-4c1e-9a55-0d6f2b8e9c11\n", ""), Job.class);

    Pod pod = SkeletonPod.fromJob(job);

    assertThat(pod.getMetadata().getLabels())
        .containsEntry(SkeletonPod.LABEL_CONTROLLER_UID, SkeletonPod.UNKNOWN_UID)
        .containsEntry(SkeletonPod.LEGACY_LABEL_CONTROLLER_UID, SkeletonPod.UNKNOWN_UID);
    assertThat(pod.getMetadata().getOwnerReferences().get(0).getUid())
        .isEqualTo(SkeletonPod.UNKNOWN_UID);
  }

  @Test
  void theSameJobGivesTheSamePod() {
    Job job = Serialization.readYaml(JOB, Job.class);

    assertThat(Serialization.toYaml(SkeletonPod.fromJob(job)))
        .isEqualTo(Serialization.toYaml(SkeletonPod.fromJob(job)));
    assertThat(Serialization.toYaml(job))
        .isEqualTo(Serialization.toYaml(Serialization.readYaml(JOB, Job.class)));
  }

  @Test
  void aManualSelectorGetsNoGeneratedLabels() {
    Job job =
        Serialization.readYaml(
            JOB.replace("  backoffLimit: 0\n", "  backoffLimit: 0\n  manualSelector: true\n"),
            Job.class);

    assertThat(SkeletonPod.fromJob(job).getMetadata().getLabels())
        .containsOnlyKeys("gastown.io/polecat", "gastown.io/rig");
  }

  @Test
  void noTokenWhenAutomountIsOff() {
    Job job =
        Serialization.readYaml(
            JOB.replace(
                "restartPolicy: Never\n",
                "restartPolicy: Never\n      automountServiceAccountToken: false\n"),
            Job.class);

    Pod pod = SkeletonPod.fromJob(job);

    assertThat(pod.getSpec().getVolumes()).isEmpty();
    assertThat(pod.getSpec().getContainers().get(0).getVolumeMounts()).isEmpty();
    assertThat(pod.getSpec().getServiceAccountName()).isEqualTo("default");
  }

  @Test
  void imagesWithoutATagOrTaggedLatestArePulledAlways() {
    assertThat(SkeletonPod.pullsAlways("busybox")).isTrue();
    assertThat(SkeletonPod.pullsAlways("busybox:latest")).isTrue();
    assertThat(SkeletonPod.pullsAlways("registry.example.com:5000/busybox")).isTrue();
    assertThat(SkeletonPod.pullsAlways("registry.example.com:5000/busybox:1.36")).isFalse();
    assertThat(SkeletonPod.pullsAlways("busybox@sha256:" + "0".repeat(64))).isFalse();
  }

  @Test
  void aJobWithoutATemplateNamesTheField() {
    Job job =
        Serialization.readYaml(
            "apiVersion: batch/v1\nkind: Job\nmetadata: {name: furiosa}\n", Job.class);

    assertThatThrownBy(() -> SkeletonPod.fromJob(job))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Job furiosa has no spec.template: it cannot create a Pod");
  }

  private static String masked(Pod pod) {
    return Serialization.toYaml(pod)
        .replaceAll("kube-api-access-[a-z0-9]{5}", "kube-api-access-XXXXX");
  }
}
