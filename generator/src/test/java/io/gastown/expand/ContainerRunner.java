package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a container's command on this machine as the kubelet would: its literal env values, no shell
 * around it.
 */
final class ContainerRunner {
  record Outcome(int exitCode, String output) {}

  private ContainerRunner() {}

  static Map<String, String> env(Container container) {
    Map<String, String> env = new HashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      }
    }
    return env;
  }

  static Outcome run(Container container, Map<String, String> overrides, Path workingDir)
      throws Exception {
    List<String> command = new ArrayList<>(container.getCommand());
    if (container.getArgs() != null) {
      command.addAll(container.getArgs());
    }
    ProcessBuilder process =
        new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true);
    process.environment().clear();
    process.environment().putAll(env(container));
    process.environment().put("PATH", System.getenv("PATH"));
    process.environment().putAll(overrides);
    process.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    process.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    Process started = process.start();
    String output = new String(started.getInputStream().readAllBytes());
    assertThat(started.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Outcome(started.exitValue(), output);
  }

  static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("git %s: %s", String.join(" ", args), output).isZero();
    return output;
  }

  /** A bare repository with one commit on main, as the remote a polecat clones. */
  static Path origin(Path tmp) throws IOException, InterruptedException {
    Path origin = tmp.resolve("origin.git");
    Path seed = tmp.resolve("seed");
    git(tmp, "init", "--quiet", "--bare", "--initial-branch=main", origin.toString());
    git(tmp, "init", "--quiet", "--initial-branch=main", seed.toString());
    java.nio.file.Files.writeString(seed.resolve("README.md"), "hello\n");
    git(seed, "add", "README.md");
    git(seed, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "first");
    git(seed, "push", "--quiet", origin.toUri().toString(), "main");
    return origin;
  }
}
