package io.gastown.cli.cluster;

import io.gastown.cli.GtCommand;
import io.gastown.cli.GtEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs kubectl-gt in-process with a given environment and home, capturing stdout, stderr and the
 * exit code.
 */
public record Cli(int exit, String out, String err) {
  public static Cli run(Map<String, String> env, Path home, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = GtCommand.commandLine(GtEnvironment.of(env, home));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exit = commandLine.execute(args);
    return new Cli(exit, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
