package io.gastown.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.GtCommand;
import io.gastown.cli.GtEnvironment;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompleterTest {
  /** A cluster with two rigs; polecats of my-rig; contexts from a kubeconfig. */
  private static final Completer.Lookup LOOKUP =
      new Completer.Lookup() {
        @Override
        public List<String> contexts(Map<String, String> flags) {
          return List.of("dev", "prod");
        }

        @Override
        public List<String> namespaces(Map<String, String> flags) {
          return List.of("default", "gt-my-rig");
        }

        @Override
        public List<String> rigs(Map<String, String> flags) {
          return List.of("my-rig", "other");
        }

        @Override
        public List<String> polecats(String rig, Map<String, String> flags) {
          return rig.equals("my-rig") ? List.of("my-rig/furiosa", "my-rig/nux") : List.of();
        }

        @Override
        public List<String> convoys(Map<String, String> flags) {
          return List.of("cv-" + flags.getOrDefault("--namespace", "none"));
        }
      };

  private static String complete(String... words) {
    CommandLine root = GtCommand.commandLine(GtEnvironment.of(Map.of(), Path.of("/nonexistent")));
    return new Completer(root, LOOKUP).complete(Arrays.asList(words)).render();
  }

  @Test
  void offersVisibleSubcommandsWithDescriptions() {
    String out = complete("");
    assertThat(out)
        .contains("polecat\t")
        .contains("auth\t")
        .contains("version\t")
        .doesNotContain("__complete");
    assertThat(out).endsWith(":4\n");
    assertThat(complete("pol")).startsWith("polecat\tPolecats").endsWith(":4\n");
  }

  @Test
  void offersOptionsOfTheCommandReached() {
    String out = complete("polecat", "list", "--n");
    assertThat(out)
        .isEqualTo(
            "--namespace\tThe namespace. Default: the context's namespace (else default); "
                + "commands that name a rig use the rig's namespace.\n--no-headers\tPrint table rows without the header "
                + "line.\n:4\n");
  }

  @Test
  void completesOptionValuesFromEnumsTheKubeconfigAndTheCluster() {
    assertThat(complete("polecat", "list", "-o", ""))
        .isEqualTo("json\nname\ntable\nwide\nyaml\n:4\n");
    assertThat(complete("rig", "list", "--context", "p")).isEqualTo("prod\n:4\n");
    assertThat(complete("polecat", "list", "-n", "gt")).isEqualTo("gt-my-rig\n:4\n");
    assertThat(complete("convoy", "status", "-n", "gt-my-rig", ""))
        .isEqualTo("cv-gt-my-rig\tconvoy\n:4\n");
  }

  @Test
  void completesPolecatsAsRigThenName() {
    assertThat(complete("polecat", "status", "my")).isEqualTo("my-rig/\trig\n:6\n");
    assertThat(complete("polecat", "logs", "-f", "my-rig/f"))
        .isEqualTo("my-rig/furiosa\tpolecat\n:4\n");
    assertThat(complete("polecat", "list", "o")).isEqualTo("other\trig\n:4\n");
  }

  @Test
  void pathOptionsLeaveCompletionToTheShell() {
    assertThat(complete("rig", "list", "--kubeconfig", "")).isEqualTo(":0\n");
  }

  @Test
  void theHiddenCommandSpeaksTheProtocolEvenWithOptionsInTheWords() {
    java.io.StringWriter out = new java.io.StringWriter();
    CommandLine root = GtCommand.commandLine(GtEnvironment.of(Map.of(), Path.of("/nonexistent")));
    root.setOut(new java.io.PrintWriter(out, true));
    int exit = root.execute("__complete", "polecat", "list", "-o", "");
    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo("json\nname\ntable\nwide\nyaml\n:4\n");
  }
}
