package io.gastown.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DevSyncCommandTest {
  @Test
  void aSyncIsOneLineWithWavesAndWhatWasPruned() {
    assertThat(DevSyncCommand.describe(new RigSync.Result("shop", "0123456789abcdef", List.of(
        new ResourceKey("", "Namespace", "", "gt-shop")), List.of(), List.of(-1))))
        .isEqualTo("Synced rig shop to 0123456: 1 applied (wave -1), 0 pruned.");
    assertThat(DevSyncCommand.describe(new RigSync.Result("shop", "0123456789abcdef", List.of(), List.of(
        new ResourceKey("batch", "Job", "gt-shop", "polecat-nux"),
        new ResourceKey("gastown.gastown.io", "Polecat", "gt-shop", "nux")), List.of(0, 1))))
        .isEqualTo("Synced rig shop to 0123456: 0 applied (waves 0, 1), 2 pruned (Job gt-shop/polecat-nux, "
            + "Polecat gt-shop/nux).");
  }

  @Test
  void aFailedSyncIsRetriedLikeTheRigApplicationsThenLeftUntilTheNextCommit() {
    assertThat(IntStream.rangeClosed(1, 11).mapToObj(DevSyncCommand::retryAfter).toList()).containsExactly(
        Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40), Duration.ofSeconds(80),
        Duration.ofSeconds(160), Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5),
        Duration.ofMinutes(5), Duration.ofMinutes(5), null);
  }
}
