package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import io.gastown.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubectl gt refinery create|delete}: one commit each, the file the renderer writes. */
class RefineryCommandsTest {
  @TempDir Path directory;
  GitOpsFixture fixture;

  @BeforeEach
  void shop() {
    fixture = new GitOpsFixture(directory).withShop();
  }

  @Test
  void createWritesTheRefineryAndItsCronJobInOneCommit() throws Exception {
    Cli result =
        fixture.ok(
            "refinery", "create", "shop", "--test-command", "mvn -B verify", "--max-batch", "5");

    assertThat(result.out())
        .startsWith(
            "Refinery of rig shop written: merges into main on schedule */10 * * * * (CronJob"
                + " refinery-shop).");
    assertThat(Files.readString(fixture.repo.resolve("rigs/shop/refinery.yaml")))
        .isEqualTo(
            Files.readString(
                Golden.root().resolve("generator/src/test/golden/render/rigs/shop/refinery.yaml")));
    assertThat(Files.readString(fixture.repo.resolve("rigs/shop/kustomization.yaml")))
        .contains("- refinery.yaml");
    assertThat(lastCommit().getFullMessage().strip()).isEqualTo("refinery create shop");
    assertThat(fixture.clean()).isTrue();

    Cli again = fixture.gt("refinery", "create", "shop");
    assertThat(again.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(again.err())
        .isEqualTo(
            "error: rig shop already has a refinery (rigs/shop/refinery.yaml): change its settings in"
                + " that file, or kubectl gt refinery delete shop first\n");
  }

  @Test
  void deleteRemovesItInOneCommit() throws Exception {
    fixture.ok("refinery", "create", "shop");

    fixture.ok("refinery", "delete", "shop");

    assertThat(fixture.repo.resolve("rigs/shop/refinery.yaml")).doesNotExist();
    assertThat(Files.readString(fixture.repo.resolve("rigs/shop/kustomization.yaml")))
        .doesNotContain("refinery.yaml");
    assertThat(lastCommit().getFullMessage().strip()).isEqualTo("refinery delete shop");
  }

  private RevCommit lastCommit() throws Exception {
    try (Git git = Git.open(fixture.repo.toFile())) {
      return git.log().setMaxCount(1).call().iterator().next();
    }
  }
}
