package io.gastown.cli.polecat;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the preview of an expanded Pod takes what git does not hold: {@code polecat preview},
 * {@code sling --expanded}.
 */
public class PreviewOptions {
  @Option(
      names = "--platform-config",
      paramLabel = "FILE",
      description =
          "The platform config (platform.yaml, as in the webhook's gastown-platform ConfigMap) for the "
              + "expanded Pod. Default: the cluster's ConfigMap when a cluster is reachable, else the built-in defaults.")
  Path platformConfig;

  @Option(
      names = "--offline",
      description =
          "Read nothing from a cluster for the expanded Pod: the platform config is --platform-config or "
              + "the built-in defaults, Secrets are not checked, a BeadStore only comes from git.")
  boolean offline;

  public Path platformConfig() {
    return platformConfig;
  }

  public boolean offline() {
    return offline;
  }
}
