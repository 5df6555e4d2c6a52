package io.gastown.cli.cluster;

import static io.gastown.cli.cluster.ResourceView.nn;

import io.gastown.model.Rig;
import io.gastown.model.RigSettings;
import io.gastown.model.RigSpec;
import io.gastown.model.RigStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Columns and description of a Rig. */
public final class RigView implements ResourceView<Rig> {
  public static final RigView INSTANCE = new RigView();

  @Override
  public String kind() {
    return "rig";
  }

  @Override
  public String plural() {
    return "rigs";
  }

  @Override
  public boolean namespaced() {
    return false;
  }

  @Override
  public List<Column<Rig>> columns() {
    return List.of(
        Column.of("NAME", r -> r.getMetadata().getName()),
        Column.of("PREFIX", r -> spec(r).map(RigSpec::getBeadsPrefix).orElse("")),
        Column.of("PHASE", r -> status(r).map(s -> nn(s.getPhase())).orElse("")),
        Column.of("POLECATS", r -> status(r).map(s -> nn(s.getPolecatCount())).orElse("")),
        Column.of("CONVOYS", r -> status(r).map(s -> nn(s.getActiveConvoys())).orElse("")),
        Column.wide("NAMESPACE", RigNamespaces::of),
        Column.wide("THEME", r -> settings(r).map(s -> nn(s.getNamepoolTheme())).orElse("")),
        Column.wide("GIT-URL", r -> spec(r).map(RigSpec::getGitURL).orElse("")),
        Column.timed(
            "AGE", (r, now) -> ResourceView.age(r.getMetadata().getCreationTimestamp(), now)));
  }

  @Override
  public String describe(Rig r, Instant now) {
    RigSpec spec = spec(r).orElseGet(RigSpec::new);
    RigSettings settings = settings(r).orElseGet(RigSettings::new);
    RigStatus status = status(r).orElseGet(RigStatus::new);
    return new Description()
        .field("Name", r.getMetadata().getName())
        .field("Git URL", spec.getGitURL())
        .field("Beads prefix", spec.getBeadsPrefix())
        .field("Namespace", RigNamespaces.of(r))
        .field("Theme", settings.getNamepoolTheme())
        .field("Max polecats", settings.getMaxPolecats())
        .field("Agent", settings.getAgent())
        .field("Branch", settings.getGitBranch())
        .field("Phase", status.getPhase() == null ? "<none> (no status yet)" : status.getPhase())
        .field("Polecats", polecats(status))
        .field("Active convoys", status.getActiveConvoys())
        .field("Created", ResourceView.when(r.getMetadata().getCreationTimestamp(), now))
        .section("Conditions", ResourceView.conditions(status.getConditions(), now))
        .render();
  }

  /** {@code 3 (Done 1, Working 2)}: the count and, sorted by phase, how many are in each. */
  private static String polecats(RigStatus status) {
    if (status.getPolecatCount() == null) {
      return null;
    }
    Map<String, Integer> byPhase =
        new TreeMap<>(Optional.ofNullable(status.getPolecatsByPhase()).orElse(Map.of()));
    byPhase.values().removeIf(count -> count == null || count == 0);
    if (byPhase.isEmpty()) {
      return status.getPolecatCount().toString();
    }
    return status.getPolecatCount()
        + " ("
        + byPhase.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "))
        + ")";
  }

  static Optional<RigSpec> spec(Rig r) {
    return Optional.ofNullable(r.getSpec());
  }

  static Optional<RigSettings> settings(Rig r) {
    return spec(r).map(RigSpec::getSettings);
  }

  static Optional<RigStatus> status(Rig r) {
    return Optional.ofNullable(r.getStatus());
  }
}
