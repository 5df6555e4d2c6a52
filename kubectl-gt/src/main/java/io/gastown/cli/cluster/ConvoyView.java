package io.gastown.cli.cluster;

import static io.gastown.cli.cluster.ResourceView.nn;

import io.gastown.model.Convoy;
import io.gastown.model.ConvoySpec;
import io.gastown.model.ConvoyStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Columns and description of a Convoy. */
public final class ConvoyView implements ResourceView<Convoy> {
  public static final ConvoyView INSTANCE = new ConvoyView();
  private static final int DESCRIPTION_WIDTH = 40;

  @Override
  public String kind() {
    return "convoy";
  }

  @Override
  public String plural() {
    return "convoys";
  }

  @Override
  public List<Column<Convoy>> columns() {
    return List.of(
        Column.of("NAME", c -> c.getMetadata().getName()),
        Column.of("PHASE", c -> status(c).map(s -> nn(s.getPhase())).orElse("")),
        Column.of("PROGRESS", c -> status(c).map(ConvoyStatus::getProgress).orElse("")),
        Column.of("RIG", c -> spec(c).map(ConvoySpec::getRigRef).orElse("")),
        Column.of("DESCRIPTION", c -> spec(c).map(s -> shorten(s.getDescription())).orElse("")),
        Column.wide(
            "BEADS",
            c -> spec(c).map(s -> String.join(",", nullSafe(s.getTrackedBeads()))).orElse("")),
        Column.timed(
            "AGE", (c, now) -> ResourceView.age(c.getMetadata().getCreationTimestamp(), now)));
  }

  @Override
  public String describe(Convoy c, Instant now) {
    ConvoySpec spec = spec(c).orElseGet(ConvoySpec::new);
    ConvoyStatus status = status(c).orElseGet(ConvoyStatus::new);
    return new Description()
        .field("Name", c.getMetadata().getName())
        .field("Namespace", c.getMetadata().getNamespace())
        .field("Description", spec.getDescription())
        .field("Rig", spec.getRigRef())
        .field(
            "Parallelism",
            spec.getParallelism() == null || spec.getParallelism() == 0
                ? null
                : spec.getParallelism())
        .field("Phase", status.getPhase() == null ? "<none> (no status yet)" : status.getPhase())
        .field("Progress", progress(spec, status))
        .field("Started", ResourceView.when(status.getStartedAt(), now))
        .field("Completed", ResourceView.when(status.getCompletedAt(), now))
        .field("Created", ResourceView.when(c.getMetadata().getCreationTimestamp(), now))
        .section("Beads", beads(spec, status))
        .render();
  }

  /** {@code 2/3 (66%)}, counting the tracked beads that are completed. */
  static String progress(ConvoySpec spec, ConvoyStatus status) {
    int total = nullSafe(spec.getTrackedBeads()).size();
    if (total == 0 || status.getPhase() == null) {
      return status.getProgress();
    }
    Set<String> done = Set.copyOf(nullSafe(status.getCompletedBeads()));
    long completed = nullSafe(spec.getTrackedBeads()).stream().filter(done::contains).count();
    return completed + "/" + total + " (" + completed * 100 / total + "%)";
  }

  /** One line per tracked bead: ✓ completed, ✗ failed, ○ pending or not started. */
  static String beads(ConvoySpec spec, ConvoyStatus status) {
    Set<String> done = Set.copyOf(nullSafe(status.getCompletedBeads()));
    Set<String> failed = Set.copyOf(nullSafe(status.getFailedBeads()));
    StringBuilder out = new StringBuilder();
    for (String bead : nullSafe(spec.getTrackedBeads())) {
      String mark = done.contains(bead) ? "✓ " : failed.contains(bead) ? "✗ " : "○ ";
      String state =
          done.contains(bead) ? "completed" : failed.contains(bead) ? "failed" : "pending";
      out.append(mark).append(bead).append("  ").append(state).append('\n');
    }
    return out.toString();
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().replace('\n', ' ');
    return line.length() <= DESCRIPTION_WIDTH
        ? line
        : line.substring(0, DESCRIPTION_WIDTH - 3) + "...";
  }

  private static List<String> nullSafe(List<String> list) {
    return list == null ? List.of() : list;
  }

  static Optional<ConvoySpec> spec(Convoy c) {
    return Optional.ofNullable(c.getSpec());
  }

  static Optional<ConvoyStatus> status(Convoy c) {
    return Optional.ofNullable(c.getStatus());
  }
}
