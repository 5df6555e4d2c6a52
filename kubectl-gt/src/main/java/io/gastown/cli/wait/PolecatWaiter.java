package io.gastown.cli.wait;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.gastown.cli.cluster.Access;
import io.gastown.cli.cluster.ClusterException;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.PolecatPods;
import io.gastown.cli.cluster.PolecatView;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Polls the cluster until a polecat reaches a goal ({@link Goal#WORKING}: its status phase is
 * Working; {@link Goal#POD_RUNNING}: its pod runs), fails, or the timeout passes. Each look is
 * judged by {@link Readiness}; progress goes to a {@link Progress}. One overall deadline (not a
 * fresh timeout per stage).
 */
public final class PolecatWaiter {
  /** What the wait waits for. */
  public enum Goal {
    WORKING,
    POD_RUNNING
  }

  private final ClusterSession session;
  private final String namespace;
  private final String name;
  private final Progress progress;
  private final Duration pollInterval;

  public PolecatWaiter(
      ClusterSession session,
      String namespace,
      String name,
      Progress progress,
      Duration pollInterval) {
    this.session = session;
    this.namespace = namespace;
    this.name = name;
    this.progress = progress;
    this.pollInterval = pollInterval;
  }

  /**
   * Waits; the verdict is REACHED, FAILED, or WAITING when the timeout passed (its message: the
   * last reason).
   */
  public Verdict await(Goal goal, Duration timeout) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    while (true) {
      Verdict verdict = look(goal);
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      if (verdict.done()) {
        progress.finish(verdict.message());
        return verdict;
      }
      progress.update(verdict.message(), elapsed);
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        progress.finish("timed out: " + verdict.message());
        return verdict;
      }
      Thread.sleep(Math.min(pollInterval.toMillis(), Math.max(1, left / 1_000_000)));
    }
  }

  Verdict look(Goal goal) {
    Polecat polecat =
        session.call(
            Access.of("get", PolecatView.INSTANCE, namespace, name),
            () ->
                session
                    .client()
                    .resources(Polecat.class)
                    .inNamespace(namespace)
                    .withName(name)
                    .get());
    Optional<Pod> pod =
        polecat == null ? Optional.empty() : PolecatPods.find(session, namespace, polecat);
    if (goal == Goal.WORKING) {
      return Readiness.working(name, polecat, pod);
    }
    Optional<String> jobProblem =
        pod.isEmpty() && polecat != null ? jobProblem(polecat) : Optional.empty();
    return Readiness.podRunning(name, polecat, pod, jobProblem);
  }

  /**
   * Why the Job made no pod: its newest FailedCreate event (e.g. the webhook denied the pod because
   * a Secret is missing), or its Failed condition.
   */
  private Optional<String> jobProblem(Polecat polecat) {
    try {
      return jobProblemOrFail(polecat);
    } catch (ClusterException e) {
      // Not allowed to read Jobs or Events: wait without the explanation rather than fail.
      if (e.reason() == ClusterException.Reason.FORBIDDEN) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Optional<String> jobProblemOrFail(Polecat polecat) {
    String jobName =
        polecat.getStatus() != null && polecat.getStatus().getJobName() != null
            ? polecat.getStatus().getJobName()
            : null;
    List<Job> jobs =
        session.call(
            Access.core("list", "jobs", namespace, null).withGroup("batch"),
            () -> session.client().batch().v1().jobs().inNamespace(namespace).list().getItems());
    Optional<Job> job =
        jobs.stream()
            .filter(
                j ->
                    j.getMetadata().getName().equals(jobName)
                        || j.getMetadata().getName().equals(name)
                        || name.equals(labels(j).get(GasTown.LABEL_POLECAT)))
            .findFirst();
    if (job.isEmpty()) {
      return Optional.of("its Job is not in the cluster yet");
    }
    Optional<String> failedCondition =
        Optional.ofNullable(job.get().getStatus())
            .map(s -> s.getConditions())
            .orElse(List.of())
            .stream()
            .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus()))
            .map(
                c ->
                    "Job "
                        + job.get().getMetadata().getName()
                        + " failed: "
                        + c.getReason()
                        + (c.getMessage() != null ? " (" + c.getMessage() + ")" : ""))
            .findFirst();
    if (failedCondition.isPresent()) {
      return failedCondition;
    }
    String jobNameFound = job.get().getMetadata().getName();
    List<Event> events =
        session.call(
            Access.core("list", "events", namespace, null),
            () ->
                session
                    .client()
                    .v1()
                    .events()
                    .inNamespace(namespace)
                    .withField("involvedObject.name", jobNameFound)
                    .list()
                    .getItems());
    return events.stream()
        .filter(e -> "FailedCreate".equals(e.getReason()))
        .max(Comparator.comparing(e -> Objects.toString(e.getLastTimestamp(), "")))
        .map(e -> "Job " + jobNameFound + " cannot create its pod: " + e.getMessage());
  }

  private static Map<String, String> labels(Job job) {
    return job.getMetadata().getLabels() == null ? Map.of() : job.getMetadata().getLabels();
  }
}
