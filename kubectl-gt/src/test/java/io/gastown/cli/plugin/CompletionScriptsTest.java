package io.gastown.cli.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionScriptsTest {
  private static final Path MODULE =
      Path.of(System.getProperty("gastown.root", "..")).resolve("kubectl-gt");

  @TempDir Path home;

  @Test
  void printsTheScriptsUnchangedByResourceFiltering() throws Exception {
    for (String shell : new String[] {"bash", "zsh"}) {
      Cli run = Cli.run(Map.of(), home, "completion", shell);
      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.out())
          .isEqualTo(
              Files.readString(
                  MODULE.resolve("src/main/resources/io/gastown/cli/plugin/completion." + shell)));
    }
  }

  @Test
  void bashScriptIsValidBash() throws Exception {
    Path script = home.resolve("completion.bash");
    Files.writeString(script, Cli.run(Map.of(), home, "completion", "bash").out());
    Process bash =
        new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
    assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
  }

  @Test
  void kubectlCompletionScriptCallsTheProtocol() throws Exception {
    String script = Files.readString(MODULE.resolve("src/main/scripts/kubectl_complete-gt"));
    assertThat(script).startsWith("#!/bin/sh").contains("__complete \"$@\"");
  }

  @Test
  void unknownShellIsAnError() {
    Cli run = Cli.run(Map.of(), home, "completion", "fish");
    assertThat(run.exit()).isEqualTo(4);
    assertThat(run.err()).contains("no completion for shell 'fish': use bash or zsh");
  }
}
