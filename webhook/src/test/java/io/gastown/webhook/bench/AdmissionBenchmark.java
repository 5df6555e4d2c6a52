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
import io.gastown.webhook.Reviews;
import io.gastown.webhook.StaticClusterView;
import io.gastown.webhook.WebhookApp;
import io.gastown.webhook.WebhookSettings;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
  private static final int PODS = Integer.getInteger("bench.pods", 300);
  private static final int MAX_IN_FLIGHT = Integer.getInteger("bench.inFlight", 64);
  private static final Duration LIMIT = Duration.ofSeconds(120);

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
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(certificates.trustingContext())
              .executor(Executors.newFixedThreadPool(4))
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + app.port() + "/mutate/pods"))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(Reviews.createPod(Fixtures.podFromJob())))
              .build();
      System.out.printf(
          "AdmissionReview for a Pod: %d bytes%n",
          Reviews.createPod(Fixtures.podFromJob()).length());

      closedLoop(client, request, WARMUP, CONCURRENCY);
      long cpuBefore = processCpuNanos();
      long serverCpuBefore = serverThreadsCpuNanos();
      Result closed = closedLoop(client, request, REQUESTS, CONCURRENCY);
      double cpuPerRequest = (processCpuNanos() - cpuBefore) / 1e6 / closed.count();
      double serverCpuPerRequest =
          (serverThreadsCpuNanos() - serverCpuBefore) / 1e6 / closed.count();
      System.out.printf(
          "closed loop, %d clients: %d requests in %.2f s = %.0f req/s; %s%n",
          CONCURRENCY,
          closed.count(),
          closed.seconds(),
          closed.count() / closed.seconds(),
          closed.latencies());
      System.out.printf(
          "CPU per request (client and server in this JVM, TLS included): %.2f ms, i.e. at most "
              + "%.0f req/s on these cores%n",
          cpuPerRequest, Runtime.getRuntime().availableProcessors() * 1000 / cpuPerRequest);
      System.out.printf(
          "CPU per request in the webhook's Jetty threads alone (TLS, HTTP, admission): %.2f ms%n",
          serverCpuPerRequest);

      Result open = openLoop(client, request, RATE, SECONDS);
      System.out.printf(
          "open loop at %d req/s for %d s: %d requests, %d errors, achieved %.0f req/s; %s%n",
          RATE,
          SECONDS,
          open.count(),
          open.errors(),
          open.count() / open.seconds(),
          open.latencies());
      System.out.println(
          "server-side (admission duration histogram): " + serverSide(client, app, certificates));
    } finally {
      app.stop();
    }
  }

  record Result(int count, int errors, double seconds, String latencies) {}

  private static Result closedLoop(
      HttpClient client, HttpRequest request, int count, int concurrency)
      throws InterruptedException {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    long deadline = System.nanoTime() + LIMIT.toNanos();
    long start = System.nanoTime();
    for (int w = 0; w < concurrency; w++) {
      workers.execute(
          () -> {
            for (int i = next.getAndIncrement();
                i < count && System.nanoTime() < deadline;
                i = next.getAndIncrement()) {
              long sent = System.nanoTime();
              try {
                HttpResponse<String> response =
                    client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 || !response.body().contains("\"allowed\":true")) {
                  errors.incrementAndGet();
                }
              } catch (Exception e) {
                errors.incrementAndGet();
              }
              latencies[i] = System.nanoTime() - sent;
            }
          });
    }
    workers.shutdown();
    workers.awaitTermination(LIMIT.toSeconds() + 10, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    int done = Math.min(next.get(), count);
    return new Result(done, errors.get(), seconds, percentiles(Arrays.copyOf(latencies, done)));
  }

  private static Result openLoop(HttpClient client, HttpRequest request, int rate, int seconds)
      throws InterruptedException {
    int count = rate * seconds;
    long[] latencies = new long[count];
    AtomicInteger errors = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(count);
    long interval = 1_000_000_000L / rate;
    // Like the apiserver's connection pool: a bounded number of requests in flight. A request that
    // waits for a
    // free slot is late, and its latency (from its scheduled time) says so.
    Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    long start = System.nanoTime();
    long deadline = start + LIMIT.toNanos();
    for (int i = 0; i < count; i++) {
      long scheduled = start + i * interval;
      long wait = scheduled - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      int index = i;
      client
          .sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (response, error) -> {
                inFlight.release();
                latencies[index] = System.nanoTime() - scheduled;
                if (error != null || response.statusCode() != 200) {
                  errors.incrementAndGet();
                }
                done.countDown();
              });
    }
    done.await(60, TimeUnit.SECONDS);
    double elapsed = (System.nanoTime() - start) / 1e9;
    int completed = count - (int) done.getCount();
    long[] measured = Arrays.stream(latencies).filter(latency -> latency > 0).toArray();
    return new Result(
        completed, errors.get() + (count - completed), elapsed, percentiles(measured));
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

  /**
   * CPU time of Javalin's Jetty threads (the server side of the loop; the client runs on other
   * threads).
   */
  private static long serverThreadsCpuNanos() {
    java.lang.management.ThreadMXBean threads =
        java.lang.management.ManagementFactory.getThreadMXBean();
    long total = 0;
    for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().startsWith("JettyServerThreadPool")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
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
