package io.gastown.cli.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.cluster.ClusterFixtures;
import io.gastown.cli.cluster.Fixtures;
import io.gastown.model.PolecatPhase;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Wall time of {@code kubectl gt polecat list} against {@code kubectl get polecats} on the same
 * apiserver (the test control plane, 20 polecats in one namespace), each the median of {@value
 * #RUNS} runs after {@value #WARMUP} warm-up runs. kubectl-gt is installed by
 * hack/install-kubectl-gt.sh (launcher, jar, class-data archive) into a temporary directory put on
 * PATH, so {@code kubectl gt} runs it as users do; other rows show what the launcher's flags and
 * the archive gain. Run by {@code hack/bench.sh PolecatListBenchmark}; needs the shaded jar
 * (target/kubectl-gt.jar) and kubectl on PATH. Prints a Markdown table for docs/benchmarks.md.
 *
 * <p>The measurement is a JUnit test class run through the JUnit launcher, only to get the control
 * plane from the test-support extension; surefire and failsafe never run it (the class names match
 * neither *Test nor *IT).
 */
public final class PolecatListBenchmark {
  static final int WARMUP = 2;
  static final int RUNS = 11;
  static final String NAMESPACE = "bench";

  private PolecatListBenchmark() {}

  public static void main(String[] args) {
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create()
        .execute(
            LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Measure.class)).build(),
            summary);
    if (summary.getSummary().getTotalFailureCount() > 0) {
      summary.getSummary().getFailures().forEach(f -> f.getException().printStackTrace());
      System.exit(1);
    }
  }

  /** The measurement, as a test so the control plane extension provides the apiserver. */
  @ControlPlane
  public static final class Measure {
    @Test
    void measure(KubernetesClient client, ControlPlaneInfo info) throws Exception {
      ClusterFixtures.namespace(client, NAMESPACE);
      for (int i = 0; i < 20; i++) {
        ClusterFixtures.createPolecat(
            client,
            Fixtures.polecat(NAMESPACE, "polecat-" + i, "bench", "gt-" + i, PolecatPhase.Working));
      }
      Path root = Path.of(System.getProperty("gastown.root", "..")).toAbsolutePath().normalize();
      // Installed as users install it: launcher, jar, class-data archive, next to each other on
      // PATH.
      Path bin = Files.createTempDirectory("kubectl-gt-bench");
      ProcessBuilder installer =
          new ProcessBuilder(
                  "bash", root.resolve("hack/install-kubectl-gt.sh").toString(), bin.toString())
              .directory(root.toFile())
              .inheritIO();
      installer.environment().put("SKIP_BUILD", "1");
      Process install = installer.start();
      Map<String, String> env = new ProcessBuilder().environment();
      if (install.waitFor() != 0 || !Files.isRegularFile(bin.resolve("kubectl-gt.aot"))) {
        throw new IllegalStateException(
            "hack/install-kubectl-gt.sh " + bin + " failed or made no class-data archive");
      }
      String path = bin + java.io.File.pathSeparator + env.get("PATH");
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      String kubeconfig = info.kubeconfig().toString();
      List<String> gt = List.of("polecat", "list", "-n", NAMESPACE, "--kubeconfig", kubeconfig);

      System.out.println("| command | median (ms) | min (ms) | max (ms) |");
      System.out.println("|---|---|---|---|");
      report(
          "`kubectl get polecats`",
          path,
          List.of("kubectl", "get", "polecats", "-n", NAMESPACE, "--kubeconfig", kubeconfig));
      report(
          "`kubectl gt polecat list` (installed launcher: C1, serial GC, class-data archive)",
          path,
          concat(List.of("kubectl", "gt"), gt));
      report(
          "`kubectl-gt polecat list` (launcher flags, no class-data archive)",
          path,
          concat(
              List.of(
                  java,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-jar",
                  bin.resolve("kubectl-gt.jar").toString()),
              gt));
      report(
          "`kubectl-gt polecat list` (plain `java -jar`)",
          path,
          concat(List.of(java, "-jar", bin.resolve("kubectl-gt.jar").toString()), gt));
      report(
          "`kubectl gt version` (installed launcher, no cluster)",
          path,
          List.of("kubectl", "gt", "version"));
      try (var files = Files.list(bin)) {
        for (Path file : files.toList()) {
          Files.delete(file);
        }
      }
      Files.delete(bin);
    }

    private static void report(String label, String path, List<String> command)
        throws IOException, InterruptedException {
      for (int i = 0; i < WARMUP; i++) {
        run(path, command);
      }
      List<Long> millis = new ArrayList<>();
      for (int i = 0; i < RUNS; i++) {
        long start = System.nanoTime();
        run(path, command);
        millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
      Collections.sort(millis);
      System.out.printf(
          "| %s | %d | %d | %d |%n",
          label, millis.get(RUNS / 2), millis.get(0), millis.get(RUNS - 1));
    }

    private static void run(String path, List<String> command)
        throws IOException, InterruptedException {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("PATH", path);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(120, TimeUnit.SECONDS)
          || process.exitValue() != 0
          || !output.contains("polecat-") && command.contains("polecat")) {
        throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
      }
    }

    private static List<String> concat(List<String> a, List<String> b) {
      List<String> all = new ArrayList<>(a);
      all.addAll(b);
      return all;
    }
  }
}
