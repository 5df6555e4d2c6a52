package io.gastown.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.GtEnvironment;
import io.gastown.testing.Golden;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/user-guide.md's {@code ```console} blocks ("Write a Polecat by hand", "Merge queue"), run as
 * written, in the GitOps repository of a user who made rig shop with kubectl gt and has a remote.
 * Shell commands ({@code cat <<'EOF'}, {@code git}, {@code sed}) run in bash; {@code kubectl gt}
 * runs in-process; each output is compared with the page's after {@link Transcript#normalize}. The
 * placeholder image is pinned to the release's (GT_AGENT_IMAGE) so the page does not change with
 * the build's version. {@code -Dgolden.update=true} writes this run's outputs into the page. That
 * Argo CD then runs such a Polecat: GasTownE2E's user guide test.
 */
class UserGuideByHandTest {
  static final Path PAGE = Golden.root().resolve("docs/user-guide.md");
  static final String HEREDOC = "<<'EOF'";

  @TempDir Path work;

  @Test
  void theSectionsCommandsPrintWhatThePageShows() throws Exception {
    Path remote = work.resolve("gitops.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    Path repository = work.resolve("gitops");
    Gt gt =
        new Gt(
            Map.of(
                GtEnvironment.GITOPS_REPO,
                repository.toString(),
                "GT_AGENT_IMAGE",
                "ghcr.io/gastown/polecat-agent:0.1.0"),
            Files.createDirectories(work.resolve("home")));
    gt.ok("init", "--remote", remote.toUri().toString());
    gt.ok(
        "rig",
        "create",
        "shop",
        "--git-url",
        "git@github.com:acme/shop.git",
        "--prefix",
        "sh",
        "--git-secret",
        "git-ssh-key",
        "--claude-secret",
        "claude-home");

    String markdown = Files.readString(PAGE);
    ConsolePage page = ConsolePage.parse(markdown);
    assertThat(page.steps()).as("console blocks of the page").isNotEmpty();
    List<List<String>> outputs = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (ConsolePage.Step step : page.steps()) {
      List<String> heredoc = heredoc(step);
      List<String> expected = step.output().subList(heredoc.size(), step.output().size());
      List<String> actual;
      if (step.command().startsWith("kubectl gt ")) {
        List<String> words = ConsolePage.words(step.command());
        Gt.Run run = gt.run(words.subList(2, words.size()).toArray(String[]::new));
        actual = Transcript.lines(run.out(), run.err());
      } else {
        actual = shell(repository, step.command(), heredoc);
      }
      List<String> all = new ArrayList<>(heredoc);
      all.addAll(actual);
      outputs.add(all);
      if (!Transcript.normalize(actual).equals(Transcript.normalize(trimmed(expected)))) {
        differences.add(
            "line "
                + (step.line() + 1)
                + ": $ "
                + step.command()
                + "\n--- page\n"
                + String.join("\n", expected)
                + "\n--- run\n"
                + String.join("\n", actual));
      }
    }
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(PAGE, page.withOutputs(outputs));
      return;
    }
    assertThat(differences)
        .as(
            "commands whose output differs from docs/user-guide.md (regenerate: mvn -pl e2e -am "
                + "test -Dtest=UserGuideByHandTest -Dgolden.update=true, then review the diff)")
        .isEmpty();
  }

  /**
   * The here-document lines of a {@code cat > FILE <<'EOF'} step, its closing EOF included; else
   * none.
   */
  private static List<String> heredoc(ConsolePage.Step step) {
    if (!step.command().endsWith(HEREDOC)) {
      return List.of();
    }
    int end = step.output().indexOf("EOF");
    assertThat(end).as("line %d: here-document closed by EOF", step.line() + 1).isNotNegative();
    return step.output().subList(0, end + 1);
  }

  private static List<String> trimmed(List<String> lines) {
    int end = lines.size();
    while (end > 0 && lines.get(end - 1).isEmpty()) {
      end--;
    }
    return lines.subList(0, end);
  }

  private List<String> shell(Path directory, String command, List<String> heredoc)
      throws Exception {
    List<String> script = new ArrayList<>(List.of(command));
    script.addAll(heredoc);
    ProcessBuilder builder =
        new ProcessBuilder("bash", "-c", String.join("\n", script) + "\n")
            .directory(directory.toFile())
            .redirectErrorStream(true);
    builder
        .environment()
        .putAll(
            Map.of(
                "HOME",
                work.resolve("home").toString(),
                "GIT_AUTHOR_NAME",
                "You",
                "GIT_AUTHOR_EMAIL",
                "you@example.com",
                "GIT_COMMITTER_NAME",
                "You",
                "GIT_COMMITTER_EMAIL",
                "you@example.com"));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return Transcript.lines(out, "");
  }
}
