package io.gastown.webhook.bench;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.AdmissionPolicy;
import io.gastown.model.Agent;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.RigSettings;
import io.gastown.testing.Golden;
import io.gastown.testing.TestPki;
import io.gastown.webhook.ClusterView;
import io.gastown.webhook.Fixtures;
import io.gastown.webhook.InformerClusterView;
import io.gastown.webhook.KeepAliveHttps;
import io.gastown.webhook.Reviews;
import io.gastown.webhook.StaticClusterView;
import io.gastown.webhook.WebhookApp;
import io.gastown.webhook.WebhookSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Admission load over HTTPS on loopback, and the apiserver's Pod-create latency with the webhook
 * and without it. Not a test: run it with {@code hack/bench.sh AdmissionBenchmark}; record the
 * figures in docs/benchmarks.md.
 *
 * <ol>
 *   <li>Closed loop: {@code bench.concurrency} clients send {@code bench.requests} Pod
 *       AdmissionReviews (the expansion path, the heaviest) as fast as the webhook answers:
 *       throughput and latency.
 *   <li>Open loop at {@code bench.rate} requests/s for {@code bench.seconds}: each latency is
 *       measured from the request's scheduled send time, so a stall counts against every request it
 *       delays.
 *   <li>If the control plane binaries are there (hack/control-plane.sh): {@code bench.pods} Pods
 *       created one after another through a real kube-apiserver, first with no webhook registered,
 *       then with the checked-in MutatingWebhookConfiguration pointed at the webhook (real
 *       informers, metadata GETs for the Secrets).
 * </ol>
 *
 * Every loop is bounded in count and in time; everything runs on 127.0.0.1.
 */
public final class AdmissionBenchmark {
  private static final int WARMUP = Integer.getInteger("bench.warmup", 5000);
  private static final int REQUESTS = Integer.getInteger("bench.requests", 20000);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 8);
  private static final int RATE = Integer.getInteger("bench.rate", 1000);
  private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
  private static final int OPEN_WARMUP_SECONDS = Integer.getInteger("bench.openWarmUpSeconds", 10);
  private static final int PODS = Integer.getInteger("bench.pods", 300);
  private static final int MAX_IN_FLIGHT = Integer.getInteger("bench.inFlight", 64);
  private static final Duration LIMIT = Duration.ofSeconds(120);

  /** CPU time of the load generator's threads, added by each when it ends. */
  private static final AtomicLong LOAD_CPU_NANOS = new AtomicLong();

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private AdmissionBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.printf(
        "java %s, %d cores, load average at start: %s%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), loadAverage());
    TestPki certificates = TestPki.rsa("gastown-bench");
    loopback(certificates);
    apiserver(certificates);
    System.out.println("load average at the end: " + loadAverage());
    System.exit(0);
  }

  private static void loopback(TestPki certificates) throws Exception {
    StaticClusterView cluster =
        new StaticClusterView().with(Fixtures.polecat()).with(budgetedRig()).withAnySecret();
    WebhookApp app = start(certificates, cluster);
    try {
      String review = Reviews.createPod(Fixtures.podFromJob());
      System.out.printf("AdmissionReview for a Pod: %d bytes%n", review.length());
      Connections connections =
          () ->
              new KeepAliveHttps(
                  certificates.trustingContext(), app.port(), "/mutate/pods", review);

      closedLoop(connections, WARMUP, CONCURRENCY);
      long cpuBefore = processCpuNanos();
      long serverCpuBefore = jettyThreadsCpuNanos();
      long clientCpuBefore = LOAD_CPU_NANOS.get();
      Result closed = closedLoop(connections, REQUESTS, CONCURRENCY);
      double cpuPerRequest = (processCpuNanos() - cpuBefore) / 1e6 / closed.count();
      double serverCpuPerRequest =
          (jettyThreadsCpuNanos() - serverCpuBefore) / 1e6 / closed.count();
      double clientCpuPerRequest = (LOAD_CPU_NANOS.get() - clientCpuBefore) / 1e6 / closed.count();
      System.out.printf(
          "closed loop, %d clients: %d requests in %.2f s = %.0f req/s, %d errors; %s%n",
          CONCURRENCY,
          closed.count(),
          closed.seconds(),
          closed.count() / closed.seconds(),
          closed.errors(),
          closed.latencies());
      System.out.printf(
          "CPU per request: %.2f ms in this JVM (client, server, JIT and GC), of which the webhook's"
              + " Jetty threads (TLS, HTTP, admission) %.2f ms and the load generator's threads"
              + " %.2f ms%n",
          cpuPerRequest, serverCpuPerRequest, clientCpuPerRequest);

      // The open loop's own warm-up: its thread pattern (64 connections, one request each at a
      // time) reaches code and compilations that the closed loop's 8 did not.
      // Like the apiserver, the measured loop keeps the connections the warm-up opened.
      List<KeepAliveHttps> pool = new ArrayList<>();
      for (int c = 0; c < MAX_IN_FLIGHT; c++) {
        pool.add(connections.open());
      }
      openLoop(pool, RATE, OPEN_WARMUP_SECONDS);
      long gcBefore = gcMillis();
      serverCpuBefore = jettyThreadsCpuNanos();
      clientCpuBefore = LOAD_CPU_NANOS.get();
      Result open = openLoop(pool, RATE, SECONDS);
      for (KeepAliveHttps connection : pool) {
        connection.close();
      }
      System.out.printf(
          "open loop at %d req/s for %d s, at most %d in flight: %d requests, %d errors, achieved"
              + " %.0f req/s; %s; CPU per request: webhook %.2f ms, load generator %.2f ms; GC pauses"
              + " %d ms%n",
          RATE,
          SECONDS,
          MAX_IN_FLIGHT,
          open.count(),
          open.errors(),
          open.count() / open.seconds(),
          open.latencies(),
          (jettyThreadsCpuNanos() - serverCpuBefore) / 1e6 / open.count(),
          (LOAD_CPU_NANOS.get() - clientCpuBefore) / 1e6 / open.count(),
          gcMillis() - gcBefore);
      HttpClient client =
          HttpClient.newBuilder().sslContext(certificates.trustingContext()).build();
      System.out.println(
          "server-side (admission duration histogram): " + serverSide(client, app, certificates));
    } finally {
      app.stop();
    }
  }

  /** Opens a new keep-alive connection to the webhook. */
  private interface Connections {
    KeepAliveHttps open() throws IOException;
  }

  record Result(int count, int errors, double seconds, String latencies) {}

  /**
   * {@code concurrency} clients, each on its own connection, each sending its next request when the
   * last is answered.
   */
  private static Result closedLoop(Connections connections, int count, int concurrency)
      throws InterruptedException {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    long deadline = System.nanoTime() + LIMIT.toNanos();
    long start = System.nanoTime();
    List<Thread> clients = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      clients.add(
          Thread.ofPlatform()
              .name("load-closed-" + w)
              .start(
                  () -> {
                    try (KeepAliveHttps connection = connections.open()) {
                      for (int i = next.getAndIncrement();
                          i < count && System.nanoTime() < deadline;
                          i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        if (!connection.post()) {
                          errors.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - sent;
                      }
                    } catch (IOException e) {
                      errors.incrementAndGet();
                    }
                    LOAD_CPU_NANOS.addAndGet(THREADS.getCurrentThreadCpuTime());
                  }));
    }
    for (Thread client : clients) {
      client.join(LIMIT.toMillis() + 10_000);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    int done = Math.min(next.get(), count);
    return new Result(done, errors.get(), seconds, percentiles(Arrays.copyOf(latencies, done)));
  }

  /**
   * Requests scheduled at {@code rate} per second, served by at most {@link #MAX_IN_FLIGHT}
   * connections (like the apiserver's pool): a request that waits for a free connection is late,
   * and its latency, measured from its scheduled time, says so.
   */
  private static Result openLoop(List<KeepAliveHttps> pool, int rate, int seconds)
      throws Exception {
    int count = rate * seconds;
    long[] latencies = new long[count];
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger completed = new AtomicInteger();
    long interval = 1_000_000_000L / rate;
    BlockingQueue<Integer> due = new LinkedBlockingQueue<>();
    long start = System.nanoTime() + 50_000_000L;
    long deadline = start + LIMIT.toNanos();
    List<Thread> workers = new ArrayList<>();
    for (KeepAliveHttps connection : pool) {
      workers.add(
          Thread.ofPlatform()
              .name("load-open-" + workers.size())
              .start(
                  () -> {
                    try {
                      for (Integer i = due.take(); i >= 0; i = due.take()) {
                        try {
                          if (!connection.post()) {
                            errors.incrementAndGet();
                          }
                        } catch (IOException e) {
                          errors.incrementAndGet();
                        }
                        latencies[i] = System.nanoTime() - (start + i * interval);
                        completed.incrementAndGet();
                      }
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    LOAD_CPU_NANOS.addAndGet(THREADS.getCurrentThreadCpuTime());
                  }));
    }
    for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
      long wait = start + i * interval - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      due.add(i);
    }
    for (int w = 0; w < workers.size(); w++) {
      due.add(-1);
    }
    for (Thread worker : workers) {
      worker.join(LIMIT.toMillis());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (Boolean.getBoolean("bench.windows")) {
      for (int from = 0; from < count; from += rate) {
        long[] window = Arrays.copyOfRange(latencies, from, Math.min(count, from + rate));
        System.out.printf("  second %d: %s%n", from / rate, percentiles(window));
      }
    }
    return new Result(
        completed.get(),
        errors.get() + (count - completed.get()),
        elapsed,
        percentiles(Arrays.stream(latencies).filter(latency -> latency > 0).toArray()));
  }

  private static String serverSide(HttpClient client, WebhookApp app, TestPki certificates)
      throws Exception {
    String metrics =
        client
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    StringBuilder out = new StringBuilder();
    double total = bucket(metrics, "+Inf");
    for (String le : new String[] {"5.0E-4", "0.001", "0.002", "0.005", "0.01"}) {
      out.append(
          String.format(
              "<=%sms %.2f%%  ", Double.parseDouble(le) * 1000, 100 * bucket(metrics, le) / total));
    }
    return out.toString().strip();
  }

  private static double bucket(String metrics, String le) {
    String prefix =
        "gastown_webhook_admission_duration_seconds_bucket{endpoint=\"/mutate/pods\",le=\""
            + le
            + "\"} ";
    return metrics
        .lines()
        .filter(line -> line.startsWith(prefix))
        .findFirst()
        .map(line -> Double.parseDouble(line.substring(prefix.length())))
        .orElse(Double.NaN);
  }

  private static void apiserver(TestPki certificates) throws Exception {
    Path cache =
        Path.of(
            System.getProperty(
                "gastown.cache",
                System.getenv()
                    .getOrDefault(
                        "GASTOWN_CACHE", System.getProperty("user.home") + "/.cache/gastown")));
    String version = kubernetesVersion();
    Path binaries = cache.resolve("k8s").resolve(version + "-linux-amd64");
    if (!Files.isExecutable(binaries.resolve("kube-apiserver"))
        || !Files.isExecutable(binaries.resolve("etcd"))
        || !Files.isExecutable(binaries.resolve("kubectl"))) {
      System.out.println(
          "apiserver part skipped: no control plane binaries in "
              + binaries
              + " (run hack/control-plane.sh)");
      return;
    }
    KubeAPIServer apiServer =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(cache.toString())
                .withApiServerVersion(version)
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .build());
    apiServer.start();
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
            .build()) {
      installCrds(client);
      client.resource(budgetedRig()).create();
      for (String namespace : new String[] {"bench-plain", "bench-webhook"}) {
        client
            .namespaces()
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(namespace)
                    .addToLabels(GasTown.LABEL_NAMESPACE_OPT_IN, GasTown.NAMESPACE_OPT_IN_VALUE)
                    .endMetadata()
                    .build())
            .create();
        Polecat polecat = Fixtures.polecat();
        polecat.getMetadata().setNamespace(namespace);
        client.resource(polecat).create();
        for (String secret : new String[] {"git-ssh-key", "claude-home"}) {
          client
              .secrets()
              .inNamespace(namespace)
              .resource(
                  new SecretBuilder()
                      .withNewMetadata()
                      .withName(secret)
                      .endMetadata()
                      .addToStringData("unused", "x")
                      .build())
              .create();
        }
      }
      createPods(client, "bench-plain", 50);
      System.out.printf(
          "apiserver Pod create without webhook (%d Pods): %s%n",
          PODS, createPods(client, "bench-plain", PODS));

      InformerClusterView cluster = new InformerClusterView(client).start();
      WebhookApp app = start(certificates, cluster);
      try {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!cluster.synced() && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        MutatingWebhookConfiguration hook =
            client
                .getKubernetesSerialization()
                .unmarshal(
                    Files.readString(Golden.root().resolve("kustomize/base/webhook/mutating.yaml")),
                    MutatingWebhookConfiguration.class);
        hook.getWebhooks()
            .forEach(
                webhook ->
                    webhook.setClientConfig(
                        new WebhookClientConfigBuilder()
                            .withUrl(
                                "https://127.0.0.1:"
                                    + app.port()
                                    + webhook.getClientConfig().getService().getPath())
                            .withCaBundle(
                                Base64.getEncoder()
                                    .encodeToString(
                                        certificates
                                            .certificatePem()
                                            .getBytes(StandardCharsets.US_ASCII)))
                            .build()));
        client.resource(hook).create();
        waitUntilExpanded(client);
        createPods(client, "bench-webhook", 50);
        System.out.printf(
            "apiserver Pod create with webhook (%d Pods): %s%n",
            PODS, createPods(client, "bench-webhook", PODS));
      } finally {
        app.stop();
        cluster.close();
      }
    } finally {
      apiServer.stop();
    }
  }

  private static String createPods(KubernetesClient client, String namespace, int count) {
    long[] latencies = new long[count];
    long deadline = System.nanoTime() + LIMIT.toNanos();
    int done = 0;
    for (; done < count && System.nanoTime() < deadline; done++) {
      Pod pod = Fixtures.podFromJob();
      pod.getMetadata().setNamespace(namespace);
      pod.getMetadata().setOwnerReferences(null);
      long start = System.nanoTime();
      client.resource(pod).create();
      latencies[done] = System.nanoTime() - start;
    }
    return percentiles(Arrays.copyOf(latencies, done));
  }

  private static void waitUntilExpanded(KubernetesClient client) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      Pod pod = Fixtures.podFromJob();
      pod.getMetadata().setNamespace("bench-webhook");
      pod.getMetadata().setOwnerReferences(null);
      Pod created = client.resource(pod).create();
      if (created.getMetadata().getAnnotations().containsKey("gastown.io/expanded")) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the apiserver never called the webhook");
  }

  private static WebhookApp start(TestPki certificates, ClusterView cluster) throws Exception {
    Path tls = Files.createTempDirectory("gastown-bench-tls");
    certificates.writeTo(tls);
    return WebhookApp.start(
        new WebhookSettings(
            0,
            tls.resolve("tls.crt"),
            tls.resolve("tls.key"),
            tls.resolve("platform.yaml"),
            WebhookSettings.DEFAULT_MAX_REQUEST_BYTES,
            Duration.ofSeconds(10),
            Duration.ZERO,
            Duration.ofSeconds(5)),
        cluster,
        PlatformConfig.defaults().withPolicy(policy()));
  }

  /** Every policy key set (and passed), so each admission runs all the policy checks. */
  private static AdmissionPolicy policy() {
    AdmissionPolicy policy = new AdmissionPolicy();
    policy.setAllowedAgents(List.of(Agent.values()));
    policy.setAllowedImages(List.of("ghcr.io/gastown/"));
    policy.setMaxActiveDeadlineSeconds(86_400L);
    policy.setMaxResources(Map.of("cpu", new Quantity("16"), "memory", new Quantity("64Gi")));
    return policy;
  }

  /**
   * The fixture's Rig with a polecat budget, so each admission also counts slots (PolecatSlots).
   */
  private static Rig budgetedRig() {
    Rig rig = Fixtures.rig();
    if (rig.getSpec().getSettings() == null) {
      rig.getSpec().setSettings(new RigSettings());
    }
    rig.getSpec().getSettings().setMaxPolecats(100);
    return rig;
  }

  private static void installCrds(KubernetesClient client) throws Exception {
    try (Stream<Path> files = Files.list(Golden.root().resolve("kustomize/base/crds"))) {
      for (Path file : files.sorted().toList()) {
        CustomResourceDefinition crd =
            client
                .getKubernetesSerialization()
                .unmarshal(Files.readString(file), CustomResourceDefinition.class);
        client.resource(crd).create();
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName(crd.getMetadata().getName())
            .waitUntilCondition(
                c ->
                    c.getStatus() != null
                        && c.getStatus().getConditions() != null
                        && c.getStatus().getConditions().stream()
                            .anyMatch(
                                x ->
                                    "Established".equals(x.getType())
                                        && "True".equals(x.getStatus())),
                60,
                TimeUnit.SECONDS);
      }
    }
  }

  private static String kubernetesVersion() throws Exception {
    String configured = System.getProperty("gastown.k8s.version");
    if (configured != null) {
      return configured;
    }
    try (InputStream in =
        AdmissionBenchmark.class.getResourceAsStream(
            "/io/gastown/testing/control-plane.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("K8S_VERSION");
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** CPU time of the webhook's Jetty threads (the server side: TLS, HTTP, admission). */
  private static long jettyThreadsCpuNanos() {
    long total = 0;
    for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("JettyServerThreadPool")) {
        total += Math.max(0, THREADS.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  private static long gcMillis() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  private static String percentiles(long[] nanos) {
    if (nanos.length == 0) {
      return "no samples";
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(
        "p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms",
        at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
  }

  private static double at(long[] sorted, double quantile) {
    int index = (int) Math.ceil(quantile * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
  }
}
