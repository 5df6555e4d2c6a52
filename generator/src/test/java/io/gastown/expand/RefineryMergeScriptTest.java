package io.gastown.expand;

import static io.gastown.expand.ContainerRunner.git;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.gastown.model.MergeMethod;
import io.gastown.model.MergeResult;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.RefinerySpec;
import io.gastown.model.Rig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Refinery's merge script run with sh and git on this machine against a local bare "origin"
 * (which refuses non-fast-forward pushes, so a force push would fail the run): good branches land
 * in order, a conflict or a red test leaves the target untouched and is reported with its reason,
 * and runs racing on one target neither lose nor duplicate a merge.
 */
class RefineryMergeScriptTest {
  /** The test command of these repositories: a branch that adds BROKEN is red. */
  private static final String TEST_COMMAND = "test ! -e BROKEN";

  @TempDir Path tmp;
  Path origin;
  Path dev;

  @BeforeEach
  void originWithMain() throws Exception {
    origin = ContainerRunner.origin(tmp);
    git(origin, "config", "receive.denyNonFastForwards", "true");
    git(origin, "config", "receive.denyDeletes", "true");
    dev = tmp.resolve("dev");
    git(tmp, "clone", "--quiet", origin.toUri().toString(), dev.toString());
  }

  @Test
  void theGoodBranchesLandInOrderAndTheConflictAndTheRedTestAreReported() throws Exception {
    branch("feature/gt-1", "README.md", "hello from gt-1\n");
    branch("feature/gt-2", "README.md", "hello from gt-2\n");
    branch("feature/gt-3", "BROKEN", "red\n");
    branch("feature/gt-4", "d.txt", "d\n");
    String before = head();

    List<MergeResult> results =
        run(
            spec(MergeMethod.REBASE, 10),
            "run",
            "feature/gt-1",
            "feature/gt-2",
            "feature/gt-3",
            "feature/gt-4");

    assertThat(results)
        .extracting(r -> r.branch() + " " + r.result())
        .containsExactly(
            "feature/gt-1 merged",
            "feature/gt-2 failed",
            "feature/gt-3 failed",
            "feature/gt-4 merged");
    assertThat(results.get(1).reason()).startsWith("conflicts with main at ");
    assertThat(results.get(2).reason()).isEqualTo("test command failed with exit code 1");
    assertThat(subjects())
        .containsExactly("add d.txt on feature/gt-4", "add README.md on feature/gt-1", "first");
    assertThat(results.get(3).commit()).isEqualTo(head());
    assertThat(git(origin, "merge-base", "--is-ancestor", before, head())).isEmpty();
    assertThat(show("README.md")).isEqualTo("hello from gt-1\n");
  }

  @Test
  void theMergeMethodRecordsAMergeCommitPerBranch() throws Exception {
    branch("feature/gt-1", "a.txt", "a\n");
    branch("feature/gt-2", "b.txt", "b\n");

    List<MergeResult> results =
        run(spec(MergeMethod.MERGE, 10), "run", "feature/gt-1", "feature/gt-2");

    assertThat(results).extracting(MergeResult::result).containsExactly("merged", "merged");
    assertThat(git(origin, "log", "--first-parent", "--format=%s", "main").lines().toList())
        .containsExactly(
            "Merge branch 'feature/gt-2' into main",
            "Merge branch 'feature/gt-1' into main",
            "first");
  }

  @Test
  void branchesBeyondTheBatchAreLeftForTheNextRun() throws Exception {
    branch("feature/gt-1", "a.txt", "a\n");
    branch("feature/gt-2", "b.txt", "b\n");

    List<MergeResult> results =
        run(spec(MergeMethod.REBASE, 1), "run", "feature/gt-1", "feature/gt-2");

    assertThat(results).extracting(MergeResult::result).containsExactly("merged", "skipped");
    assertThat(results.get(1).reason()).isEqualTo("beyond the batch of 1");
    assertThat(subjects()).containsExactly("add a.txt on feature/gt-1", "first");
  }

  @Test
  void aPushRefusedBecauseTheTargetMovedIsRetriedFromTheNewHead() throws Exception {
    branch("feature/gt-1", "a.txt", "a\n");
    // Someone else's commit, pushed to main by the test command while the run is testing its first
    // try.
    Path other = tmp.resolve("other");
    git(tmp, "clone", "--quiet", origin.toUri().toString(), other.toString());
    Files.writeString(other.resolve("o.txt"), "o\n");
    git(other, "add", "o.txt");
    git(
        other,
        "-c",
        "user.name=o",
        "-c",
        "user.email=o@o",
        "commit",
        "--quiet",
        "-m",
        "someone else's commit");
    Path moved = tmp.resolve("moved");
    RefinerySpec spec = spec(MergeMethod.REBASE, 10);
    spec.setTestCommand(
        "[ -e '"
            + moved
            + "' ] || { touch '"
            + moved
            + "' && git -C '"
            + other
            + "' push --quiet origin main; }");

    List<MergeResult> results = run(spec, "run", "feature/gt-1");

    assertThat(results).extracting(MergeResult::result).containsExactly("merged");
    assertThat(subjects())
        .containsExactly("add a.txt on feature/gt-1", "someone else's commit", "first");
  }

  @Test
  void twoRunsRacingOnOneTargetLandEveryBranchExactlyOnce() throws Exception {
    List<String> branches = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d", "e", "f")) {
      branches.add(branch("feature/gt-" + name, name + ".txt", name + "\n"));
    }
    RefinerySpec spec = spec(MergeMethod.REBASE, 10);
    // A test that takes a moment keeps each run between its fetch and its push long enough for the
    // other to push.
    spec.setTestCommand("sleep 0.2");
    String[] order = branches.toArray(String[]::new);

    List<MergeResult> all = new ArrayList<>();
    try (ExecutorService both = Executors.newFixedThreadPool(2)) {
      Future<List<MergeResult>> first = both.submit(() -> run(spec, "one", order));
      Future<List<MergeResult>> second = both.submit(() -> run(spec, "two", order));
      all.addAll(first.get());
      all.addAll(second.get());
    }

    assertThat(all).extracting(MergeResult::result).containsOnly("merged", "already-merged");
    assertThat(subjects()).containsExactlyInAnyOrderElementsOf(expectedSubjects(branches));
    Map<String, Set<String>> landedCommits = new HashMap<>();
    for (MergeResult result : all) {
      if (result.result().equals(MergeResult.MERGED)) {
        landedCommits.computeIfAbsent(result.branch(), b -> new HashSet<>()).add(result.commit());
      }
    }
    assertThat(landedCommits)
        .as("each branch landed by exactly one commit")
        .hasSize(branches.size())
        .allSatisfy((branch, commits) -> assertThat(commits).hasSize(1));
    for (Set<String> commits : landedCommits.values()) {
      // Every commit a run pushed is still in the target's history: nothing was overwritten.
      assertThat(git(origin, "merge-base", "--is-ancestor", commits.iterator().next(), head()))
          .isEmpty();
    }
  }

  @Test
  void aShallowCloneLeftByGitInitIsDeepenedBeforeRebasing() throws Exception {
    branch("feature/gt-1", "a.txt", "a\n");
    branch("main", "README.md", "hello again\n");
    Path repo = tmp.resolve("run-repo");
    git(
        tmp,
        "clone",
        "--quiet",
        "--depth",
        "1",
        "--single-branch",
        "--branch",
        "main",
        origin.toUri().toString(),
        repo.toString());

    List<MergeResult> results = run(spec(MergeMethod.REBASE, 10), "run", "feature/gt-1");

    assertThat(results).extracting(MergeResult::result).containsExactly("merged");
    assertThat(subjects())
        .containsExactly("add a.txt on feature/gt-1", "add README.md on main", "first");
  }

  @Test
  void badInputStopsTheRunWithAMessageNamingTheVariable() throws Exception {
    Container container = mergeContainer(spec(MergeMethod.REBASE, 10), "feature/gt-1");
    ContainerRunner.Outcome outcome =
        ContainerRunner.run(
            container,
            Map.of(
                "HOME",
                tmp.toString(),
                "GT_REPO_DIR",
                tmp.resolve("repo").toString(),
                "GT_MERGE_METHOD",
                "squash"),
            tmp);
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.output())
        .isEqualTo("refinery-merge: GT_MERGE_METHOD must be rebase or merge, not 'squash'\n");
    assertThat(subjects()).containsExactly("first");
  }

  private static List<String> expectedSubjects(List<String> branches) {
    List<String> subjects = new ArrayList<>();
    for (String branch : branches) {
      subjects.add("add " + branch.substring("feature/gt-".length()) + ".txt on " + branch);
    }
    subjects.add("first");
    return subjects;
  }

  private static RefinerySpec spec(MergeMethod method, int maxBatch) {
    RefinerySpec spec = new RefinerySpec();
    spec.setRigRef("my-rig");
    spec.setTestCommand(TEST_COMMAND);
    spec.setMergeMethod(method);
    spec.setMaxBatch(maxBatch);
    return spec;
  }

  /** A work branch off main with one commit that writes {@code file}. */
  private String branch(String name, String file, String content) throws Exception {
    git(dev, "checkout", "--quiet", "-B", name, "origin/main");
    Files.writeString(dev.resolve(file), content);
    git(dev, "add", file);
    git(
        dev,
        "-c",
        "user.name=p",
        "-c",
        "user.email=p@p",
        "commit",
        "--quiet",
        "-m",
        "add " + file + " on " + name);
    git(dev, "push", "--quiet", "origin", name);
    git(dev, "checkout", "--quiet", "--detach", "origin/main");
    return name;
  }

  /**
   * The merge container of the run's Pod as the webhook expands it, for Done polecats that pushed
   * the branches (done in this order).
   */
  private Container mergeContainer(RefinerySpec spec, String... branches) {
    Rig rig = RefineryRuns.rig(origin.toUri().toString());
    List<Polecat> polecats = new ArrayList<>();
    for (int i = 0; i < branches.length; i++) {
      polecats.add(RefineryRuns.done(rig, "polecat-" + i, "gt-" + i, branches[i], i));
    }
    Container container =
        RefineryRuns.expanded(RefineryRuns.refinery(rig, spec), rig, polecats)
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(container.getName()).isEqualTo(PodContract.REFINERY_MERGE_CONTAINER);
    return container;
  }

  /**
   * Runs the merge container with only the paths of the Pod's volumes moved to this machine; {@code
   * runName} keeps each run's HOME, clone and termination message apart.
   */
  private List<MergeResult> run(RefinerySpec spec, String runName, String... branches)
      throws Exception {
    Container container = mergeContainer(spec, branches);
    Path home = Files.createDirectories(tmp.resolve(runName + "-home"));
    Path terminationMessage = Files.createFile(tmp.resolve(runName + "-termination-log"));
    // Each run commits under its own name: two runs would otherwise rebase to identical commits
    // within a second, and the race would never make one of them retry.
    ContainerRunner.Outcome outcome =
        ContainerRunner.run(
            container,
            Map.of(
                "HOME",
                home.toString(),
                "GT_REPO_DIR",
                tmp.resolve(runName + "-repo").toString(),
                PodContract.Env.RESULT_FILE,
                terminationMessage.toString(),
                "GIT_COMMITTER_NAME",
                runName),
            tmp);
    assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    List<MergeResult> results = MergeResult.parse(outcome.output());
    assertThat(results).as(outcome.output()).hasSize(branches.length);
    assertThat(MergeResult.parse(Files.readString(terminationMessage)))
        .as("the termination message holds the same results")
        .isEqualTo(results);
    return results;
  }

  /** The termination message of a run with many result lines, and the run's output. */
  @Test
  void theTerminationMessageKeepsWholeLinesWithinTheKubeletsLimit() throws Exception {
    branch("feature/gt-1", "a.txt", "a\n");
    String[] branches = new String[80];
    branches[0] = "feature/gt-1";
    for (int i = 1; i < branches.length; i++) {
      branches[i] = "feature/a-rather-long-branch-name-that-waits-for-the-next-run-" + i;
    }
    Container container = mergeContainer(spec(MergeMethod.REBASE, 1), branches);
    Path terminationMessage = Files.createFile(tmp.resolve("termination-log"));
    ContainerRunner.Outcome outcome =
        ContainerRunner.run(
            container,
            Map.of(
                "HOME",
                Files.createDirectories(tmp.resolve("home")).toString(),
                "GT_REPO_DIR",
                tmp.resolve("repo").toString(),
                PodContract.Env.RESULT_FILE,
                terminationMessage.toString()),
            tmp);

    assertThat(MergeResult.parse(outcome.output())).hasSize(80);
    String message = Files.readString(terminationMessage);
    assertThat(message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(4096);
    assertThat(message).endsWith("\n");
    List<MergeResult> kept = MergeResult.parse(message);
    assertThat(kept).hasSizeBetween(20, 79);
    assertThat(kept.get(0).result()).isEqualTo(MergeResult.MERGED);
    assertThat(message.lines().count()).isEqualTo(kept.size());
  }

  private String head() throws Exception {
    return git(origin, "rev-parse", "main").strip();
  }

  private List<String> subjects() throws Exception {
    return git(origin, "log", "--format=%s", "main").lines().toList();
  }

  private String show(String file) throws Exception {
    return git(origin, "show", "main:" + file);
  }
}
