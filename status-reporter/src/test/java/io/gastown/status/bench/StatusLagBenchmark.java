package io.gastown.status.bench;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.gastown.model.DesiredState;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.PolecatSpec;
import io.gastown.model.Rig;
import io.gastown.model.RigSpec;
import io.gastown.model.Witness;
import io.gastown.model.WitnessSpec;
import io.gastown.render.PolecatManifests;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * How long a Polecat's status trails its Pod, with 1,000 polecats, and how much memory the reporter
 * needs for them. Not a test: run it with {@code hack/bench.sh StatusLagBenchmark}.
 *
 * <p>It starts etcd and kube-apiserver (binaries from {@code hack/control-plane.sh}, through
 * kube-api-test), installs the CRDs, creates one rig with 1,000 Polecats, their Jobs and Pending
 * Pods, and runs the reporter as a separate JVM capped like a 256 MiB container ({@code
 * -XX:MaxRAM=256m}). It then changes the Pods' phases itself through the pods/status subresource
 * (no kubelet needed) and, watching the Polecats, measures for each change the time from the Pod
 * patch's return to the Polecat status showing the new phase:
 *
 * <ol>
 *   <li>Pending to Running at a steady rate (default 10 Pods/s, what this machine's apiserver
 *       sustains with the reporter's own writes and Events): Working;
 *   <li>Running to Succeeded all at once (a burst of 1,000 patches from 8 threads): Done.
 * </ol>
 *
 * The reporter's peak resident memory comes from {@code VmHWM}, its peak heap from its own
 * /metrics.
 *
 * <p>System properties: {@code bench.polecats} (1000), {@code bench.rate} (10 per second), {@code
 * bench.workers} (the reporter's default), {@code bench.maxRam} (256m), {@code
 * bench.reporterJavaOpts} (-XX:+UseSerialGC -XX:TieredStopAtLevel=1; the reporter also runs with
 * {@code MALLOC_ARENA_MAX=2}), {@code gastown.cache} / {@code gastown.k8s.version} as for the
 * tests.
 */
public final class StatusLagBenchmark {
  private static final String NAMESPACE = "bench";
  private static final String RIG = "bench";
  private static final Duration PATIENCE = Duration.ofMinutes(5);

  private final int polecats = Integer.getInteger("bench.polecats", 1000);
  private final int rate = Integer.getInteger("bench.rate", 10);
  private final String maxRam = System.getProperty("bench.maxRam", "256m");
  private final String reporterJavaOpts =
      System.getProperty("bench.reporterJavaOpts", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1");
  private final Path work = Path.of("target", "bench").toAbsolutePath();
  private final Map<String, Long> changed = new ConcurrentHashMap<>();
  private final Map<String, Long> observed = new ConcurrentHashMap<>();
  private volatile PolecatPhase awaited;

  public static void main(String[] args) throws Exception {
    new StatusLagBenchmark().run();
  }

  private void run() throws Exception {
    Files.createDirectories(work);
    KubeAPIServer apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(cacheDirectory().toString())
                .withApiServerVersion(kubernetesVersion())
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .build());
    apiServer.start();
    Process reporter = null;
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
            .build()) {
      Path kubeconfig = work.resolve("kubeconfig");
      Files.writeString(kubeconfig, apiServer.getKubeConfigYaml());
      installCrds(client);
      long t0 = System.nanoTime();
      createObjects(client);
      System.out.printf(
          "created %d polecats, Jobs and Pods in %.1f s%n",
          polecats, seconds(System.nanoTime() - t0));

      SharedIndexInformer<Polecat> watch = watchPolecats(client);
      int port = freePort();
      long started = System.nanoTime();
      reporter = startReporter(kubeconfig, port);
      MemoryWatch memory = new MemoryWatch(reporter.pid(), port);
      memory.start();
      awaitAll(watch, PolecatPhase.Pending);
      double converged = seconds(System.nanoTime() - started);
      System.out.printf(
          "reporter up and all %d polecats Pending after %.1f s%n", polecats, converged);

      awaited = PolecatPhase.Working;
      long[] steady = wave(client, "Running", rate);
      awaitAll(watch, PolecatPhase.Working);
      double[] steadyLag = lags(steady.length);

      awaited = PolecatPhase.Done;
      long[] burst = wave(client, "Succeeded", 0);
      awaitAll(watch, PolecatPhase.Done);
      double[] burstLag = lags(burst.length);

      memory.stop();
      String metrics = get(port, "/metrics");
      nativeMemory(reporter.pid());
      report(converged, steadyLag, burstLag, memory, metrics);
      watch.close();
    } finally {
      if (reporter != null) {
        reporter.destroy();
        reporter.waitFor(10, TimeUnit.SECONDS);
      }
      apiServer.stop();
    }
  }

  // ---- the cluster ----

  private void installCrds(KubernetesClient client) throws IOException {
    Path crds = Path.of(System.getProperty("gastown.root", "."), "kustomize", "base", "crds");
    try (Stream<Path> files = Files.list(crds)) {
      for (Path file : files.sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          CustomResourceDefinition crd =
              client.apiextensions().v1().customResourceDefinitions().load(in).item();
          client.resource(crd).create();
          client
              .apiextensions()
              .v1()
              .customResourceDefinitions()
              .withName(crd.getMetadata().getName())
              .waitUntilCondition(
                  c ->
                      c != null
                          && c.getStatus() != null
                          && c.getStatus().getConditions() != null
                          && c.getStatus().getConditions().stream()
                              .anyMatch(
                                  k ->
                                      "Established".equals(k.getType())
                                          && "True".equals(k.getStatus())),
                  1,
                  TimeUnit.MINUTES);
        }
      }
    }
  }

  private void createObjects(KubernetesClient client) throws Exception {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    Rig rig = new Rig();
    rig.setMetadata(new ObjectMetaBuilder().withName(RIG).build());
    RigSpec rigSpec = new RigSpec();
    rigSpec.setGitURL("https://git.example.com/team/repo.git");
    rigSpec.setBeadsPrefix("gt");
    rig.setSpec(rigSpec);
    client.resource(rig).create();
    Witness witness = new Witness();
    witness.setMetadata(
        new ObjectMetaBuilder().withName(RIG + "-witness").withNamespace(NAMESPACE).build());
    WitnessSpec witnessSpec = new WitnessSpec();
    witnessSpec.setRigRef(RIG);
    witness.setSpec(witnessSpec);
    client.resource(witness).create();

    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < polecats; i++) {
      String name = name(i);
      futures.add(pool.submit(() -> createPolecat(client, name)));
    }
    for (var f : futures) {
      f.get();
    }
    pool.shutdown();
  }

  private void createPolecat(KubernetesClient client, String name) {
    Polecat polecat = new Polecat();
    polecat.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    PolecatSpec spec = new PolecatSpec();
    spec.setRig(RIG);
    spec.setBeadID("gt-" + name.substring(2));
    spec.setDesiredState(DesiredState.Working);
    polecat.setSpec(spec);
    Map<String, String> labels = PolecatManifests.labels(polecat);
    polecat.getMetadata().setLabels(labels);
    client.resource(polecat).create();
    client
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName(PodContract.jobName(name))
                .withNamespace(NAMESPACE)
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("agent")
                .withImage("agent:bench")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    Pod pod =
        client
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(PodContract.jobName(name) + "-bench")
                    .withNamespace(NAMESPACE)
                    .withLabels(labels)
                    .endMetadata()
                    .withNewSpec()
                    .withNodeName("bench-node")
                    .withRestartPolicy("Never")
                    .addNewContainer()
                    .withName("agent")
                    .withImage("agent:bench")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    pod.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder()
            .withPhase("Pending")
            .withConditions(
                new PodConditionBuilder().withType("PodScheduled").withStatus("True").build())
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("agent")
                    .withImage("agent:bench")
                    .withNewState()
                    .withNewWaiting()
                    .withReason("ContainerCreating")
                    .endWaiting()
                    .endState()
                    .build())
            .build());
    client.resource(pod).updateStatus();
  }

  /**
   * Patches every Pod to the phase, at {@code perSecond} (0: all at once from 8 threads); returns
   * patch times.
   */
  private long[] wave(KubernetesClient client, String phase, int perSecond) throws Exception {
    changed.clear();
    observed.clear();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long start = System.nanoTime();
    System.out.printf("%s: patching Pods to %s%n", java.time.LocalTime.now(), phase);
    List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
    for (int i = 0; i < polecats; i++) {
      if (perSecond > 0) {
        long due = start + i * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
      String name = name(i);
      futures.add(
          pool.submit(
              () -> {
                patchPod(client, name, phase);
                changed.put(name, System.nanoTime());
              }));
    }
    for (var f : futures) {
      f.get();
    }
    pool.shutdown();
    System.out.printf(
        "patched %d Pods to %s in %.1f s%n", polecats, phase, seconds(System.nanoTime() - start));
    return changed.values().stream().mapToLong(Long::longValue).toArray();
  }

  private static void patchPod(KubernetesClient client, String name, String phase) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    String state =
        "Running".equals(phase)
            ? "{\"running\":{\"startedAt\":\"" + now + "\"}}"
            : "{\"terminated\":{\"exitCode\":0,\"reason\":\"Completed\",\"startedAt\":\""
                + now
                + "\",\"finishedAt\":\""
                + now
                + "\"}}";
    String patch =
        "{\"status\":{\"phase\":\""
            + phase
            + "\",\"startTime\":\""
            + now
            + "\",\"containerStatuses\":[{"
            + "\"name\":\"agent\",\"image\":\"agent:bench\",\"imageID\":\"\",\"ready\":false,\"restartCount\":0,"
            + "\"state\":"
            + state
            + "}]}}";
    client
        .pods()
        .inNamespace(NAMESPACE)
        .withName(PodContract.jobName(name) + "-bench")
        .subresource("status")
        .patch(
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
                io.fabric8.kubernetes.client.dsl.base.PatchType.STRATEGIC_MERGE),
            patch);
  }

  private SharedIndexInformer<Polecat> watchPolecats(KubernetesClient client) {
    return client
        .resources(Polecat.class)
        .inNamespace(NAMESPACE)
        .inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(Polecat polecat) {
                seen(polecat);
              }

              @Override
              public void onUpdate(Polecat before, Polecat after) {
                seen(after);
              }

              @Override
              public void onDelete(Polecat polecat, boolean unknown) {}
            });
  }

  private void seen(Polecat polecat) {
    if (polecat.getStatus() != null
        && polecat.getStatus().getPhase() == awaited
        && awaited != null) {
      observed.putIfAbsent(polecat.getMetadata().getName(), System.nanoTime());
    }
  }

  private void awaitAll(SharedIndexInformer<Polecat> watch, PolecatPhase phase)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      long count =
          watch.getStore().list().stream()
              .filter(p -> p.getStatus() != null && p.getStatus().getPhase() == phase)
              .count();
      if (count == polecats) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("not all polecats reached " + phase + " within " + PATIENCE);
  }

  /** Seconds from each Pod patch to the Polecat's new phase, sorted. */
  private double[] lags(int expected) {
    double[] lags =
        changed.entrySet().stream()
            .mapToDouble(
                e -> seconds(observed.getOrDefault(e.getKey(), e.getValue()) - e.getValue()))
            .map(l -> Math.max(0, l))
            .sorted()
            .toArray();
    if (lags.length != expected) {
      throw new IllegalStateException("measured " + lags.length + " lags, expected " + expected);
    }
    return lags;
  }

  // ---- the reporter process ----

  private Process startReporter(Path kubeconfig, int port) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxRAM=" + maxRam,
                "-XX:MaxRAMPercentage=75",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                "-XX:NativeMemoryTracking=summary"));
    if (!reporterJavaOpts.isBlank()) {
      command.addAll(List.of(reporterJavaOpts.trim().split("\\s+")));
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "io.gastown.status.StatusReporter"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("reporter.log").toFile());
    builder.environment().put("KUBECONFIG", kubeconfig.toString());
    builder.environment().put("GASTOWN_HTTP_PORT", Integer.toString(port));
    builder.environment().put("POD_NAME", "bench-reporter");
    builder.environment().put("POD_NAMESPACE", NAMESPACE);
    // glibc's per-thread malloc arenas otherwise add tens of MiB of resident memory no JVM flag
    // bounds.
    builder.environment().put("MALLOC_ARENA_MAX", "2");
    String workers = System.getProperty("bench.workers");
    if (workers != null) {
      builder.environment().put("GASTOWN_STATUS_WORKERS", workers);
    }
    return builder.start();
  }

  /**
   * Polls the reporter's resident set (peak kept by the kernel in VmHWM) and its heap in use (from
   * /metrics).
   */
  private static final class MemoryWatch {
    private final long pid;
    private final int port;
    private final AtomicLong peakHeap = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;
    private long peakRss;

    MemoryWatch(long pid, int port) {
      this.pid = pid;
      this.port = port;
    }

    void start() {
      thread =
          new Thread(
              () -> {
                while (running) {
                  try {
                    peakHeap.accumulateAndGet(heapUsed(get(port, "/metrics")), Math::max);
                  } catch (Exception notUpYet) {
                    // the reporter is still starting
                  }
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "memory-watch");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws Exception {
      running = false;
      thread.join();
      peakRss =
          Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
              .filter(l -> l.startsWith("VmHWM:"))
              .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
              .findFirst()
              .orElse(-1);
    }

    private static long heapUsed(String metrics) {
      return (long)
          metrics
              .lines()
              .filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\""))
              .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
              .sum();
    }
  }

  /**
   * Where the reporter's resident memory goes (heap, metaspace, threads, code), for
   * target/bench/nmt.txt.
   */
  private void nativeMemory(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.native_memory", "summary")
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("nmt.txt").toFile())
            .start();
    p.waitFor(30, TimeUnit.SECONDS);
  }

  // ---- the report ----

  private void report(
      double converged, double[] steady, double[] burst, MemoryWatch memory, String metrics) {
    String writes =
        metrics
            .lines()
            .filter(
                l ->
                    l.startsWith("gastown_status_writes_total")
                        || l.startsWith("gastown_status_lag_seconds") && !l.contains("_bucket"))
            .reduce((a, b) -> a + "\n" + b)
            .orElse("");
    System.out.println();
    System.out.printf("| polecats | %d |%n", polecats);
    System.out.printf(
        "| start-up: reporter started to all statuses written | %.1f s |%n", converged);
    System.out.printf(
        "| Pending -> Running %s: lag p50 / p99 / max | %s |%n",
        rate > 0 ? "at " + rate + " Pods/s" : polecats + " at once", summary(steady));
    System.out.printf(
        "| Running -> Succeeded, %d at once: lag p50 / p99 / max | %s |%n",
        polecats, summary(burst));
    System.out.printf(
        "| reporter peak resident memory (VmHWM), -XX:MaxRAM=%s %s MALLOC_ARENA_MAX=2 | %.0f MiB |%n",
        maxRam, reporterJavaOpts, memory.peakRss / 1048576.0);
    System.out.printf(
        "| reporter peak heap in use | %.0f MiB |%n", memory.peakHeap.get() / 1048576.0);
    System.out.println();
    System.out.println(writes);
  }

  private static String summary(double[] sorted) {
    return String.format(
        "%.0f ms / %.0f ms / %.0f ms",
        1000 * percentile(sorted, 0.50),
        1000 * percentile(sorted, 0.99),
        1000 * sorted[sorted.length - 1]);
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  // ---- helpers ----

  private static String name(int i) {
    return String.format("pc%04d", i);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String get(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Path cacheDirectory() {
    String configured = System.getProperty("gastown.cache", System.getenv("GASTOWN_CACHE"));
    return configured != null
        ? Path.of(configured)
        : Path.of(System.getProperty("user.home"), ".cache", "gastown");
  }

  private static String kubernetesVersion() throws IOException {
    String configured = System.getProperty("gastown.k8s.version");
    if (configured != null) {
      return configured;
    }
    try (InputStream in =
        StatusLagBenchmark.class.getResourceAsStream(
            "/io/gastown/testing/control-plane.properties")) {
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      return properties.getProperty("K8S_VERSION");
    }
  }
}
