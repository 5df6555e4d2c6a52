package io.gastown.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The install script's training run works through every command it names, inside its directory
 * only.
 */
class TrainingCommandTest {
  @TempDir Path home;

  @TempDir Path dir;

  @Test
  void runsTheCommonCommandsWithoutFailures() {
    Cli run = Cli.run(Map.of(), home, "__cds-training", dir.toString());
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).as(run.toString()).isEmpty();
    assertThat(dir.resolve("gitops/rigs/train/polecats/furiosa.yaml")).exists();
    assertThat(home).isEmptyDirectory();
  }
}
