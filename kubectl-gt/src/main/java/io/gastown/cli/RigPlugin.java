package io.gastown.cli;

import io.gastown.cli.git.RigDirectoryFiles;
import io.gastown.generate.InvalidRigSource;
import io.gastown.generate.RigGenerator;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code gastown-cmp}: the generate command of the Argo CD Config Management Plugin {@code
 * gastown-rig} (argocd/cmp/plugin.yaml). Argo CD's {@code argocd-cmp-server} runs it in the rig's
 * directory; it prints the rig's manifests, the same bytes as {@code kubectl gt render <rig>}
 * ({@link RenderCommand}). A rig that cannot be generated exits non-zero with one line per problem
 * (file, field, fix) on stderr, which Argo CD shows in the Application's ComparisonError condition;
 * it then syncs and prunes nothing of the rig.
 *
 * <p>A plain main, not a picocli command: it runs once per manifest generation, so start-up counts.
 */
public final class RigPlugin {
  /** Set by Argo CD for a plugin: the Application's source path, e.g. {@code rigs/shop}. */
  static final String SOURCE_PATH = "ARGOCD_APP_SOURCE_PATH";

  private RigPlugin() {}

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out),
            false,
            StandardCharsets.UTF_8);
    int exit = run(Path.of("").toAbsolutePath(), GtEnvironment.system(), out, System.err);
    out.flush();
    System.exit(exit);
  }

  /** Generates the rig in {@code directory}; returns the exit code. */
  static int run(Path directory, GtEnvironment environment, PrintStream out, PrintStream err) {
    String rigDirectory = rigDirectory(directory, environment.variables());
    try {
      out.print(
          Manifests.toYaml(
              RigGenerator.generate(
                  rigDirectory,
                  RigDirectoryFiles.of(directory),
                  RigDirectory.agentImage(environment))));
      return ExitCode.OK;
    } catch (InvalidRigSource e) {
      err.println(e.getMessage());
      return ExitCode.REPO_ERROR;
    } catch (RuntimeException e) {
      err.println("gastown-cmp: cannot generate " + rigDirectory + ": " + e);
      return ExitCode.UNEXPECTED;
    }
  }

  /**
   * The directory as the repository names it: Argo CD's source path, else rigs/ and the directory's
   * name.
   */
  private static String rigDirectory(Path directory, Map<String, String> variables) {
    String sourcePath = variables.get(SOURCE_PATH);
    if (sourcePath != null && !sourcePath.isBlank()) {
      return sourcePath.replaceAll("/+$", "");
    }
    Path name = directory.getFileName();
    return GitOpsLayout.rigDirectory(name == null ? "." : name.toString());
  }
}
