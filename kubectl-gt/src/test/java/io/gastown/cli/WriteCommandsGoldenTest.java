package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import io.gastown.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every write command run in turn on one repository. The transcript (command, exit code, output,
 * commit message and the files each commit changed) and the resulting repository are compared with
 * checked-in golden files in kubectl-gt/src/test/golden; `kubectl kustomize` builds each rig of
 * that repository.
 */
class WriteCommandsGoldenTest {
  static final String REGENERATE =
      "mvn -pl kubectl-gt test -Dtest=WriteCommandsGoldenTest -Dgolden.update=true";
  static final Path GOLDEN = Golden.root().resolve("kubectl-gt/src/test/golden");

  static final List<List<String>> COMMANDS =
      List.of(
          List.of("init"),
          List.of(
              "rig",
              "create",
              "shop",
              "--git-url",
              "git@github.com:acme/shop.git",
              "--prefix",
              "sh"),
          List.of(
              "rig",
              "create",
              "lab",
              "--git-url",
              "https://gitlab.example.com/acme/lab.git",
              "--prefix",
              "lab",
              "--theme",
              "minerals",
              "--agent",
              "opencode",
              "--namespace",
              "agents-lab"),
          List.of("sling", "sh-1", "shop"),
          List.of(
              "sling",
              "sh-2",
              "shop",
              "--name",
              "max",
              "--task",
              "Fix the login form.\nKeep the tests green.",
              "--agent",
              "aider",
              "--model",
              "gpt-4o",
              "--branch",
              "develop",
              "--work-branch",
              "fix/login"),
          List.of("sling", "lab-7", "lab", "--theme", "wasteland", "--model", "qwen3-coder"),
          List.of("sling", "sh-3", "shop", "--dry-run"),
          List.of("convoy", "create", "Login overhaul", "sh-3", "sh-4", "--sling"),
          List.of("convoy", "create", "Docs refresh", "lab-8", "lab-9"),
          List.of("polecat", "nuke", "shop/furiosa"),
          List.of("sling", "sh-5", "shop"),
          List.of("sling", "sh-6", "shop", "-o", "yaml", "--no-push"),
          List.of("render", "shop"),
          List.of("render", "lab", "-o", "json"),
          List.of(
              "sling",
              "sh-7",
              "shop",
              "--agent",
              "custom",
              "--command=/bin/sh",
              "--command=-c",
              "--command=make fix"));

  @TempDir static Path directory;
  static GitOpsFixture fixture;
  static String transcript;

  @BeforeAll
  static void runEveryCommand() throws Exception {
    fixture = new GitOpsFixture(directory);
    StringBuilder text = new StringBuilder();
    for (List<String> command : COMMANDS) {
      ObjectId before = Files.exists(fixture.repo.resolve(".git")) ? fixture.head() : null;
      Cli result = fixture.gt(command.toArray(String[]::new));
      text.append("$ kubectl gt ")
          .append(shellQuote(command))
          .append('\n')
          .append("exit ")
          .append(result.exit())
          .append('\n')
          .append(normalize(result.out()))
          .append(result.err().isEmpty() ? "" : "stderr: " + normalize(result.err()));
      ObjectId after = fixture.head();
      if (after != null && !after.equals(before)) {
        text.append(commit(after));
      }
      text.append('\n');
    }
    transcript = text.toString();
  }

  @Test
  void transcriptMatchesGoldenFile() throws IOException {
    Golden.check(GOLDEN.resolve("write-commands.txt"), transcript, REGENERATE);
  }

  @Test
  void repositoryMatchesGoldenFiles() throws IOException {
    Path golden = GOLDEN.resolve("gitops");
    List<String> files = GitOpsFixture.files(fixture.repo);
    Golden.check(GOLDEN.resolve("gitops-files.txt"), String.join("\n", files) + "\n", REGENERATE);
    for (String file : files) {
      Golden.check(golden.resolve(file), Files.readString(fixture.repo.resolve(file)), REGENERATE);
    }
  }

  @Test
  void everyCommandSucceededAndTheTreeIsClean() throws Exception {
    assertThat(transcript)
        .doesNotContain("exit 1", "exit 2", "exit 3", "exit 4", "exit 5", "exit 6");
    assertThat(fixture.clean()).isTrue();
  }

  @Test
  void themedNamesAreNeverReused() {
    // furiosa was nuked; the next sling takes the next unused name, not furiosa again.
    assertThat(transcript).contains("Polecat rictus slung to rig shop for bead sh-5");
    assertThat(fixture.repo.resolve("rigs/shop/polecats/furiosa.yaml")).doesNotExist();
  }

  @Test
  void kustomizeBuildsEveryRig() throws Exception {
    for (String rig : List.of("shop", "lab")) {
      Kustomize.Result result = Kustomize.build(fixture.repo.resolve("rigs").resolve(rig));
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      long objects = result.stdout().lines().filter(line -> line.startsWith("kind: ")).count();
      long expected = 0;
      for (String file : GitOpsFixture.files(fixture.repo.resolve("rigs").resolve(rig))) {
        if (!file.equals("kustomization.yaml")) {
          expected +=
              Files.readString(fixture.repo.resolve("rigs").resolve(rig).resolve(file))
                  .lines()
                  .filter(line -> line.startsWith("kind: "))
                  .count();
        }
      }
      assertThat(objects).as("objects built for rig " + rig).isEqualTo(expected).isGreaterThan(3);
    }
  }

  private static String commit(ObjectId id) throws IOException {
    StringBuilder text = new StringBuilder();
    try (Git git = Git.open(fixture.repo.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      RevCommit commit = walk.parseCommit(id);
      text.append("commit by ")
          .append(commit.getAuthorIdent().getName())
          .append(" <")
          .append(commit.getAuthorIdent().getEmailAddress())
          .append(">: ")
          .append(commit.getFullMessage().strip().replace("\n", "\n  | "))
          .append('\n');
      CanonicalTreeParser newTree =
          new CanonicalTreeParser(null, walk.getObjectReader(), commit.getTree());
      CanonicalTreeParser oldTree = new CanonicalTreeParser();
      if (commit.getParentCount() > 0) {
        oldTree.reset(walk.getObjectReader(), walk.parseCommit(commit.getParent(0)).getTree());
      }
      List<String> changes = new ArrayList<>();
      for (DiffEntry entry : git.diff().setOldTree(oldTree).setNewTree(newTree).call()) {
        changes.add(
            entry.getChangeType().name().charAt(0)
                + " "
                + (entry.getChangeType() == DiffEntry.ChangeType.DELETE
                    ? entry.getOldPath()
                    : entry.getNewPath()));
      }
      changes.stream().sorted().forEach(change -> text.append("  ").append(change).append('\n'));
    } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
      throw new IOException(e);
    }
    return text.toString();
  }

  private static String normalize(String output) {
    return output
        .replace(fixture.repo.toString(), "<repo>")
        .replaceAll("Committed [0-9a-f]{7}", "Committed <commit>");
  }

  private static String shellQuote(List<String> command) {
    return String.join(
        " ",
        command.stream()
            .map(
                arg ->
                    arg.matches("[A-Za-z0-9_./:@=-]+") ? arg : "'" + arg.replace("\n", "\\n") + "'")
            .toList());
  }
}
