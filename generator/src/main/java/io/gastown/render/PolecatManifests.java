package io.gastown.render;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.gastown.model.GasTown;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code rigs/<rig>/polecats/<name>.yaml}: the Polecat and the skeleton Job that runs it. The Job's
 * pod template holds one placeholder container; the webhook expands the Pod from the Polecat
 * (DESIGN.md section 5), so platform policy never has to be rewritten into git.
 */
public final class PolecatManifests {
  public static final String AGENT_IMAGE_REPOSITORY = "ghcr.io/gastown/polecat-agent";

  private PolecatManifests() {}

  public static String agentImage(String version) {
    return AGENT_IMAGE_REPOSITORY + ":" + version;
  }

  /**
   * The polecat's file. The Polecat must have its name, namespace and spec (rig, beadID) set; its
   * labels are derived here.
   *
   * @param agentImage image of the placeholder container (the webhook replaces the container)
   */
  public static RenderedFile render(Polecat source, String agentImage) {
    return render(source, documents(source, agentImage));
  }

  /**
   * The polecat's file from its {@link #documents}, for callers that validate the documents first.
   */
  public static RenderedFile render(Polecat source, List<JsonNode> documents) {
    return RenderedFile.of(
        GitOpsLayout.polecatFile(source.getSpec().getRig(), source.getMetadata().getName()),
        Manifests.toYaml(documents));
  }

  /** The Polecat (labelled, with its sync wave) and its Job, as trees. */
  public static List<JsonNode> documents(Polecat source, String agentImage) {
    Polecat polecat = polecat(source);
    return List.of(Manifests.toTree(polecat), Manifests.toTree(job(polecat, agentImage)));
  }

  /** The labels every object of a polecat carries: polecat, rig and bead. */
  public static Map<String, String> labels(Polecat polecat) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(GasTown.LABEL_POLECAT, polecat.getMetadata().getName());
    labels.put(GasTown.LABEL_RIG, polecat.getSpec().getRig());
    if (polecat.getSpec().getBeadID() != null) {
      labels.put(GasTown.LABEL_BEAD, polecat.getSpec().getBeadID());
    }
    return labels;
  }

  static Polecat polecat(Polecat source) {
    Polecat polecat = new Polecat();
    polecat.setMetadata(
        Manifests.metadata(
            source.getMetadata().getName(),
            source.getMetadata().getNamespace(),
            labels(source),
            SyncWave.POLECAT));
    polecat.setSpec(source.getSpec());
    return polecat;
  }

  /**
   * The skeleton Job of a polecat: named by {@link PodContract#jobName}, in the Polecat's
   * namespace, labelled and in the sync wave as {@code kubectl gt sling} writes it; also what the
   * Argo CD plugin adds for a Polecat written by hand.
   */
  public static Job job(Polecat polecat, String agentImage) {
    Map<String, String> labels = labels(polecat);
    String name = polecat.getMetadata().getName();
    Job job = new Job();
    job.setApiVersion("batch/v1");
    job.setKind("Job");
    job.setMetadata(
        Manifests.metadata(
            PodContract.jobName(name), polecat.getMetadata().getNamespace(), labels, SyncWave.JOB));
    JobSpec spec = new JobSpec();
    // One try: a failed agent run is a Failed polecat, retried by a new sling, not by the Job
    // controller.
    spec.setBackoffLimit(0);
    // No ttlSecondsAfterFinished: a Job that deletes itself is re-created by Argo CD self-heal.
    PodTemplateSpec template =
        Manifests.skeletonPod(labels, PodContract.PLACEHOLDER_CONTAINER, agentImage);
    spec.setTemplate(template);
    job.setSpec(spec);
    return job;
  }
}
