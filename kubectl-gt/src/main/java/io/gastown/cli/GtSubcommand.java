package io.gastown.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every leaf command: the environment and global options its tree was built with (given by
 * the {@link CommandFactory}, never read from the root command), the output streams of the
 * CommandLine (so tests capture them), and one place that turns a {@link GtException} into one line
 * on stderr and its exit code.
 */
public abstract class GtSubcommand implements Callable<Integer> {
  @Spec protected CommandSpec spec;

  private GtEnvironment environment;
  private GlobalOptions global;
  private Function<GtEnvironment, CommandLine> tree;

  final void bind(
      GtEnvironment environment, GlobalOptions global, Function<GtEnvironment, CommandLine> tree) {
    this.environment = environment;
    this.global = global;
    this.tree = tree;
  }

  /** The command's work; returns the exit code. */
  protected abstract int run() throws Exception;

  @Override
  public final Integer call() {
    try {
      return run();
    } catch (GtException e) {
      err().println("error: " + e.getMessage());
      debug(e);
      return e.exitCode();
    } catch (Exception e) {
      err()
          .println(
              "error: unexpected "
                  + e.getClass().getSimpleName()
                  + ": "
                  + e.getMessage()
                  + " (set GT_DEBUG=1 for the stack trace)");
      debug(e);
      return ExitCode.UNEXPECTED;
    } finally {
      out().flush();
      err().flush();
    }
  }

  protected GtEnvironment environment() {
    return bound(environment);
  }

  protected GlobalOptions global() {
    return bound(global);
  }

  /**
   * A new, separate {@code kubectl gt} tree over another environment (for running commands
   * in-process).
   */
  protected CommandLine newTree(GtEnvironment other) {
    return bound(tree).apply(other);
  }

  private static <T> T bound(T value) {
    if (value == null) {
      throw new IllegalStateException("command not built by GtCommand.commandLine(...)");
    }
    return value;
  }

  protected PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected PrintWriter err() {
    return spec.commandLine().getErr();
  }

  private void debug(Exception e) {
    if (environment().get("GT_DEBUG") != null) {
      e.printStackTrace(err());
    }
  }
}
