package io.gastown.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every reading command documents the kubectl flags and shows examples in --help. */
class HelpExamplesTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "rig list",
        "rig status",
        "polecat list",
        "polecat status",
        "polecat logs",
        "polecat preview",
        "convoy list",
        "convoy status",
        "auth sync",
        "auth status"
      })
  void helpHasExamplesAndKubectlFlags(String command) {
    List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
    args.add("--help");
    Cli help = Cli.run(Map.of(), Path.of("/nonexistent"), args.toArray(String[]::new));
    assertThat(help.exit()).isZero();
    assertThat(help.out())
        .contains(
            "Examples:",
            "  kubectl gt " + command,
            "--kubeconfig=FILE",
            "--context=CONTEXT",
            "-n, --namespace=NAMESPACE",
            "--request-timeout=DURATION");
  }

  @ParameterizedTest
  @ValueSource(strings = {"version", "completion"})
  void pluginCommandsHaveExamples(String command) {
    Cli help = Cli.run(Map.of(), Path.of("/nonexistent"), command, "--help");
    assertThat(help.out()).contains("Examples:", "kubectl gt " + command);
  }
}
