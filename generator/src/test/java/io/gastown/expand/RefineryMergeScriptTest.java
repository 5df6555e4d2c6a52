package io.gastown.expand;

import static io.gastown.expand.ContainerRunner.git;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.gastown.model.MergeMethod;
import io.gastown.model.RefinerySpec;
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
  private static final ObjectMapper JSON = new ObjectMapper();

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

    List<JsonNode> results =
        run(
            spec(MergeMethod.REBASE, 10),
            "run",
            "feature/gt-1",
            "feature/gt-2",
            "feature/gt-3",
            "feature/gt-4");

    assertThat(results)
        .extracting(r -> r.get("branch").asText() + " " + r.get("result").asText())
        .containsExactly(
            "feature/gt-1 merged",
            "feature/gt-2 failed",
            "feature/gt-3 failed",
            "feature/gt-4 merged");
    assertThat(results.get(1).get("reason").asText()).startsWith("conflicts with main at ");
    assertThat(results.get(2).get("reason").asText())
        .isEqualTo("test command failed with exit code 1");
    assertThat(subjects())
        .containsExactly("add d.txt on feature/gt-4", "add README.md on feature/gt-1", "first");
    assertThat(results.get(3).get("commit").asText()).isEqualTo(head());
    assertThat(git(origin, "merge-base", "--is-ancestor", before, head())).isEmpty();
    assertThat(show("README.md")).isEqualTo("hello from gt-1\n");
  }

  @Test
  void theMergeMethodRecordsAMergeCommitPerBranch() throws Exception {
    branch("feature/gt-1", "a.txt", "a\n");
    branch("feature/gt-2", "b.txt", "b\n");

    List<JsonNode> results =
        run(spec(MergeMethod.MERGE, 10), "run", "feature/gt-1", "feature/gt-2");

    assertThat(results)
        .extracting(r -> r.get("result").asText())
        .containsExactly("merged", "merged");
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

    List<JsonNode> results =
        run(spec(MergeMethod.REBASE, 1), "run", "feature/gt-1", "feature/gt-2");

    assertThat(results)
        .extracting(r -> r.get("result").asText())
        .containsExactly("merged", "skipped");
    assertThat(results.get(1).get("reason").asText()).isEqualTo("beyond the batch of 1");
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

    List<JsonNode> results = run(spec, "run", "feature/gt-1");

    assertThat(results).extracting(r -> r.get("result").asText()).containsExactly("merged");
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

    List<JsonNode> all = new ArrayList<>();
    try (ExecutorService both = Executors.newFixedThreadPool(2)) {
      Future<List<JsonNode>> first = both.submit(() -> run(spec, "one", order));
      Future<List<JsonNode>> second = both.submit(() -> run(spec, "two", order));
      all.addAll(first.get());
      all.addAll(second.get());
    }

    assertThat(all)
        .extracting(r -> r.get("result").asText())
        .containsOnly("merged", "already-merged");
    assertThat(subjects()).containsExactlyInAnyOrderElementsOf(expectedSubjects(branches));
    Map<String, Set<String>> landedCommits = new HashMap<>();
    for (JsonNode result : all) {
      if (result.get("result").asText().equals("merged")) {
        landedCommits
            .computeIfAbsent(result.get("branch").asText(), b -> new HashSet<>())
            .add(result.get("commit").asText());
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

    List<JsonNode> results = run(spec(MergeMethod.REBASE, 10), "run", "feature/gt-1");

    assertThat(results).extracting(r -> r.get("result").asText()).containsExactly("merged");
    assertThat(subjects())
        .containsExactly("add a.txt on feature/gt-1", "add README.md on main", "first");
  }

  @Test
  void badInputStopsTheRunWithAMessageNamingTheVariable() throws Exception {
    Container container =
        RefineryMergeContainer.build(
            spec(MergeMethod.REBASE, 10),
            origin.toUri().toString(),
            List.of("feature/gt-1"),
            PlatformConfig.defaults());
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

  /** Runs the merge container; {@code runName} keeps each run's HOME and clone apart. */
  private List<JsonNode> run(RefinerySpec spec, String runName, String... branches)
      throws Exception {
    Container container =
        RefineryMergeContainer.build(
            spec, origin.toUri().toString(), List.of(branches), PlatformConfig.defaults());
    Path home = Files.createDirectories(tmp.resolve(runName + "-home"));
    // Each run commits under its own name: two runs would otherwise rebase to identical commits
    // within a second,
    // and the race would never make one of them retry.
    ContainerRunner.Outcome outcome =
        ContainerRunner.run(
            container,
            Map.of(
                "HOME",
                home.toString(),
                "GT_REPO_DIR",
                tmp.resolve(runName + "-repo").toString(),
                "GIT_COMMITTER_NAME",
                runName),
            tmp);
    assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    List<JsonNode> results = new ArrayList<>();
    for (String line : outcome.output().lines().toList()) {
      if (line.startsWith("{\"branch\":")) {
        results.add(JSON.readTree(line));
      }
    }
    assertThat(results).as(outcome.output()).hasSize(branches.length);
    return results;
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
