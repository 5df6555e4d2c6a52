package io.gastown.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.GtCommand;
import io.gastown.cli.GtEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every visible command's --help ends with examples, each on one line of the 80-column help. */
class HelpTreeTest {
  @Test
  void everyCommandHasExamplesThatDoNotWrap() {
    CommandLine root = GtCommand.commandLine(GtEnvironment.of(Map.of(), Path.of("/nonexistent")));
    List<String> problems = new ArrayList<>();
    visit(root, problems);
    assertThat(problems).isEmpty();
  }

  private static void visit(CommandLine command, List<String> problems) {
    var spec = command.getCommandSpec();
    if (spec.usageMessage().hidden() || spec.name().equals("help")) {
      return;
    }
    String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
    int start = usage.indexOf("Examples:\n");
    if (start < 0) {
      problems.add(spec.qualifiedName() + ": no examples");
    } else {
      for (String line : usage.substring(start + "Examples:\n".length()).split("\n")) {
        if (line.isEmpty()) {
          break;
        }
        if (!line.startsWith("  kubectl gt")
            && !line.startsWith("  source")
            && !line.startsWith("  ANTHROPIC")) {
          problems.add(spec.qualifiedName() + ": example wraps or is not a command: " + line);
        }
      }
    }
    command.getSubcommands().values().stream().distinct().forEach(sub -> visit(sub, problems));
  }
}
