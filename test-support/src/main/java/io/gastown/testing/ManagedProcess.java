package io.gastown.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One control plane process, its output in a log file, stopped with SIGTERM and then, if need be,
 * SIGKILL.
 */
final class ManagedProcess {
  private final String name;
  private final Path log;
  private final Process process;

  private ManagedProcess(String name, Path log, Process process) {
    this.name = name;
    this.log = log;
    this.process = process;
  }

  static ManagedProcess start(String name, Path logDirectory, List<String> command) {
    return start(name, logDirectory, command, Map.of());
  }

  /** Starts the command with this process's environment plus {@code environment} (which wins). */
  static ManagedProcess start(
      String name, Path logDirectory, List<String> command, Map<String, String> environment) {
    Path log = logDirectory.resolve(name + ".log");
    try {
      Files.writeString(log, String.join(" ", command) + "\n\n");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // Every setting is a flag here; etcd refuses to start when an ETCD_* variable repeats one
      // (hack/bench.sh
      // exports ETCD_UNSAFE_NO_FSYNC for kube-api-test's etcd).
      builder.environment().keySet().removeIf(variable -> variable.startsWith("ETCD_"));
      builder.environment().putAll(environment);
      Process process = builder.start();
      return new ManagedProcess(name, log, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + ")", e);
    }
  }

  /** Throws, with the end of the log, when the process has exited. */
  void checkAlive() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          name
              + " exited with code "
              + process.exitValue()
              + "; end of "
              + log
              + ":\n"
              + logTail(40));
    }
  }

  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /**
   * Resident memory (VmRSS) in KiB from /proc, or -1 when the process is gone or the value
   * unreadable.
   */
  long residentKib() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  String name() {
    return name;
  }

  void stop() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Polls {@code condition} until it holds. Fails at once when a watched process has died, and
   * after {@code timeout} with the end of the last watched process's log.
   */
  static void await(
      String what,
      List<ManagedProcess> watched,
      BooleanSupplier condition,
      Duration timeout,
      Duration poll) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      watched.forEach(ManagedProcess::checkAlive);
      if (System.nanoTime() > deadline) {
        ManagedProcess last = watched.get(watched.size() - 1);
        throw new IllegalStateException(
            "Timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + " (raise -Dgastown.controlplane.timeout=<seconds> on a slow machine); end of "
                + last.name()
                + ".log:\n"
                + last.logTail(40));
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }
}
