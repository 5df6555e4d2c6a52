package io.gastown.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the subcommand name ({@code kubectl gt --repo R
 * sling ...} and {@code kubectl gt sling ... --repo R} both work): mixed into {@link GtCommand} and
 * inherited by all subcommands.
 */
public class GlobalOptions {
  @Option(
      names = "--repo",
      paramLabel = "PATH",
      scope = ScopeType.INHERIT,
      description =
          "The GitOps repository (a git working tree). Default: $GT_GITOPS_REPO, else `repo:` in "
              + "~/.config/gastown/kubectl-gt.yaml, else ~/.local/share/gastown/gitops.")
  Path repo;

  @Option(
      names = "--author",
      paramLabel = "'NAME <EMAIL>'",
      scope = ScopeType.INHERIT,
      description =
          "Author of the commits this command makes. Default: user.name and user.email of git config.")
  String author;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      scope = ScopeType.INHERIT,
      description = "Output format where the output is data: ${COMPLETION-CANDIDATES}.")
  OutputFormat output;

  public Path repo() {
    return repo;
  }

  public String author() {
    return author;
  }

  /** The format asked for with -o, else the command's default. */
  public OutputFormat output(OutputFormat defaultFormat) {
    return output != null ? output : defaultFormat;
  }
}
