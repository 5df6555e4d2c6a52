package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gastown.cli.git.Changes;
import io.gastown.cli.git.GitOpsRepository;
import io.gastown.cli.git.Plan;
import io.gastown.cli.git.Planner;
import io.gastown.cli.git.WriteResult;
import io.gastown.render.RenderedFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push rejected because someone else pushed first is re-planned on their commit; bounded; rolled
 * back.
 */
class PushRetryTest {
  static final PersonIdent AUTHOR = new PersonIdent("Test", "test@example.com");

  @TempDir Path directory;
  GitOpsFixture mine;
  GitOpsFixture theirs;
  Path bare;

  @BeforeEach
  void twoClones() throws Exception {
    bare = directory.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    mine = new GitOpsFixture(directory.resolve("home"), directory.resolve("mine"));
    mine.ok("init", "--remote", bare.toString());
    theirs = new GitOpsFixture(directory.resolve("home"), directory.resolve("theirs"));
    theirs.ok("init", "--remote", bare.toString());
  }

  /** A planner that lets the other clone push just before ours does, on its first run only. */
  Planner<Integer> racingPlanner(AtomicInteger runs) {
    return state -> {
      int run = runs.incrementAndGet();
      if (run == 1) {
        theirs.ok(
            "rig", "create", "lab", "--git-url", "git@github.com:acme/lab.git", "--prefix", "lab");
      }
      // Planned from what the state holds now: the second run sees their rig.
      String note = "rigs seen: " + state.rigs() + "\n";
      return new Plan<>(
          new Changes().write(RenderedFile.of("notes/mine.txt", note)), "my change", run);
    };
  }

  @Test
  void rejectedPushIsReplannedOnTheFetchedContent() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    try (GitOpsRepository repository =
        GitOpsRepository.open(mine.repo, GtEnvironment.of(Map.of(), mine.home))) {
      WriteResult<Integer> result = repository.write(racingPlanner(runs), AUTHOR, true);
      assertThat(result.attempts()).isEqualTo(2);
      assertThat(result.pushedTo()).isEqualTo("origin/main");
    }
    try (Git remote = Git.open(bare.toFile())) {
      assertThat(remote.log().call())
          .extracting(c -> c.getShortMessage())
          .startsWith(
              "my change",
              "rig create lab (git@github.com:acme/lab.git, prefix lab, namespace gt-lab)");
    }
    assertThat(mine.repo.resolve("notes/mine.txt")).content().isEqualTo("rigs seen: [lab]\n");
  }

  @Test
  void pushRejectedEveryTimeFailsWithExitCode6AndRestoresTheRepository() throws Exception {
    ObjectId before = mine.head();
    AtomicInteger runs = new AtomicInteger();
    GtEnvironment oneAttempt = GtEnvironment.of(Map.of("GT_PUSH_ATTEMPTS", "1"), mine.home);
    try (GitOpsRepository repository = GitOpsRepository.open(mine.repo, oneAttempt)) {
      assertThatThrownBy(() -> repository.write(racingPlanner(runs), AUTHOR, true))
          .isInstanceOfSatisfying(
              GtException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.PUSH_REJECTED);
                assertThat(e.getMessage())
                    .contains(
                        "rejected 1 times because others pushed first: run the command again");
              });
    }
    assertThat(mine.head()).isEqualTo(before);
    assertThat(mine.repo.resolve("notes/mine.txt")).doesNotExist();
    assertThat(mine.clean()).isTrue();
  }
}
