package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kubectl gt polecat rerun}: a new polecat with the spec the old one had at a commit,
 * written as sling writes it, in one commit; bad input refused with nothing written.
 */
class PolecatRerunTest {
  static final String FURIOSA = "rigs/shop/polecats/furiosa.yaml";
  static final String NUX = "rigs/shop/polecats/nux.yaml";

  @TempDir Path directory;
  GitOpsFixture fixture;

  @BeforeEach
  void shop() {
    fixture = new GitOpsFixture(directory.resolve("mine")).withShop();
    fixture.ok(sling("sh-1", "Fix the login form"));
  }

  static String[] sling(String bead, String task, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("sling", bead, "shop"));
    args.addAll(List.of("--task", task, "--agent", "aider", "--model", "gpt-4o"));
    args.addAll(List.of("--branch", "develop"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** What sling writes for the bead and options under the name, in a repository of its own. */
  String slingsOwn(String name, String bead, String task) throws Exception {
    GitOpsFixture other =
        new GitOpsFixture(directory.resolve("sling-" + name + "-" + task.length()));
    other.withShop();
    other.ok(sling(bead, task, "--name", name));
    return Files.readString(other.repo.resolve("rigs/shop/polecats/" + name + ".yaml"));
  }

  @Test
  void fromHeadWritesANewPolecatAsSlingWouldInOneCommit() throws Exception {
    ObjectId before = fixture.head();
    String original = Files.readString(fixture.repo.resolve(FURIOSA));

    Cli result = fixture.gt("polecat", "rerun", "shop/furiosa");

    assertThat(result.exit()).as(result.toString()).isZero();
    String head = before.abbreviate(7).name();
    assertThat(result.out())
        .contains(
            "Polecat nux slung to rig shop for bead sh-1 ("
                + NUX
                + "), a rerun of furiosa at commit HEAD ("
                + head
                + ").")
        .contains("(no remote: committed only)");
    RevCommit commit = lastCommit();
    assertThat(commit.getParent(0).getId()).isEqualTo(before);
    assertThat(commit.getFullMessage())
        .isEqualTo("polecat rerun shop/furiosa at HEAD (" + head + ") as nux (bead sh-1)\n");
    assertThat(commit.getAuthorIdent().getEmailAddress()).isEqualTo("test@example.com");
    assertThat(changedFiles(commit)).containsExactlyInAnyOrder(NUX, "rigs/shop/kustomization.yaml");
    assertThat(Files.readString(fixture.repo.resolve(NUX)))
        .isEqualTo(slingsOwn("nux", "sh-1", "Fix the login form"));
    assertThat(Files.readString(fixture.repo.resolve(FURIOSA))).isEqualTo(original);
    assertThat(fixture.repo.resolve("rigs/shop/kustomization.yaml"))
        .content()
        .contains("- polecats/furiosa.yaml", "- polecats/nux.yaml");
    assertThat(fixture.clean()).isTrue();
  }

  @ParameterizedTest(name = "--from {0}")
  @ValueSource(strings = {"full", "short", "tag", "HEAD~1"})
  void fromAnOlderCommitTakesTheSpecOfThenAndLeavesTheOriginalAlone(String form) throws Exception {
    ObjectId slung = fixture.head();
    try (Git git = Git.open(fixture.repo.toFile())) {
      git.tag().setName("v1").setObjectId(git.getRepository().parseCommit(slung)).call();
    }
    String edited =
        Files.readString(fixture.repo.resolve(FURIOSA))
            .replace("Fix the login form", "Fix the signup form")
            .replace("develop", "release");
    commitByHand(FURIOSA, edited, "furiosa: another task");
    String from =
        switch (form) {
          case "full" -> slung.name();
          case "short" -> slung.abbreviate(7).name();
          case "tag" -> "v1";
          default -> form;
        };

    Cli result = fixture.gt("polecat", "rerun", "shop/furiosa", "--from", from);

    assertThat(result.exit()).as(result.toString()).isZero();
    String rerun = Files.readString(fixture.repo.resolve(NUX));
    assertThat(rerun)
        .isEqualTo(slingsOwn("nux", "sh-1", "Fix the login form"))
        .contains("taskDescription: Fix the login form", "gitBranch: develop");
    assertThat(fixture.repo.resolve(FURIOSA)).content().isEqualTo(edited);
    String at = slung.abbreviate(7).name();
    assertThat(lastCommit().getShortMessage())
        .isEqualTo(
            "polecat rerun shop/furiosa at "
                + (form.equals("full") || form.equals("short") ? at : from + " (" + at + ")")
                + " as nux (bead sh-1)");
  }

  @Test
  void aNukedPolecatIsRerunFromBeforeItsNukeUnderANameNeverUsed() throws Exception {
    fixture.ok("polecat", "nuke", "shop/furiosa");

    Cli now = fixture.gt("polecat", "rerun", "shop/furiosa");
    assertThat(now.exit()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(now.err())
        .contains("polecat 'furiosa' is not in rig shop at commit HEAD (")
        .contains("log --oneline -- " + FURIOSA + "` lists the commits that changed it");

    Cli result = fixture.gt("polecat", "rerun", "shop/furiosa", "--from", "HEAD~1");
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(fixture.repo.resolve(FURIOSA)).doesNotExist();
    assertThat(Files.readString(fixture.repo.resolve(NUX)))
        .isEqualTo(slingsOwn("nux", "sh-1", "Fix the login form"));
  }

  @Test
  void nameThemeAndWorkBranchAreChosenAsSlingChoosesThem() throws Exception {
    fixture.ok("polecat", "rerun", "shop/furiosa", "--name", "max", "--work-branch", "fix/again");
    fixture.ok("polecat", "rerun", "shop/furiosa", "--theme", "minerals");

    assertThat(fixture.repo.resolve("rigs/shop/polecats/max.yaml"))
        .content()
        .isEqualTo(slingWithOptions("max", "--work-branch", "fix/again"));
    assertThat(fixture.repo.resolve("rigs/shop/polecats/obsidian.yaml"))
        .content()
        .isEqualTo(slingWithOptions("obsidian"));
  }

  private String slingWithOptions(String name, String... more) throws Exception {
    GitOpsFixture other = new GitOpsFixture(directory.resolve("sling-" + name));
    other.withShop();
    List<String> args = new java.util.ArrayList<>(List.of(sling("sh-1", "Fix the login form")));
    args.addAll(List.of("--name", name));
    args.addAll(List.of(more));
    other.ok(args.toArray(String[]::new));
    return Files.readString(other.repo.resolve("rigs/shop/polecats/" + name + ".yaml"));
  }

  @Test
  void dryRunPrintsTheNewPolecatAndWritesNothing() throws Exception {
    ObjectId before = fixture.head();
    List<String> files = GitOpsFixture.files(fixture.repo);

    Cli result = fixture.gt("polecat", "rerun", "shop/furiosa", "--dry-run");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out())
        .isEqualTo("---\n# " + NUX + "\n" + slingsOwn("nux", "sh-1", "Fix the login form"));
    assertThat(result.err())
        .startsWith("dry run: Polecat nux slung to rig shop for bead sh-1")
        .endsWith("(nothing written)\n");
    assertThat(fixture.head()).isEqualTo(before);
    assertThat(GitOpsFixture.files(fixture.repo)).isEqualTo(files);
    assertThat(fixture.clean()).isTrue();
  }

  @Test
  void aPolecatThatFailsTodaysValidationIsRefusedNamingTheField() throws Exception {
    String file = Files.readString(fixture.repo.resolve(FURIOSA));
    commitByHand(
        FURIOSA,
        file.replace("    model: gpt-4o\n", "    image: example.com/aider:1\n"),
        "hand edit");
    ObjectId before = fixture.head();

    Cli result = fixture.gt("polecat", "rerun", "shop/furiosa");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.err())
        .contains("polecat shop/furiosa at commit HEAD (")
        .contains("fails today's validation: spec.agentConfig.model: is required for agent aider")
        .contains("rerun from another commit");
    assertThat(fixture.head()).isEqualTo(before);
    assertThat(fixture.repo.resolve(NUX)).doesNotExist();

    assertThat(fixture.gt("polecat", "rerun", "shop/furiosa", "--from", "HEAD~1").exit()).isZero();
  }

  @Test
  void aFileThatIsNotYamlAtThatCommitIsRefusedNamingItAndTheCommit() throws Exception {
    commitByHand(FURIOSA, "kind: [\n", "broken");

    Cli result = fixture.gt("polecat", "rerun", "shop/furiosa");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.err())
        .startsWith("error: " + FURIOSA + " at commit HEAD (")
        .contains("is not valid YAML (", "rerun from another commit");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void theRigsMaxPolecatsHoldsAsForSling() throws Exception {
    Path rigFile = fixture.repo.resolve("rigs/shop/rig.yaml");
    commitByHand(
        "rigs/shop/rig.yaml",
        Files.readString(rigFile)
            .replace("    namespace: gt-shop", "    maxPolecats: 1\n    namespace: gt-shop"),
        "limit");

    Cli result = fixture.gt("polecat", "rerun", "shop/furiosa");

    assertThat(result.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.err()).contains("has 1 polecats and maxPolecats 1");
  }

  @Test
  void withARemoteItFetchesFirstAndPushes() throws Exception {
    Path bare = directory.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    GitOpsFixture mine = new GitOpsFixture(directory.resolve("home"), directory.resolve("clone-1"));
    mine.ok("init", "--remote", bare.toString());
    mine.ok("rig", "create", "shop", "--git-url", "git@github.com:acme/shop.git", "--prefix", "sh");
    mine.ok(sling("sh-1", "Fix the login form"));
    GitOpsFixture theirs =
        new GitOpsFixture(directory.resolve("home"), directory.resolve("clone-2"));
    theirs.ok("init", "--remote", bare.toString());
    theirs.ok("sling", "sh-2", "shop"); // takes nux; mine has not fetched it

    Cli result = mine.gt("polecat", "rerun", "shop/furiosa");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out()).contains("Polecat slit slung", "pushed to origin/main");
    try (Git remote = Git.open(bare.toFile())) {
      assertThat(remote.log().setMaxCount(1).call().iterator().next().getShortMessage())
          .startsWith("polecat rerun shop/furiosa at HEAD (")
          .endsWith(" as slit (bead sh-1)");
    }
  }

  @Test
  void concurrentRerunsFromSixClonesAllLandWithDistinctNames() throws Exception {
    Path bare = directory.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    GitOpsFixture first = new GitOpsFixture(directory.resolve("home"), directory.resolve("c-0"));
    first.ok("init", "--remote", bare.toString());
    first.ok(
        "rig", "create", "shop", "--git-url", "git@github.com:acme/shop.git", "--prefix", "sh");
    first.ok(sling("sh-1", "Fix the login form"));
    String slung = first.head().name();
    List<GitOpsFixture> clones = new java.util.ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      GitOpsFixture clone =
          new GitOpsFixture(directory.resolve("home"), directory.resolve("c-" + i));
      clone.ok("init", "--remote", bare.toString());
      clones.add(clone);
    }

    var pool = java.util.concurrent.Executors.newFixedThreadPool(clones.size());
    var start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Cli>> results = new java.util.ArrayList<>();
    for (int i = 0; i < clones.size(); i++) {
      GitOpsFixture clone = clones.get(i);
      String from = i % 2 == 0 ? "HEAD" : slung;
      // Six people: one author running the same command from the same commit in the same second
      // makes the very same commit, which git rightly lands once.
      String author = "--author=Person " + i + " <p" + i + "@example.com>";
      results.add(
          pool.submit(
              () -> {
                start.await();
                return clone.gt("polecat", "rerun", "shop/furiosa", "--from", from, author);
              }));
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
    for (var result : results) {
      assertThat(result.get().exit()).as(result.get().toString()).isZero();
    }

    try (Git remote = Git.open(bare.toFile())) {
      List<String> names = new java.util.ArrayList<>();
      for (RevCommit commit : remote.log().call()) {
        String message = commit.getShortMessage(); // polecat rerun shop/furiosa at X as NAME (...)
        if (message.startsWith("polecat rerun shop/furiosa at ")) {
          names.add(message.replaceAll(".* as (\\S+) \\(bead sh-1\\)$", "$1"));
        }
      }
      assertThat(names).hasSize(6).doesNotHaveDuplicates().doesNotContain("furiosa");
      String expected = slingsOwn(names.get(0), "sh-1", "Fix the login form");
      try (TreeWalk file =
          TreeWalk.forPath(
              remote.getRepository(),
              "rigs/shop/polecats/" + names.get(0) + ".yaml",
              remote
                  .getRepository()
                  .parseCommit(remote.getRepository().resolve("main"))
                  .getTree())) {
        assertThat(new String(remote.getRepository().open(file.getObjectId(0)).getBytes()))
            .isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "polecat rerun furiosa|4|'furiosa' is not RIG/NAME; name the polecat with its rig",
        "polecat rerun shop/|4|is not RIG/NAME",
        "polecat rerun shop/a/b|4|is not RIG/NAME",
        "polecat rerun Shop/furiosa|4|rig 'Shop' is not a valid name",
        "polecat rerun nope/furiosa|3|rig 'nope' is not in",
        "polecat rerun shop/nobody|3|polecat 'nobody' is not in rig shop at commit HEAD (",
        "polecat rerun shop/furiosa --from HEAD~1|3|polecat 'furiosa' is not in rig shop at commit HEAD~1 (",
        "polecat rerun shop/furiosa --from HEAD~9|3|--from 'HEAD~9' names no commit of",
        "polecat rerun shop/furiosa --from v9|3|--from 'v9' names no commit of",
        "polecat rerun shop/furiosa --from HEAD:rigs|4|--from 'HEAD:rigs' names a file or tree, not a commit",
        "polecat rerun shop/furiosa --from HEAD@{x|4|--from 'HEAD@{x' is not a git revision",
        "polecat rerun shop/furiosa --name furiosa|4|polecat 'furiosa' already exists in rig shop",
        "polecat rerun shop/furiosa --name Max|4|--name 'Max' is not a valid name",
        "polecat rerun shop/furiosa --name max --theme minerals|4|--name and --theme both choose the name",
        "polecat rerun shop/furiosa --theme star-wars|4|--theme: unknown theme 'star-wars'",
        "polecat rerun shop/furiosa --work-branch a..b|4|--work-branch 'a..b' is not a valid branch name",
        "polecat rerun shop/furiosa --bad|2|Unknown option: '--bad'",
      })
  void refusedWithOneLineAndNothingWritten(String command, int exitCode, String message)
      throws Exception {
    ObjectId before = fixture.head();
    List<String> filesBefore = GitOpsFixture.files(fixture.repo);

    Cli result = fixture.gt(command.split(" "));

    assertThat(result.exit()).as(result.toString()).isEqualTo(exitCode);
    assertThat(result.err()).as(result.toString()).contains(message);
    if (exitCode != ExitCode.USAGE) {
      assertThat(result.err().lines())
          .as("one line on stderr")
          .hasSize(1)
          .allMatch(l -> l.startsWith("error: "));
    }
    assertThat(fixture.head()).isEqualTo(before);
    assertThat(GitOpsFixture.files(fixture.repo)).isEqualTo(filesBefore);
    assertThat(fixture.clean()).isTrue();
  }

  private void commitByHand(String path, String text, String message) throws Exception {
    Files.writeString(fixture.repo.resolve(path), text);
    try (Git git = Git.open(fixture.repo.toFile())) {
      git.commit().setAll(true).setMessage(message).setSign(false).call();
    }
  }

  private RevCommit lastCommit() throws Exception {
    try (Git git = Git.open(fixture.repo.toFile())) {
      return git.log().setMaxCount(1).call().iterator().next();
    }
  }

  private List<String> changedFiles(RevCommit commit) throws Exception {
    try (Git git = Git.open(fixture.repo.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      Repository repository = git.getRepository();
      RevCommit parsed = walk.parseCommit(commit);
      RevCommit parent = walk.parseCommit(parsed.getParent(0));
      List<String> changed = new java.util.ArrayList<>();
      try (TreeWalk tree = new TreeWalk(repository)) {
        tree.addTree(parent.getTree());
        tree.addTree(parsed.getTree());
        tree.setRecursive(true);
        tree.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
        while (tree.next()) {
          changed.add(tree.getPathString());
        }
      }
      return changed;
    }
  }
}
