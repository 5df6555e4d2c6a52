package io.gastown.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl kustomize DIR} with kubectl 1.33 (kustomize v5): the machine image's, or $KUBECTL.
 */
final class Kustomize {
  static final Path DEFAULT = Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.33");

  record Result(int exitCode, String stdout, String stderr) {}

  private Kustomize() {}

  static Result build(Path directory) throws IOException, InterruptedException {
    String configured = System.getenv("KUBECTL");
    Path kubectl = configured != null && !configured.isBlank() ? Path.of(configured) : DEFAULT;
    if (!Files.isExecutable(kubectl)) {
      throw new AssertionError(
          "kubectl not found at "
              + kubectl
              + ": install google-cloud-cli's kubectl (it ships kubectl.1.33) or set KUBECTL to a kubectl >= 1.27");
    }
    Path out = Files.createTempFile("kustomize", ".out");
    Path err = Files.createTempFile("kustomize", ".err");
    try {
      Process process =
          new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + directory + " took more than 120 s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
