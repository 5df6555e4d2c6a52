package io.gastown.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobTemplateSpec;
import io.gastown.model.GasTown;
import io.gastown.model.PodContract;
import io.gastown.model.Refinery;
import io.gastown.model.RefinerySpec;
import io.gastown.model.Rig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code rigs/<rig>/refinery.yaml}: the rig's Refinery (named after the rig, in its namespace) and
 * the CronJob that starts its merge runs. Like a polecat's Job, the CronJob's pod template is a
 * skeleton (labels, one placeholder container): the webhook expands each run's Pod from the
 * Refinery, its Rig and the rig's Done polecats at the moment the run starts.
 */
public final class RefineryManifests {
  private RefineryManifests() {}

  /** A Refinery of the rig with the given settings. */
  public static Refinery create(Rig rig, RefinerySpec spec) {
    spec.setRigRef(rig.getMetadata().getName());
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(rig.getMetadata().getName());
    metadata.setNamespace(RigManifests.namespaceOf(rig));
    Refinery refinery = new Refinery();
    refinery.setMetadata(metadata);
    refinery.setSpec(spec);
    return refinery;
  }

  /**
   * The file. The Refinery must have its name, namespace and {@code spec.rigRef} set.
   *
   * @param image of the placeholder container (the webhook replaces the container)
   */
  public static RenderedFile render(Refinery source, String image) {
    Refinery refinery = new Refinery();
    refinery.setMetadata(
        Manifests.metadata(
            source.getMetadata().getName(),
            source.getMetadata().getNamespace(),
            labels(source),
            SyncWave.REFINERY));
    refinery.setSpec(source.getSpec());
    return RenderedFile.of(
        GitOpsLayout.refineryFile(source.getSpec().getRigRef()),
        Manifests.toYaml(List.of(refinery, cronJob(source, image))));
  }

  public static Map<String, String> labels(Refinery refinery) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(GasTown.LABEL_REFINERY, refinery.getMetadata().getName());
    labels.put(GasTown.LABEL_RIG, refinery.getSpec().getRigRef());
    return labels;
  }

  /**
   * The CronJob of the Refinery's merge runs: on its schedule (else {@value
   * RefinerySpec#DEFAULT_SCHEDULE}), one run at a time, one try per run (the next run picks up what
   * one left), and no TTL: the Jobs it makes are its children, which Argo CD does not prune, and
   * the CronJob keeps the last few for the status reporter.
   */
  public static CronJob cronJob(Refinery refinery, String image) {
    Map<String, String> labels = labels(refinery);
    CronJob cronJob = new CronJob();
    cronJob.setApiVersion("batch/v1");
    cronJob.setKind("CronJob");
    cronJob.setMetadata(
        Manifests.metadata(
            PodContract.refineryCronJobName(refinery.getMetadata().getName()),
            refinery.getMetadata().getNamespace(),
            labels,
            SyncWave.CRON_JOB));
    PodTemplateSpec template =
        Manifests.skeletonPod(labels, PodContract.REFINERY_MERGE_CONTAINER, image);
    JobSpec jobSpec = new JobSpec();
    jobSpec.setBackoffLimit(0);
    jobSpec.setTemplate(template);
    JobTemplateSpec jobTemplate = new JobTemplateSpec();
    ObjectMeta jobMetadata = new ObjectMeta();
    jobMetadata.setLabels(new TreeMap<>(labels));
    jobTemplate.setMetadata(jobMetadata);
    jobTemplate.setSpec(jobSpec);
    CronJobSpec spec = new CronJobSpec();
    String schedule = refinery.getSpec().getSchedule();
    spec.setSchedule(schedule != null ? schedule : RefinerySpec.DEFAULT_SCHEDULE);
    spec.setConcurrencyPolicy("Forbid");
    spec.setJobTemplate(jobTemplate);
    cronJob.setSpec(spec);
    return cronJob;
  }

  /**
   * The Job of a run started by hand, as {@code kubectl create job NAME
   * --from=cronjob/refinery-<rig>} makes it: the CronJob's job template under another name, marked
   * as started by hand.
   */
  public static Job manualRun(CronJob cronJob, String name) {
    JobTemplateSpec template = cronJob.getSpec().getJobTemplate();
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(name);
    metadata.setNamespace(cronJob.getMetadata().getNamespace());
    metadata.setLabels(template.getMetadata() != null ? template.getMetadata().getLabels() : null);
    metadata.setAnnotations(Map.of("cronjob.kubernetes.io/instantiate", "manual"));
    Job job = new Job();
    job.setApiVersion("batch/v1");
    job.setKind("Job");
    job.setMetadata(metadata);
    job.setSpec(template.getSpec());
    return job;
  }
}
