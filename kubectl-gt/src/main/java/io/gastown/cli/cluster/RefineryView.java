package io.gastown.cli.cluster;

import static io.gastown.cli.cluster.ResourceView.nn;

import io.gastown.model.Refinery;
import io.gastown.model.RefineryFailure;
import io.gastown.model.RefineryRun;
import io.gastown.model.RefinerySpec;
import io.gastown.model.RefineryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Columns and description of a Refinery. */
public final class RefineryView implements ResourceView<Refinery> {
  public static final RefineryView INSTANCE = new RefineryView();

  @Override
  public String kind() {
    return "refinery";
  }

  @Override
  public String plural() {
    return "refineries";
  }

  @Override
  public List<Column<Refinery>> columns() {
    return List.of(
        Column.of("NAME", r -> r.getMetadata().getName()),
        Column.of("RIG", r -> spec(r).map(RefinerySpec::getRigRef).orElse("")),
        Column.of("PHASE", r -> status(r).map(s -> nn(s.getPhase())).orElse("")),
        Column.of("QUEUE", r -> status(r).map(s -> nn(s.getQueueLength())).orElse("")),
        Column.of("LAST-MERGED", r -> status(r).map(s -> nn(s.getLastMergedBranch())).orElse("")),
        Column.timed(
            "AGE", (r, now) -> ResourceView.age(r.getMetadata().getCreationTimestamp(), now)));
  }

  @Override
  public String describe(Refinery r, Instant now) {
    RefinerySpec spec = spec(r).orElseGet(RefinerySpec::new);
    RefineryStatus status = status(r).orElseGet(RefineryStatus::new);
    RefineryRun run = status.getLastRun();
    return new Description()
        .field("Name", r.getMetadata().getName())
        .field("Namespace", r.getMetadata().getNamespace())
        .field("Rig", spec.getRigRef())
        .field("Target branch", spec.getTargetBranch() != null ? spec.getTargetBranch() : "main")
        .field("Test command", spec.getTestCommand() != null ? spec.getTestCommand() : "<none>")
        .field("Merge method", spec.getMergeMethod() != null ? spec.getMergeMethod().value() : null)
        .field("Max batch", spec.getMaxBatch())
        .field("Schedule", spec.getSchedule())
        .field("Phase", status.getPhase() == null ? "<none> (no status yet)" : status.getPhase())
        .field("Queue", status.getQueueLength())
        .field("Merging", status.getCurrentMerge())
        .field(
            "Last merged",
            status.getLastMergedBranch() == null
                ? null
                : status.getLastMergedBranch() + " at " + status.getLastMergedCommit())
        .field("Last merge", ResourceView.when(status.getLastMergeTime(), now))
        .field("Last run", run == null ? null : run(run, now))
        .section("Failures", failures(status.getFailures()))
        .section("Conditions", ResourceView.conditions(status.getConditions(), now))
        .render();
  }

  private static String run(RefineryRun run, Instant now) {
    StringBuilder text =
        new StringBuilder(nn(run.getPodName())).append(' ').append(nn(run.getPhase()));
    if (run.getMerged() != null) {
      text.append(", merged ").append(run.getMerged()).append(" of ").append(nn(run.getQueued()));
    }
    if (run.getCompletedAt() != null) {
      text.append(", ").append(ResourceView.when(run.getCompletedAt(), now));
    }
    if (run.getMessage() != null) {
      text.append(": ").append(run.getMessage());
    }
    return text.toString();
  }

  private static String failures(List<RefineryFailure> failures) {
    if (failures == null || failures.isEmpty()) {
      return "";
    }
    Table table = new Table(List.of("BRANCH", "POLECAT", "REASON"));
    failures.forEach(
        f -> table.row(List.of(nn(f.getBranch()), nn(f.getPolecat()), nn(f.getReason()))));
    return table.render(true);
  }

  static Optional<RefinerySpec> spec(Refinery r) {
    return Optional.ofNullable(r.getSpec());
  }

  static Optional<RefineryStatus> status(Refinery r) {
    return Optional.ofNullable(r.getStatus());
  }
}
