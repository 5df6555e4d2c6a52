package io.gastown.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of every leaf command: access to the root (environment, global options) and to the output streams of the
 * CommandLine (so tests capture them), and one place that turns a {@link GtException} into one line on stderr and
 * its exit code.
 */
public abstract class GtSubcommand implements Callable<Integer> {
  @Spec
  protected CommandSpec spec;

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
      err().println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
          + " (set GT_DEBUG=1 for the stack trace)");
      debug(e);
      return ExitCode.UNEXPECTED;
    } finally {
      out().flush();
      err().flush();
    }
  }

  protected GtCommand root() {
    return (GtCommand) spec.root().userObject();
  }

  protected GtEnvironment environment() {
    return root().environment();
  }

  protected GlobalOptions global() {
    return root().global();
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
