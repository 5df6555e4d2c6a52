package io.gastown.dev;

import io.gastown.cli.RigPlugin;
import java.nio.file.Path;
import java.util.List;

/**
 * The generate command of the gastown-rig Argo CD plugin on this host: what the image's {@code
 * gastown-cmp} launcher runs ({@link RigPlugin} with the launcher's JVM flags), on this JVM and
 * class path, for LocalArgoCd's argocd-cmp-server.
 */
public final class LocalPlugin {
  private LocalPlugin() {}

  public static List<String> generateCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return List.of(
        java,
        "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC",
        "-XX:-UsePerfData",
        "-Xshare:auto",
        "-cp",
        System.getProperty("java.class.path"),
        RigPlugin.class.getName());
  }
}
