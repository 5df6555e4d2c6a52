package io.gastown.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.dev.SyncPlan.Action;
import io.gastown.cli.dev.SyncPlan.SyncTask;
import java.util.List;
import org.junit.jupiter.api.Test;

class RigSyncTest {
  @Test
  void aWaveRunsItsPrunesFirstThenItsAppliesInRunsOfOneKind() {
    List<SyncTask> wave = List.of(apply("ConfigMap", "a"), apply("Polecat", "furiosa"), prune("Job", "polecat-nux"),
        apply("Polecat", "max"), apply("Witness", "shop"), prune("Polecat", "nux"));

    assertThat(RigSync.groups(wave)).extracting(group -> group.stream().map(SyncTask::toString).toList())
        .containsExactly(
            List.of("prune Job gt-shop/polecat-nux", "prune Polecat gt-shop/nux"),
            List.of("apply ConfigMap gt-shop/a"),
            List.of("apply Polecat gt-shop/furiosa", "apply Polecat gt-shop/max"),
            List.of("apply Witness gt-shop/shop"));
  }

  private static SyncTask apply(String kind, String name) {
    return new SyncTask(Action.APPLY, new ResourceKey("", kind, "gt-shop", name), "v1", 0, null);
  }

  private static SyncTask prune(String kind, String name) {
    return new SyncTask(Action.PRUNE, new ResourceKey("", kind, "gt-shop", name), "v1", 0, null);
  }
}
