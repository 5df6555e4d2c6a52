package io.gastown.expand;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gastown.model.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Pod that the Job controller creates from a Job, as the mutating webhook receives it: the
 * Job's pod template with the labels the apiserver adds to a Job's template ({@code
 * batch.kubernetes.io/controller-uid}, {@code batch.kubernetes.io/job-name} and their legacy
 * forms), the Job controller's owner reference, generate name and tracking finalizer, the
 * apiserver's Pod defaults, and what the admission plugins before the webhook add (ServiceAccount:
 * the service account and its token volume; Priority; DefaultTolerationSeconds). Pure: the offline
 * preview ({@code kubectl gt polecat preview}) builds the webhook's input from the Job in git with
 * it.
 *
 * <p>What cannot be known offline: the Job's uid (its {@code metadata.uid} when set, else {@link
 * #UNKNOWN_UID}), the random suffix of the token volume (derived from the Job here), and whether
 * the namespace's service account turns off token automounting (assumed not). The expansion
 * replaces the containers and volumes, so of these only the uid reaches an expanded Pod.
 */
public final class SkeletonPod {
  /** Stands for the uid the apiserver gives the Job when it is created. */
  public static final String UNKNOWN_UID = "00000000-0000-0000-0000-000000000000";

  public static final String LABEL_CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
  public static final String LABEL_JOB_NAME = "batch.kubernetes.io/job-name";
  public static final String LEGACY_LABEL_CONTROLLER_UID = "controller-uid";
  public static final String LEGACY_LABEL_JOB_NAME = "job-name";
  public static final String TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
  static final String TOKEN_VOLUME_PREFIX = "kube-api-access-";
  static final String TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  /**
   * The characters of the apiserver's random suffixes ({@code k8s.io/apimachinery/pkg/util/rand}).
   */
  private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private SkeletonPod() {}

  /**
   * @param job a Job as written to git (or read from the cluster); needs a name and a pod template
   * @throws IllegalArgumentException naming the missing field when the Job cannot make a Pod
   */
  public static Pod fromJob(Job job) {
    if (job.getMetadata() == null || blank(job.getMetadata().getName())) {
      throw new IllegalArgumentException("the Job has no metadata.name");
    }
    String name = job.getMetadata().getName();
    if (job.getSpec() == null || job.getSpec().getTemplate() == null) {
      throw new IllegalArgumentException(
          "Job " + name + " has no spec.template: it cannot create a Pod");
    }
    String uid = blank(job.getMetadata().getUid()) ? UNKNOWN_UID : job.getMetadata().getUid();
    PodTemplateSpec template =
        Serialization.jsonMapper().convertValue(job.getSpec().getTemplate(), PodTemplateSpec.class);
    ObjectMeta templateMeta =
        template.getMetadata() != null ? template.getMetadata() : new ObjectMeta();

    Map<String, String> labels =
        new TreeMap<>(templateMeta.getLabels() != null ? templateMeta.getLabels() : Map.of());
    if (!Boolean.TRUE.equals(job.getSpec().getManualSelector())) {
      // The apiserver's Job defaulting (generateSelector): added unless the template sets them.
      labels.putIfAbsent(LEGACY_LABEL_JOB_NAME, name);
      labels.putIfAbsent(LABEL_JOB_NAME, name);
      labels.putIfAbsent(LEGACY_LABEL_CONTROLLER_UID, uid);
      labels.putIfAbsent(LABEL_CONTROLLER_UID, uid);
    }
    ObjectMeta metadata = new ObjectMeta();
    metadata.setGenerateName(name + "-");
    metadata.setNamespace(job.getMetadata().getNamespace());
    metadata.setLabels(labels);
    if (templateMeta.getAnnotations() != null && !templateMeta.getAnnotations().isEmpty()) {
      metadata.setAnnotations(new TreeMap<>(templateMeta.getAnnotations()));
    }
    List<String> finalizers =
        new ArrayList<>(
            templateMeta.getFinalizers() != null ? templateMeta.getFinalizers() : List.of());
    if (!finalizers.contains(TRACKING_FINALIZER)) {
      finalizers.add(TRACKING_FINALIZER);
    }
    metadata.setFinalizers(finalizers);
    OwnerReference owner =
        new OwnerReferenceBuilder()
            .withApiVersion("batch/v1")
            .withKind("Job")
            .withName(name)
            .withUid(uid)
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build();
    metadata.setOwnerReferences(List.of(owner));

    Pod pod = new Pod();
    pod.setApiVersion("v1");
    pod.setKind("Pod");
    pod.setMetadata(metadata);
    PodSpec spec = template.getSpec() != null ? template.getSpec() : new PodSpec();
    defaults(spec);
    serviceAccount(spec, tokenSuffix(job.getMetadata().getNamespace() + "/" + name + "/" + uid));
    priority(spec);
    defaultTolerations(spec);
    pod.setSpec(spec);
    return pod;
  }

  /** The apiserver's defaulting of a PodSpec (SetDefaults_PodSpec, _Container, _ContainerPort). */
  private static void defaults(PodSpec spec) {
    if (blank(spec.getDnsPolicy())) {
      spec.setDnsPolicy("ClusterFirst");
    }
    if (blank(spec.getRestartPolicy())) {
      spec.setRestartPolicy("Always");
    }
    if (blank(spec.getSchedulerName())) {
      spec.setSchedulerName("default-scheduler");
    }
    if (spec.getSecurityContext() == null) {
      spec.setSecurityContext(new PodSecurityContext());
    }
    if (spec.getTerminationGracePeriodSeconds() == null) {
      spec.setTerminationGracePeriodSeconds(30L);
    }
    if (spec.getEnableServiceLinks() == null) {
      spec.setEnableServiceLinks(true);
    }
    for (Container container : containers(spec)) {
      if (blank(container.getImagePullPolicy())) {
        container.setImagePullPolicy(pullsAlways(container.getImage()) ? "Always" : "IfNotPresent");
      }
      if (blank(container.getTerminationMessagePath())) {
        container.setTerminationMessagePath("/dev/termination-log");
      }
      if (blank(container.getTerminationMessagePolicy())) {
        container.setTerminationMessagePolicy("File");
      }
      if (container.getResources() == null) {
        container.setResources(new ResourceRequirements());
      }
      if (container.getPorts() != null) {
        for (ContainerPort port : container.getPorts()) {
          if (blank(port.getProtocol())) {
            port.setProtocol("TCP");
          }
        }
      }
    }
  }

  /** An image without a tag or digest, or tagged latest, is pulled always. */
  static boolean pullsAlways(String image) {
    if (image == null || image.contains("@")) {
      return false;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon <= slash || image.substring(colon + 1).equals("latest");
  }

  /**
   * The ServiceAccount admission plugin: the default service account and its projected token
   * volume.
   */
  private static void serviceAccount(PodSpec spec, String suffix) {
    if (blank(spec.getServiceAccountName())) {
      spec.setServiceAccountName(
          blank(spec.getServiceAccount()) ? "default" : spec.getServiceAccount());
    }
    spec.setServiceAccount(spec.getServiceAccountName());
    if (Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
      return;
    }
    // Per container: one that mounts something at the token path itself gets no token mount.
    String volumeName = TOKEN_VOLUME_PREFIX + suffix;
    boolean mounted = false;
    for (Container container : containers(spec)) {
      List<VolumeMount> mounts =
          new ArrayList<>(
              container.getVolumeMounts() != null ? container.getVolumeMounts() : List.of());
      if (mounts.stream().noneMatch(m -> TOKEN_MOUNT_PATH.equals(m.getMountPath()))) {
        mounts.add(
            new VolumeMountBuilder()
                .withName(volumeName)
                .withMountPath(TOKEN_MOUNT_PATH)
                .withReadOnly(true)
                .build());
        container.setVolumeMounts(mounts);
        mounted = true;
      }
    }
    if (!mounted) {
      return;
    }
    List<Volume> volumes =
        new ArrayList<>(spec.getVolumes() != null ? spec.getVolumes() : List.of());
    volumes.add(
        new VolumeBuilder()
            .withName(volumeName)
            .withNewProjected()
            .withDefaultMode(420)
            .addNewSource()
            .withNewServiceAccountToken()
            .withExpirationSeconds(3607L)
            .withPath("token")
            .endServiceAccountToken()
            .endSource()
            .addNewSource()
            .withNewConfigMap()
            .withName("kube-root-ca.crt")
            .addNewItem()
            .withKey("ca.crt")
            .withPath("ca.crt")
            .endItem()
            .endConfigMap()
            .endSource()
            .addNewSource()
            .withNewDownwardAPI()
            .addNewItem()
            .withPath("namespace")
            .withNewFieldRef()
            .withApiVersion("v1")
            .withFieldPath("metadata.namespace")
            .endFieldRef()
            .endItem()
            .endDownwardAPI()
            .endSource()
            .endProjected()
            .build());
    spec.setVolumes(volumes);
  }

  /**
   * The Priority admission plugin, for a Pod without a priority class (no global default class
   * assumed).
   */
  private static void priority(PodSpec spec) {
    if (blank(spec.getPriorityClassName()) && spec.getPriority() == null) {
      spec.setPriority(0);
    }
    if (blank(spec.getPreemptionPolicy())) {
      spec.setPreemptionPolicy("PreemptLowerPriority");
    }
  }

  /** The DefaultTolerationSeconds admission plugin: 300 s for not-ready and unreachable nodes. */
  private static void defaultTolerations(PodSpec spec) {
    List<Toleration> tolerations =
        new ArrayList<>(spec.getTolerations() != null ? spec.getTolerations() : List.of());
    for (String key : List.of("node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable")) {
      boolean tolerated =
          tolerations.stream()
              .anyMatch(
                  t ->
                      (t.getKey() == null || t.getKey().isEmpty() || key.equals(t.getKey()))
                          && (t.getEffect() == null
                              || t.getEffect().isEmpty()
                              || "NoExecute".equals(t.getEffect())));
      if (!tolerated) {
        tolerations.add(
            new TolerationBuilder()
                .withKey(key)
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(300L)
                .build());
      }
    }
    spec.setTolerations(tolerations);
  }

  private static List<Container> containers(PodSpec spec) {
    List<Container> all = new ArrayList<>();
    if (spec.getInitContainers() != null) {
      all.addAll(spec.getInitContainers());
    }
    if (spec.getContainers() != null) {
      all.addAll(spec.getContainers());
    }
    return all;
  }

  /**
   * Five characters of the apiserver's suffix alphabet, derived from the Job so that the preview is
   * stable.
   */
  static String tokenSuffix(String seed) {
    long hash = 1125899906842597L;
    for (int i = 0; i < seed.length(); i++) {
      hash = 31 * hash + seed.charAt(i);
    }
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(
          SUFFIX_ALPHABET.charAt((int) Math.floorMod(hash, (long) SUFFIX_ALPHABET.length())));
      hash = Math.floorDiv(hash, SUFFIX_ALPHABET.length()) ^ (hash << 7);
    }
    return suffix.toString();
  }

  private static boolean blank(String text) {
    return text == null || text.isEmpty();
  }
}
