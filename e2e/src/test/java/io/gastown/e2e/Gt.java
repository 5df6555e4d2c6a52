package io.gastown.e2e;

import io.gastown.cli.GtCommand;
import io.gastown.cli.GtEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code kubectl gt} run in-process, as the launcher runs it (picocli on {@link GtCommand}), with
 * the environment and home directory of a user who set up the local environment: GT_GITOPS_REPO and
 * KUBECONFIG.
 */
public final class Gt {
  /** What one command did. */
  public record Run(String command, int exit, String out, String err) {
    @Override
    public String toString() {
      return "$ kubectl gt "
          + command
          + "\nexit "
          + exit
          + "\n--- stdout\n"
          + out
          + "--- stderr\n"
          + err;
    }
  }

  private final Map<String, String> environment;
  private final Path home;

  public Gt(Map<String, String> environment, Path home) {
    this.environment = Map.copyOf(environment);
    this.home = home;
  }

  /** A user with GT_GITOPS_REPO and KUBECONFIG set. */
  public static Gt withRepository(Path repository, Path kubeconfig, Path home) {
    return new Gt(
        Map.of(
            GtEnvironment.GITOPS_REPO, repository.toString(), "KUBECONFIG", kubeconfig.toString()),
        home);
  }

  /**
   * A user with only KUBECONFIG set: the GitOps repository is kubectl gt's default under the home
   * directory.
   */
  public static Gt withDefaultRepository(Path kubeconfig, Path home) {
    return new Gt(Map.of("KUBECONFIG", kubeconfig.toString()), home);
  }

  public Map<String, String> environment() {
    return environment;
  }

  public Path home() {
    return home;
  }

  public Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = GtCommand.commandLine(GtEnvironment.of(environment, home));
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int exit = command.execute(args);
    return new Run(String.join(" ", args), exit, out.toString(), err.toString());
  }

  /**
   * Runs the command with its output going to {@code out} and {@code err} as it is printed (to
   * watch a command that follows, such as {@code polecat logs -f}, while it runs); the exit code.
   */
  public int run(Writer out, Writer err, String... args) {
    CommandLine command = GtCommand.commandLine(GtEnvironment.of(environment, home));
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    return command.execute(args);
  }

  /** Runs the command and fails the test, showing its output, unless it exits 0. */
  public Run ok(String... args) {
    Run run = run(args);
    if (run.exit() != 0) {
      throw new AssertionError("kubectl gt failed:\n" + run);
    }
    return run;
  }
}
