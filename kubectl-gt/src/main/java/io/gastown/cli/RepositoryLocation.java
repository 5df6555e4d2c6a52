package io.gastown.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the GitOps repository is: {@code --repo}, else {@code $GT_GITOPS_REPO}, else {@code repo:}
 * in {@code ~/.config/gastown/kubectl-gt.yaml}, else {@code ~/.local/share/gastown/gitops}.
 */
public final class RepositoryLocation {
  public static final String CONFIG_FILE = ".config/gastown/kubectl-gt.yaml";
  public static final String DEFAULT = ".local/share/gastown/gitops";

  private RepositoryLocation() {}

  public static Path resolve(GlobalOptions global, GtEnvironment environment) {
    if (global.repo() != null) {
      return global.repo().toAbsolutePath().normalize();
    }
    String variable = environment.get(GtEnvironment.GITOPS_REPO);
    if (variable != null) {
      return Path.of(variable).toAbsolutePath().normalize();
    }
    Path configured = fromConfig(environment.home().resolve(CONFIG_FILE));
    if (configured != null) {
      return configured;
    }
    return environment.home().resolve(DEFAULT);
  }

  /**
   * The {@code repo:} line of the config file (a one-key YAML file; ~ means the home directory).
   */
  static Path fromConfig(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        String trimmed = line.strip();
        if (trimmed.startsWith("repo:")) {
          String value =
              trimmed.substring("repo:".length()).strip().replaceAll("^[\"']|[\"']$", "");
          if (value.startsWith("~/")) {
            value = System.getProperty("user.home") + value.substring(1);
          }
          return value.isEmpty() ? null : Path.of(value).toAbsolutePath().normalize();
        }
      }
      return null;
    } catch (IOException e) {
      throw GtException.repo("cannot read " + file + ": " + e.getMessage());
    }
  }
}
