package io.gastown.cli;

import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Creates the commands of one {@code kubectl gt} tree and hands every leaf what it needs from its
 * surroundings: the environment, the global options (parsed by the root, whichever side of the
 * subcommand name they were given on) and a way to build another tree. So a leaf never reaches back
 * into the root command.
 */
final class CommandFactory implements IFactory {
  private final GtEnvironment environment;
  private final GlobalOptions global;
  private final Function<GtEnvironment, CommandLine> tree;

  CommandFactory(
      GtEnvironment environment, GlobalOptions global, Function<GtEnvironment, CommandLine> tree) {
    this.environment = environment;
    this.global = global;
    this.tree = tree;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    K object = CommandLine.defaultFactory().create(type);
    if (object instanceof GtSubcommand leaf) {
      leaf.bind(environment, global, tree);
    }
    return object;
  }
}
