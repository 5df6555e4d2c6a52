package io.gastown.cli.cluster;

import static io.gastown.cli.cluster.ResourceView.nn;

import io.gastown.model.KubernetesSpec;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import io.gastown.model.PolecatStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Columns and description of a Polecat. */
public final class PolecatView implements ResourceView<Polecat> {
  public static final PolecatView INSTANCE = new PolecatView();

  @Override
  public String kind() {
    return "polecat";
  }

  @Override
  public String plural() {
    return "polecats";
  }

  @Override
  public List<Column<Polecat>> columns() {
    return List.of(
        Column.of("NAME", p -> p.getMetadata().getName()),
        Column.of("RIG", p -> spec(p).map(PolecatSpec::getRig).orElse("")),
        Column.of("BEAD", p -> spec(p).map(PolecatSpec::getBeadID).orElse("")),
        Column.of("PHASE", p -> status(p).map(s -> nn(s.getPhase())).orElse("")),
        Column.wide("AGENT", p -> spec(p).map(s -> nn(s.getAgent())).orElse("")),
        Column.wide("POD", p -> status(p).map(PolecatStatus::getPodName).orElse("")),
        Column.wide("BRANCH", p -> branch(p)),
        Column.wide("MESSAGE", p -> status(p).map(PolecatStatus::getMessage).orElse("")),
        Column.timed(
            "AGE", (p, now) -> ResourceView.age(p.getMetadata().getCreationTimestamp(), now)));
  }

  @Override
  public String describe(Polecat p, Instant now) {
    PolecatSpec spec = spec(p).orElseGet(PolecatSpec::new);
    PolecatStatus status = status(p).orElseGet(PolecatStatus::new);
    KubernetesSpec kubernetes =
        Optional.ofNullable(spec.getKubernetes()).orElseGet(KubernetesSpec::new);
    return new Description()
        .field("Name", p.getMetadata().getName())
        .field("Namespace", p.getMetadata().getNamespace())
        .field("Rig", spec.getRig())
        .field("Bead", spec.getBeadID())
        .field("Task", spec.getTaskDescription())
        .field("Agent", spec.getAgent())
        .field("Desired state", spec.getDesiredState())
        .field("Repository", kubernetes.getGitRepository())
        .field("Branch", branch(p))
        .field("Phase", status.getPhase() == null ? "<none> (no status yet)" : status.getPhase())
        .field("Message", status.getMessage())
        .field("Job", status.getJobName())
        .field("Pod", status.getPodName())
        .field("Started", ResourceView.when(status.getStartedAt(), now))
        .field("Last activity", ResourceView.when(status.getLastActivity(), now))
        .field("Completed", ResourceView.when(status.getCompletedAt(), now))
        .field("Created", ResourceView.when(p.getMetadata().getCreationTimestamp(), now))
        .section("Conditions", ResourceView.conditions(status.getConditions(), now))
        .render();
  }

  /** The branch the agent pushes: the observed one, else the declared work branch. */
  static String branch(Polecat p) {
    String observed = status(p).map(PolecatStatus::getBranch).orElse(null);
    if (observed != null) {
      return observed;
    }
    return spec(p).map(PolecatSpec::getKubernetes).map(KubernetesSpec::getWorkBranch).orElse("");
  }

  static Optional<PolecatSpec> spec(Polecat p) {
    return Optional.ofNullable(p.getSpec());
  }

  static Optional<PolecatStatus> status(Polecat p) {
    return Optional.ofNullable(p.getStatus());
  }
}
