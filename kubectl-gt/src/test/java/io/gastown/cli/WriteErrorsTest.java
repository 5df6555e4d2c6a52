package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input and bad repositories: one line on stderr naming the fix, the documented exit code,
 * nothing written.
 */
class WriteErrorsTest {
  @TempDir Path directory;
  GitOpsFixture fixture;

  @BeforeEach
  void shop() {
    fixture = new GitOpsFixture(directory).withShop();
    fixture.ok("sling", "sh-1", "shop");
  }

  @org.junit.jupiter.api.Test
  void aRigWithAnSshUrlAndNoKeyIsCreatedWithAWarningThatNamesTheFix() {
    Cli result =
        fixture.gt(
            "rig", "create", "other", "--git-url", "git@github.com:acme/x.git", "--prefix", "xx");
    assertThat(result.exit()).as(result.toString()).isEqualTo(0);
    assertThat(result.err())
        .contains(
            "warning: git@github.com:acme/x.git is an SSH URL but no SSH key is named: "
                + "the webhook refuses the rig's polecat Pods unless each Polecat names one; add --git-secret SECRET");
    Cli withKey =
        fixture.gt(
            "rig",
            "create",
            "third",
            "--git-url",
            "git@github.com:acme/y.git",
            "--prefix",
            "yy",
            "--git-secret",
            "git-ssh");
    assertThat(withKey.err()).doesNotContain("warning");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "sling sh-2 nope|3|rig 'nope' is not in",
        "sling --bad sh-2 shop|2|Unknown option: '--bad'",
        "sling sh/2 shop|4|is not a valid bead ID",
        "sling sh..2 shop|4|not a valid branch name: give one with --work-branch",
        "sling sh-2 shop --name Bad_Name|4|--name 'Bad_Name' is not a valid name",
        "sling sh-2 shop --name furiosa|4|polecat 'furiosa' already exists in rig shop",
        "sling sh-2 shop --branch ../main|4|--branch '../main' is not a valid branch name",
        "sling sh-2 shop --work-branch a..b|4|--work-branch 'a..b' is not a valid branch name",
        "sling sh-2 shop --theme star-wars|4|--theme: unknown theme 'star-wars': use one of mad-max, minerals, wasteland",
        "sling sh-2 shop --agent aider|4|would be invalid: spec.agentConfig.model: is required for agent aider: set it (kubectl gt sling --model MODEL)",
        "sling sh-2 shop --agent copilot|4|--agent: unknown agent 'copilot': use one of claude-code",
        "sling sh-2 shop --task sk-ant-"
            + "api03-abcdefghijklmnopqrstuvwxyz0123|4|refusing to write a credential",
        "sling sh-2 shop --author nobody|4|--author 'nobody' is not 'Name <email>'",
        "rig create shop --git-url git@github.com:acme/x.git --prefix xx|4|rig 'shop' already exists",
        "rig create other --git-url https://bob:pw@github.com/acme/x.git --prefix xx|4|is not a supported git URL",
        "rig create other --git-url git@github.com:acme/x.git --prefix sh|4|bead prefix 'sh' already belongs to rig shop",
        "rig create other --git-url git@github.com:acme/x.git --prefix hq|4|is reserved",
        "rig create other --git-url git@github.com:acme/x.git --prefix xx --namespace gt-shop|4|namespace gt-shop already belongs to rig shop",
        "polecat nuke shop/nobody|3|polecat 'nobody' is not in rig shop (polecats: furiosa)",
        "polecat nuke furiosa|4|is not RIG/NAME",
        "convoy create Docs sh-1 sh-1|4|bead sh-1 is listed twice",
        "convoy create Docs sh-1 --rig nope|3|rig 'nope' is not in",
        "refinery create nope|3|rig 'nope' is not in",
        "refinery create shop --max-batch 0|4|the refinery of rig shop would be invalid: spec.maxBatch:",
        "refinery create shop --schedule daily|4|the refinery of rig shop would be invalid: spec.schedule:",
        "refinery create shop --merge-method squash|4|--merge-method: unknown merge method 'squash': use rebase or merge",
        "refinery create shop --target-branch a..b|4|--target-branch 'a..b' is not a valid branch name",
        "refinery delete shop|3|rig shop has no refinery (rigs/shop/refinery.yaml does not exist)",
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
    assertThat(result.err()).doesNotContain("sk-ant-api03", ":pw@");
    assertThat(fixture.head()).isEqualTo(before);
    assertThat(GitOpsFixture.files(fixture.repo)).isEqualTo(filesBefore);
    assertThat(fixture.clean()).isTrue();
  }

  @Test
  void dirtyRepositoryIsRefusedAndLeftAlone() throws Exception {
    Path kustomization = fixture.repo.resolve("rigs/shop/kustomization.yaml");
    Files.writeString(kustomization, Files.readString(kustomization) + "# my edit\n");
    ObjectId before = fixture.head();

    Cli result = fixture.gt("sling", "sh-2", "shop");

    assertThat(result.exit()).isEqualTo(ExitCode.REPO_ERROR);
    assertThat(result.err()).contains("has uncommitted changes: commit or discard them");
    assertThat(fixture.head()).isEqualTo(before);
    assertThat(Files.readString(kustomization)).endsWith("# my edit\n");
  }

  @Test
  void failedWriteLeavesTheWorkingTreeAsItWas() throws Exception {
    // A directory where the second polecat's file goes: writing nux.yaml succeeds, slit.yaml fails.
    Files.createDirectories(fixture.repo.resolve("rigs/shop/polecats/slit.yaml"));
    ObjectId before = fixture.head();
    String kustomization = Files.readString(fixture.repo.resolve("rigs/shop/kustomization.yaml"));

    Cli result = fixture.gt("convoy", "create", "Two", "sh-2", "sh-3", "--sling");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.REPO_ERROR);
    assertThat(result.err()).contains("cannot commit to");
    assertThat(fixture.head()).isEqualTo(before);
    assertThat(fixture.repo.resolve("rigs/shop/polecats/nux.yaml")).doesNotExist();
    assertThat(fixture.repo.resolve("rigs/shop/convoys")).doesNotExist();
    assertThat(Files.readString(fixture.repo.resolve("rigs/shop/kustomization.yaml")))
        .isEqualTo(kustomization);
  }

  @Test
  void missingRepositoryNamesInit() {
    Cli result =
        Cli.run(
            java.util.Map.of(GtEnvironment.GITOPS_REPO, directory.resolve("none").toString()),
            directory,
            "sling",
            "sh-2",
            "shop",
            GitOpsFixture.AUTHOR);
    assertThat(result.exit()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(result.err()).contains("no GitOps repository at").contains("kubectl gt init");
  }

  @Test
  void initRefusesAnExistingRepository() {
    Cli result = fixture.gt("init");
    assertThat(result.exit()).isEqualTo(ExitCode.REPO_ERROR);
    assertThat(result.err()).contains("is already a git repository");
  }

  @Test
  void maxPolecatsSetInTheRigIsEnforced() throws Exception {
    Path rigFile = fixture.repo.resolve("rigs/shop/rig.yaml");
    Files.writeString(
        rigFile,
        Files.readString(rigFile)
            .replace("    namespace: gt-shop", "    maxPolecats: 2\n    namespace: gt-shop"));
    try (var git = org.eclipse.jgit.api.Git.open(fixture.repo.toFile())) {
      git.commit().setAll(true).setMessage("limit").setSign(false).call();
    }
    fixture.ok("sling", "sh-2", "shop");
    Cli result = fixture.gt("sling", "sh-3", "shop");
    assertThat(result.exit()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.err())
        .contains("has 2 polecats and maxPolecats 2")
        .contains("kubectl gt polecat nuke");
  }
}
