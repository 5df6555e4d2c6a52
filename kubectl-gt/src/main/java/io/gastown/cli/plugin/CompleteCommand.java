package io.gastown.cli.plugin;

import io.gastown.cli.GtSubcommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code kubectl-gt __complete ARGS... WORD}: cobra's completion protocol, spoken to the shell
 * scripts of {@code completion} and to kubectl (which runs {@code kubectl_complete-gt}). Hidden
 * from help. The words are taken raw (a preprocessor swallows them before picocli parses), since
 * they are a partial command line full of options.
 */
@Command(
    name = "__complete",
    hidden = true,
    preprocessor = CompleteCommand.TakeAll.class,
    description = "Completion candidates for the words given (cobra's __complete protocol).")
public class CompleteCommand extends GtSubcommand {
  private final List<String> words = new ArrayList<>();

  @Override
  protected int run() {
    Completer completer =
        new Completer(spec.root().commandLine(), new ClusterLookup(environment()));
    out().print(completer.complete(words).render());
    return 0;
  }

  /** Takes every remaining argument as a word to complete. */
  public static final class TakeAll implements IParameterPreprocessor {
    @Override
    public boolean preprocess(
        Stack<String> args, CommandSpec spec, ArgSpec argSpec, Map<String, Object> info) {
      CompleteCommand command = (CompleteCommand) spec.userObject();
      while (!args.isEmpty()) {
        command.words.add(args.pop());
      }
      return true;
    }
  }
}
