package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every command that writes the repository takes --dry-run: it prints what it would write and
 * commits nothing.
 */
class DryRunTest {
  @TempDir Path directory;
  GitOpsFixture fixture;

  @BeforeEach
  void shop() {
    fixture = new GitOpsFixture(directory).withShop();
    fixture.ok("sling", "sh-1", "shop", "--name", "furiosa");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "rig create web --git-url https://github.com/acme/web --prefix web|# rigs/web/rig.yaml|Rig web created",
        "sling sh-2 shop|kind: Polecat|slung to rig shop for bead sh-2",
        "convoy create Docs sh-3 --rig shop|kind: Convoy|Convoy",
        "polecat nuke shop/furiosa||Polecat shop/furiosa removed (bead sh-1)",
      })
  void printsAndWritesNothing(String command, String printed, String summary) throws Exception {
    ObjectId before = fixture.head();
    List<String> filesBefore = GitOpsFixture.files(fixture.repo);

    Cli result = fixture.gt((command + " --dry-run").split(" "));

    assertThat(result.exit()).as(result.toString()).isZero();
    if (printed != null) {
      assertThat(result.out()).contains(printed);
    }
    assertThat(result.err())
        .startsWith("dry run: ")
        .contains(summary)
        .contains("(nothing written)");
    assertThat(fixture.head()).isEqualTo(before);
    assertThat(GitOpsFixture.files(fixture.repo)).isEqualTo(filesBefore);
  }
}
