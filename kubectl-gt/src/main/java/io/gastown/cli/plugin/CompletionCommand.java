package io.gastown.cli.plugin;

import io.gastown.cli.GtException;
import io.gastown.cli.GtSubcommand;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl gt completion bash|zsh}: the shell script that completes {@code kubectl-gt ...}.
 */
@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    description = {
      "Print a shell completion script for kubectl-gt (bash or zsh).",
      "For `kubectl gt <TAB>` kubectl itself (1.26+, with its own completion loaded) runs the kubectl_complete-gt "
          + "script that hack/install-kubectl-gt.sh installs next to kubectl-gt; both ask `kubectl-gt __complete`, "
          + "which also completes rig, polecat and convoy names from the cluster."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  source <(kubectl gt completion bash)                 # in ~/.bashrc",
      "  kubectl gt completion zsh > \"${fpath[1]}/_kubectl-gt\"   # zsh",
      "  source <(kubectl completion bash)   # kubectl gt <TAB> (kubectl_complete-gt)"
    })
public class CompletionCommand extends GtSubcommand {
  @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
  String shell;

  @Override
  protected int run() throws IOException {
    if (!shell.equals("bash") && !shell.equals("zsh")) {
      throw GtException.invalid("no completion for shell '" + shell + "': use bash or zsh");
    }
    try (InputStream in = CompletionCommand.class.getResourceAsStream("completion." + shell)) {
      out().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return 0;
  }
}
