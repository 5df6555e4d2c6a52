package io.gastown.deploy;

import io.gastown.template.Yamls;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs kubectl 1.33 (kustomize v5 built in): the machine image's, or the one named by $KUBECTL. */
final class Kubectl {
  private static final Path DEFAULT = Path.of("/usr/lib/google-cloud-sdk/bin/kubectl.1.33");

  private Kubectl() {}

  record Result(int exitCode, String stdout, String stderr) {
    Result orFail(String what) {
      if (exitCode != 0) {
        throw new AssertionError(what + " failed (exit " + exitCode + "):\n" + stderr + stdout);
      }
      return this;
    }
  }

  static Path binary() {
    String configured = System.getenv("KUBECTL");
    Path path = configured != null && !configured.isBlank() ? Path.of(configured) : DEFAULT;
    if (!Files.isExecutable(path)) {
      throw new AssertionError(
          "kubectl not found at "
              + path
              + ": install google-cloud-cli's kubectl (it ships kubectl.1.33) or set KUBECTL to a kubectl >= 1.27");
    }
    return path;
  }

  /** `kubectl kustomize DIR` as a list of objects. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> kustomize(Path directory) {
    String yaml =
        run(null, "kustomize", directory.toString())
            .orFail("kubectl kustomize " + directory)
            .stdout();
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : Yamls.loadAll(yaml)) {
      objects.add((Map<String, Object>) document);
    }
    return objects;
  }

  static String kustomizeText(Path directory) {
    return run(null, "kustomize", directory.toString())
        .orFail("kubectl kustomize " + directory)
        .stdout();
  }

  static Result run(Path stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.addAll(List.of(args));
    return exec(command, stdin, Map.of());
  }

  static Result exec(List<String> command, Path stdin, Map<String, String> environment) {
    return exec(command, stdin, environment, 120);
  }

  static Result exec(
      List<String> command, Path stdin, Map<String, String> environment, long timeoutSeconds) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().putAll(environment);
      if (stdin != null) {
        builder.redirectInput(stdin.toFile());
      } else {
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      }
      Path out = Files.createTempFile("gt-exec", ".out");
      Path err = Files.createTempFile("gt-exec", ".err");
      try {
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(
              "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
        }
        return new Result(
            process.exitValue(),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new AssertionError(
          "cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted: " + String.join(" ", command), e);
    }
  }
}
