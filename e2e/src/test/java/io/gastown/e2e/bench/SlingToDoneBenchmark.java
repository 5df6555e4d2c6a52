package io.gastown.e2e.bench;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.cluster.ArgoCdRefresh;
import io.gastown.dev.LocalGasTown;
import io.gastown.dev.LocalPlugin;
import io.gastown.e2e.Gt;
import io.gastown.e2e.SlingToDone;
import io.gastown.testing.Golden;
import io.gastown.testing.LocalArgoCd;
import io.gastown.testing.StandaloneControlPlane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;

/**
 * Sling to Done under real Argo CD, one polecat at a time, split into git write, Argo CD noticing,
 * sync, admission, the pod's run and status lag ({@link SlingToDone}); median, 90th percentile and
 * maximum of each over {@code bench.runs} runs (default 10) after 2 warm-up runs, then the resident
 * memory of each Argo CD process. Not a test: {@code hack/bench.sh SlingToDoneBenchmark}.
 *
 * <p>Runs what hack/dev.sh runs, in this JVM: the control plane binaries with kwok (from
 * hack/control-plane.sh), the webhook over TLS registered with the apiserver, the status reporter,
 * Argo CD's components ({@link LocalArgoCd}) reading a bare repository over file://, and kubectl gt
 * in-process (so no JVM start-up is counted; the kubectl-gt start-up is measured by
 * PolecatListBenchmark) with its refresh trigger on.
 */
public final class SlingToDoneBenchmark {
  private static final String RIG = "bench";
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  public static void main(String[] args) throws Exception {
    int runs = Integer.getInteger("bench.runs", 10);
    int warmUp = 2;
    Path work =
        Files.createDirectories(Path.of("target", "bench", "sling-to-done").toAbsolutePath());
    try (StandaloneControlPlane plane =
            StandaloneControlPlane.start(work.resolve("control-plane"), PATIENCE);
        LocalGasTown town =
            LocalGasTown.start(
                plane.info().kubeconfig(), Golden.root(), work.resolve("town"), PATIENCE);
        KubernetesClient client = plane.newClient()) {
      long stamp = System.currentTimeMillis();
      Path remote = work.resolve("gitops-" + stamp + ".git");
      Git.init()
          .setBare(true)
          .setInitialBranch("main")
          .setDirectory(remote.toFile())
          .call()
          .close();
      LocalArgoCd argo =
          LocalArgoCd.start(
              plane.info(),
              client,
              Golden.root(),
              remote.toUri().toString(),
              LocalPlugin.generateCommand(),
              work.resolve("argocd"),
              PATIENCE);
      Path repository = work.resolve("gitops-" + stamp);
      Gt gt =
          new Gt(
              Map.of(
                  GtEnvironment.GITOPS_REPO,
                  repository.toString(),
                  "KUBECONFIG",
                  plane.info().kubeconfig().toString(),
                  ArgoCdRefresh.NAMESPACE_VARIABLE,
                  LocalArgoCd.NAMESPACE),
              Files.createDirectories(work.resolve("home")));
      gt.ok("init", "--remote", remote.toUri().toString());
      gt.ok(
          "rig",
          "create",
          RIG,
          "--git-url",
          "https://github.com/acme/bench.git",
          "--prefix",
          "bm",
          "--claude-secret",
          "claude-home");
      awaitNamespace(client, "gt-" + RIG);
      client
          .secrets()
          .inNamespace("gt-" + RIG)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("claude-home")
                  .endMetadata()
                  .addToStringData(".credentials.json", "placeholder")
                  .build())
          .serverSideApply();

      List<SlingToDone.Split> splits = new ArrayList<>();
      for (int i = 1; i <= warmUp + runs; i++) {
        SlingToDone.Split split = SlingToDone.measure(gt, client, argo, RIG, "bm-" + i, PATIENCE);
        System.out.println((i <= warmUp ? "warm-up " : "run ") + i + ": " + split);
        if (i > warmUp) {
          splits.add(split);
        }
      }
      print(splits);
      System.out.printf(
          "%nArgo CD processes, resident memory after the runs (load average %s)%n", loadAverage());
      argo.residentMemory()
          .forEach((name, kib) -> System.out.printf("| %-34s | %6d MiB |%n", name, kib / 1024));
      argo.close();
    }
  }

  private static void awaitNamespace(KubernetesClient client, String namespace)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (client.namespaces().withName(namespace).get() == null) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Argo CD did not create namespace " + namespace);
      }
      Thread.sleep(100);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static void print(List<SlingToDone.Split> splits) {
    System.out.printf("%nSling to Done, %d runs, one polecat at a time (ms)%n", splits.size());
    System.out.printf("| %-42s | %6s | %6s | %6s |%n", "step", "median", "p90", "max");
    System.out.printf(
        "|%s|%s|%s|%s|%n", "-".repeat(44), "-".repeat(8), "-".repeat(8), "-".repeat(8));
    List<String> names = SlingToDone.Split.names();
    for (int part = 0; part < names.size(); part++) {
      int index = part;
      List<Long> values =
          splits.stream()
              .map(s -> s.parts().get(index).toMillis())
              .sorted(Comparator.naturalOrder())
              .toList();
      System.out.printf(
          "| %-42s | %6d | %6d | %6d |%n",
          names.get(part),
          percentile(values, 50),
          percentile(values, 90),
          values.get(values.size() - 1));
    }
  }

  private static long percentile(List<Long> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }
}
