package io.gastown.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.dev.LocalGasTown;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.render.PolecatManifests;
import io.gastown.testing.Golden;
import io.gastown.testing.SimulatedPod;
import io.gastown.testing.StandaloneControlPlane;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Job created → expanded Pod stored, the path the Job controller and the admission webhook add to
 * the Gas Town flow (issue 17), timed against what a reconciler that creates the Pod itself would
 * take. Not a test: {@code hack/bench.sh AdmissionPathBenchmark} ({@code -Dbench.polecats=N},
 * default 20; {@code -Dbench.warmUp=N}, default 150: polecats run first and not measured, until
 * this JVM, which also runs the reporter and the benchmark's own clients, stops compiling; after
 * 40, C2 still compiled for about 1.8 s of CPU in the measured pass).
 *
 * <p>Runs what hack/dev.sh runs, in this JVM: the control plane binaries with
 * kube-controller-manager (its Job controller), kube-scheduler and kwok, the webhook over TLS
 * registered with the apiserver through the checked-in configurations, and the status reporter. One
 * rig with {@code maxPolecats} set, so that the budget check runs on the hot path. For each polecat
 * the benchmark creates the Polecat, then its skeleton Job as rendered into git (kwok runs the Pod
 * for 0 s), through the API; first one at a time (each followed to Done), then all at once (one
 * thread per polecat), and last, half as many one at a time with the Job created before its Polecat
 * (Argo CD's order within a sync wave: the webhook waits for the Polecat). It times, on the wall
 * clock of this JVM (the webhook's too):
 *
 * <ul>
 *   <li><b>Job controller to webhook</b>: the Job's create returned → the Pod CREATE's review
 *       received by the webhook (the Job controller's informer and queue, its Pod create, the
 *       apiserver up to the webhook call, the TLS connection);
 *   <li><b>webhook</b>: the review read, handled and answered, and inside the handling each phase
 *       (the Polecat lookup with its wait for the cache, the Rig and BeadStore, policy, the Secret
 *       checks, the expansion, the budget's slot, the JSON diff): the webhook's debug log ({@code
 *       AdmissionEndpoint}, {@code PodAdmission}), read back from the log file;
 *   <li><b>apiserver after the webhook</b>: the answer written → the expanded Pod seen by a watch
 *       (the patch, validation, the etcd write, the watch);
 *   <li><b>Running</b>: Pod stored → Running (kube-scheduler, kwok), and <b>status lag</b>: Pod
 *       Succeeded → Polecat Done (the status reporter).
 * </ul>
 */
public final class AdmissionPathBenchmark {
  private static final String RIG = "bench";
  private static final String LABEL = GasTown.LABEL_POLECAT;
  private static final String NAMESPACE = "gt-" + RIG;
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private static final String PODS = "/api/v1/namespaces/" + NAMESPACE + "/pods";

  /**
   * The pause after each one-at-a-time polecat is Done ({@code -Dbench.gap}, default 0s), so that
   * the next starts without the last one's Job completion still being written.
   */
  private static final Duration GAP = Duration.parse("PT" + System.getProperty("bench.gap", "0s"));

  /**
   * How long kwok runs each Pod of the 20-at-once pass ({@code -Dbench.burstRun}, default 0s: their
   * completions and the reporter's writes then overlap the burst; an agent runs minutes).
   */
  private static final String BURST_RUN = System.getProperty("bench.burstRun", "0s");

  private static final Pattern RECEIVED =
      Pattern.compile(
          "/mutate/pods CREATE Pod "
              + NAMESPACE
              + "/polecat-(\\S+)-\\* received (\\S+): read;dur=([\\d.]+), "
              + "handle;dur=([\\d.]+), write;dur=([\\d.]+), cpu;dur=([\\d.]+)");
  private static final Pattern EXPANDED =
      Pattern.compile("expanded Pod " + NAMESPACE + "/polecat-\\S+-\\* for Polecat (\\S+): (.*)$");
  private static final Pattern PHASE = Pattern.compile("(\\w+);dur=([\\d.]+)");

  /** What was seen of one polecat, in wall-clock microseconds. */
  private static final class Trace {
    final String name;
    long polecatCreated;
    long jobCreated;
    volatile long stored;
    volatile long running;
    volatile long succeeded;
    volatile long done;
    long received;
    double webhookMillis;
    double readMillis;
    double cpuMillis;
    volatile long jobStored;
    volatile Pod expanded;
    double writeMillis;
    int reviews;
    final Map<String, Double> phases = new LinkedHashMap<>();

    Trace(String name) {
      this.name = name;
    }

    double toWebhook() {
      return (received - jobStored) / 1000.0;
    }

    double jobCreate() {
      return (jobStored - jobCreated) / 1000.0;
    }

    double afterWebhook() {
      return (stored - received) / 1000.0 - webhookMillis;
    }

    double toStored() {
      return (stored - jobStored) / 1000.0;
    }

    double fromCreateCall() {
      return (stored - jobCreated) / 1000.0;
    }

    double toRunning() {
      return (running - jobStored) / 1000.0;
    }

    double statusLag() {
      return (done - succeeded) / 1000.0;
    }
  }

  public static void main(String[] args) throws Exception {
    int count = Integer.getInteger("bench.polecats", 20);
    int warmUp = Integer.getInteger("bench.warmUp", 150);
    Path work =
        Files.createDirectories(Path.of("target", "bench", "admission-path").toAbsolutePath());
    Path webhookLog = work.resolve("gastown.log");
    Files.deleteIfExists(webhookLog);
    // Before the first logger: the whole JVM logs to a file, the webhook's admission path at debug
    // (its timing).
    System.setProperty("org.slf4j.simpleLogger.logFile", webhookLog.toString());
    System.setProperty("org.slf4j.simpleLogger.log.io.gastown.webhook.AdmissionEndpoint", "debug");
    System.setProperty("org.slf4j.simpleLogger.log.io.gastown.webhook.PodAdmission", "debug");
    System.out.println("load average at the start: " + loadAverage() + "; log: " + webhookLog);
    try (StandaloneControlPlane plane =
            StandaloneControlPlane.start(work.resolve("control-plane"), PATIENCE);
        LocalGasTown town =
            LocalGasTown.start(
                plane.info().kubeconfig(), Golden.root(), work.resolve("town"), PATIENCE);
        KubernetesClient client = plane.newClient()) {
      // Succeeded Pods hold no slot: the budget only has to fit the burst (100 is the CRD's
      // maximum).
      prepareRig(client, Math.min(100, 2 * count + warmUp));
      Map<String, Trace> traces = new ConcurrentHashMap<>();
      try (RawWatch jobs = watchJobs(client, traces);
          RawWatch pods = watchPods(client, traces);
          RawWatch polecats = watchPolecats(client, traces)) {
        List<Trace> oneAtATime = new ArrayList<>();
        Map<String, Long> cpuOneBefore = null;
        ApiserverMetrics metricsBefore = null;
        for (int i = 1; i <= warmUp + count; i++) {
          if (i == warmUp + 1) {
            cpuOneBefore = cpuByProcess();
            metricsBefore = ApiserverMetrics.scrape(client);
          }
          Trace trace = start(client, traces, "one-" + i);
          awaitDone(trace);
          Thread.sleep(GAP.toMillis());
          if (i > warmUp) {
            oneAtATime.add(trace);
          }
        }
        Map<String, Long> cpuOne = since(cpuOneBefore);
        ApiserverMetrics metricsOne = ApiserverMetrics.scrape(client).since(metricsBefore);
        List<Double> direct = directCreates(client, oneAtATime);
        long gcBefore = gcMillis();
        String loadBefore = loadAverage();
        List<Trace> atOnce = new ArrayList<>();
        Map<String, Long> cpuBurstBefore = cpuByProcess();
        long burstStart = micros();
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
          List<Future<Trace>> started = new ArrayList<>();
          for (int i = 1; i <= count; i++) {
            String name = "burst-" + i;
            started.add(threads.submit(() -> start(client, traces, name, false, BURST_RUN)));
          }
          for (Future<Trace> future : started) {
            atOnce.add(future.get());
          }
        }
        for (Trace trace : atOnce) {
          awaitDone(trace);
        }
        Map<String, Long> cpuBurst = since(cpuBurstBefore);
        // Let the Job controller finish the burst's Jobs (their status and finalizer writes, at its
        // client's rate
        // limit) so that the next pass does not queue behind them.
        Thread.sleep(5000);
        Map<String, Long> connectionsBefore = connections(town.webhookPort());
        List<Trace> jobFirst = new ArrayList<>();
        for (int i = 1; i <= Math.max(1, count / 2); i++) {
          Trace trace = start(client, traces, "jobfirst-" + i, true, "0s");
          awaitDone(trace);
          jobFirst.add(trace);
        }
        readWebhookLog(webhookLog, traces);
        report("one at a time", oneAtATime);
        System.out.printf(
            "| %-58s | %7.1f | %7.1f | %7.1f |%n",
            "baseline: the expanded Pod created directly → seen stored",
            percentile(direct.stream().sorted().toList(), 50),
            percentile(direct.stream().sorted().toList(), 90),
            direct.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        report("all at once", atOnce);
        report("Job before its Polecat (Argo CD's order within a wave), one at a time", jobFirst);
        long lastStored = atOnce.stream().mapToLong(t -> t.stored).max().orElseThrow();
        System.out.printf(
            "%nall at once: %d Jobs created from %d threads; last expanded Pod stored %.0f ms after the "
                + "first create started; GC pauses during the burst %d ms%n",
            count, count, (lastStored - burstStart) / 1000.0, gcMillis() - gcBefore);
        System.out.println(
            "CPU time per polecat by process (ms), one at a time, Job created → Polecat Done: "
                + perPolecat(cpuOne, oneAtATime.size()));
        System.out.println(
            "API requests per polecat (apiserver_request_total), one at a time: "
                + perPolecat(metricsOne.requests(), oneAtATime.size()));
        apiserverSplit(metricsOne);
        System.out.println(
            "CPU time per polecat by process (ms), 20 at once, first create → last Polecat Done: "
                + perPolecat(cpuBurst, atOnce.size()));
        System.out.println(
            "reviews per Pod (1 = admitted at the first try): one at a time "
                + oneAtATime.stream().mapToInt(t -> t.reviews).max().orElse(0)
                + " at most, all at once "
                + atOnce.stream().mapToInt(t -> t.reviews).max().orElse(0)
                + " at most");
        System.out.println(
            "TCP connections to the webhook's port (ss -tan, both ends) before the Job-first pass: "
                + connectionsBefore
                + ", after it: "
                + connections(town.webhookPort()));
        System.out.println(
            "load average before the burst: "
                + loadBefore
                + "; at the end: "
                + loadAverage()
                + "; GC pauses in this JVM in all: "
                + gcMillis()
                + " ms");
      }
    }
  }

  /**
   * The baseline: what a reconciler that expands the Pod itself would take, its create of the
   * finished Pod (each expanded Pod of the one-at-a-time runs again, under a new name, without
   * owner or polecat labels, so that neither the webhook nor the reporter is involved) from the
   * create's call to a watch seeing it, one at a time.
   */
  private static List<Double> directCreates(KubernetesClient client, List<Trace> traces)
      throws InterruptedException, java.io.IOException {
    Map<String, Long> seen = new ConcurrentHashMap<>();
    List<Double> out = new ArrayList<>();
    List<Double> returned = new ArrayList<>();
    try (RawWatch watch =
        RawWatch.start(
            client.getConfiguration(),
            PODS,
            (arrived, pod) ->
                seen.putIfAbsent(pod.path("metadata").path("name").asText(), arrived))) {
      for (int i = 0; i < traces.size(); i++) {
        Pod expanded = traces.get(i).expanded;
        Pod pod =
            new Pod(
                "v1",
                "Pod",
                new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                    .withName("direct-" + i)
                    .withNamespace(NAMESPACE)
                    .withLabels(Map.of("bench", "direct"))
                    .withAnnotations(expanded.getMetadata().getAnnotations())
                    .build(),
                expanded.getSpec(),
                null);
        long called = micros();
        client.resource(pod).create();
        returned.add((micros() - called) / 1000.0);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!seen.containsKey(pod.getMetadata().getName()) && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        out.add((seen.get(pod.getMetadata().getName()) - called) / 1000.0);
      }
    }
    List<Double> sorted = returned.stream().sorted().toList();
    System.out.printf(
        "baseline: the direct create's call returned after %.1f ms (median), %.1f ms (p90)%n",
        percentile(sorted, 50), percentile(sorted, 90));
    return out;
  }

  /**
   * The rig's namespace (opted in), the Secrets its polecats name, and the Rig with a budget that
   * is never full.
   */
  private static void prepareRig(KubernetesClient client, int maxPolecats) {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(NAMESPACE)
                .addToLabels(GasTown.LABEL_NAMESPACE_OPT_IN, GasTown.NAMESPACE_OPT_IN_VALUE)
                .endMetadata()
                .build())
        .create();
    for (String secret : List.of("git-ssh-key", "claude-home")) {
      client
          .secrets()
          .inNamespace(NAMESPACE)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName(secret)
                  .endMetadata()
                  .addToStringData("unused", "not a credential")
                  .build())
          .create();
    }
    client
        .resource(
            Serialization.readYaml(
                """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata: {name: %s}
        spec:
          gitURL: git@github.com:gastown/bench.git
          beadsPrefix: bm
          settings: {maxPolecats: %d}
        """
                    .formatted(RIG, maxPolecats),
                Rig.class))
        .create();
  }

  /**
   * Creates the Polecat, then its skeleton Job (as rendered into git, run by kwok for 0 s), through
   * the API.
   */
  private static Trace start(KubernetesClient client, Map<String, Trace> traces, String name) {
    return start(client, traces, name, false, "0s");
  }

  /**
   * @param jobFirst the Job, then the Polecat: Argo CD's order within a sync wave (built-in kinds
   *     first), so that the Pod usually reaches the webhook before its Polecat does
   * @param run how long kwok runs the Pod
   */
  private static Trace start(
      KubernetesClient client,
      Map<String, Trace> traces,
      String name,
      boolean jobFirst,
      String run) {
    Trace trace = new Trace(name);
    traces.put(name, trace);
    Polecat polecat =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: %s, namespace: %s}
        spec:
          rig: %s
          beadID: bm-%s
          taskDescription: Measure the admission path.
          kubernetes:
            gitSecretRef: {name: git-ssh-key}
            claudeCredsSecretRef: {name: claude-home}
        """
                .formatted(name, NAMESPACE, RIG, name),
            Polecat.class);
    List<JsonNode> documents =
        PolecatManifests.documents(polecat, PolecatManifests.agentImage("0.1.0"));
    Job job = client.getKubernetesSerialization().convertValue(documents.get(1), Job.class);
    job.getSpec().getTemplate().getMetadata().setAnnotations(Map.of(SimulatedPod.DURATION, run));
    Polecat rendered = Serialization.jsonMapper().convertValue(documents.get(0), Polecat.class);
    if (jobFirst) {
      trace.jobCreated = micros();
      client.resource(job).create();
      client.resource(rendered).create();
      trace.polecatCreated = micros();
      return trace;
    }
    client.resource(rendered).create();
    trace.polecatCreated = micros();
    // From the create's start: the Job controller may see the Job before this client has read the
    // answer.
    trace.jobCreated = micros();
    client.resource(job).create();
    return trace;
  }

  private static void awaitDone(Trace trace) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (trace.done == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "polecat " + trace.name + " not Done after " + PATIENCE.toSeconds() + " s");
      }
      Thread.sleep(2);
    }
  }

  private static RawWatch watchPods(KubernetesClient client, Map<String, Trace> traces)
      throws java.io.IOException {
    return RawWatch.start(
        client.getConfiguration(),
        PODS,
        (arrived, pod) -> {
          Trace trace = polecatOf(pod, traces);
          if (trace == null) {
            return;
          }
          if (trace.stored == 0
              && pod.path("metadata")
                  .path("annotations")
                  .path(GasTown.ANNOTATION_EXPANDED)
                  .asText()
                  .equals("true")) {
            trace.stored = arrived;
            trace.expanded = client.getKubernetesSerialization().convertValue(pod, Pod.class);
          }
          String phase = pod.path("status").path("phase").asText();
          if (trace.running == 0 && (phase.equals("Running") || phase.equals("Succeeded"))) {
            trace.running = arrived;
          }
          if (trace.succeeded == 0 && phase.equals("Succeeded")) {
            trace.succeeded = arrived;
          }
        });
  }

  private static RawWatch watchJobs(KubernetesClient client, Map<String, Trace> traces)
      throws java.io.IOException {
    return RawWatch.start(
        client.getConfiguration(),
        "/apis/batch/v1/namespaces/" + NAMESPACE + "/jobs",
        (arrived, job) -> {
          Trace trace = polecatOf(job, traces);
          if (trace != null && trace.jobStored == 0) {
            trace.jobStored = arrived;
          }
        });
  }

  /** The trace of the polecat an object is labelled with, or null. */
  private static Trace polecatOf(JsonNode object, Map<String, Trace> traces) {
    return traces.get(object.path("metadata").path("labels").path(LABEL).asText());
  }

  private static RawWatch watchPolecats(KubernetesClient client, Map<String, Trace> traces)
      throws java.io.IOException {
    return RawWatch.start(
        client.getConfiguration(),
        "/apis/" + GasTown.API_VERSION + "/namespaces/" + NAMESPACE + "/polecats",
        (arrived, polecat) -> {
          Trace trace = traces.get(polecat.path("metadata").path("name").asText());
          if (trace != null
              && trace.done == 0
              && polecat.path("status").path("phase").asText().equals(PolecatPhase.Done.name())) {
            trace.done = arrived;
          }
        });
  }

  /**
   * The webhook's debug lines: when each Pod's review arrived, how long it took, and its phases.
   */
  private static void readWebhookLog(Path log, Map<String, Trace> traces)
      throws java.io.IOException {
    for (String line : Files.readAllLines(log)) {
      Matcher received = RECEIVED.matcher(line);
      if (received.find()) {
        Trace trace = traces.get(received.group(1));
        if (trace != null) {
          trace.reviews++;
          trace.received = micros(Instant.parse(received.group(2)));
          trace.readMillis = Double.parseDouble(received.group(3));
          trace.writeMillis = Double.parseDouble(received.group(5));
          trace.cpuMillis = Double.parseDouble(received.group(6));
          trace.webhookMillis =
              trace.readMillis + Double.parseDouble(received.group(4)) + trace.writeMillis;
        }
        continue;
      }
      Matcher expanded = EXPANDED.matcher(line);
      if (expanded.find()) {
        Trace trace = traces.get(expanded.group(1));
        if (trace != null) {
          Matcher phase = PHASE.matcher(expanded.group(2));
          trace.phases.clear();
          while (phase.find()) {
            trace.phases.put(phase.group(1), Double.parseDouble(phase.group(2)));
          }
        }
      }
    }
  }

  private static void report(String title, List<Trace> traces) {
    System.out.printf("%n%s: %d polecats (ms)%n", title, traces.size());
    System.out.printf("| %-58s | %7s | %7s | %7s |%n", "step", "median", "p90", "max");
    System.out.printf(
        "|%s|%s|%s|%s|%n", "-".repeat(60), "-".repeat(9), "-".repeat(9), "-".repeat(9));
    row("Job create called → Job seen stored (apiserver, watch)", traces, Trace::jobCreate);
    row("Job stored → Pod CREATE received by the webhook", traces, Trace::toWebhook);
    row("webhook: read, handle, answer", traces, t -> t.webhookMillis);
    row("  its thread's CPU time", traces, t -> t.cpuMillis);
    row("  of which reading the review", traces, t -> t.readMillis);
    row("  of which writing the answer", traces, t -> t.writeMillis);
    for (String phase : List.of("polecat", "rig", "policy", "secrets", "expand", "slots", "diff")) {
      row("  of which " + phase, traces, t -> t.phases.getOrDefault(phase, Double.NaN));
    }
    row("answer written → expanded Pod seen stored (apiserver)", traces, Trace::afterWebhook);
    row("**Job stored → expanded Pod stored**", traces, Trace::toStored);
    row("Job create called → expanded Pod stored", traces, Trace::fromCreateCall);
    row("Job stored → Pod Running (kwok)", traces, Trace::toRunning);
    row("Pod Succeeded → Polecat Done (status reporter)", traces, Trace::statusLag);
  }

  private static void row(
      String name, List<Trace> traces, java.util.function.ToDoubleFunction<Trace> value) {
    List<Double> sorted =
        traces.stream().map(value::applyAsDouble).sorted(Comparator.naturalOrder()).toList();
    System.out.printf(
        "| %-58s | %7.1f | %7.1f | %7.1f |%n",
        name, percentile(sorted, 50), percentile(sorted, 90), sorted.get(sorted.size() - 1));
  }

  private static double percentile(List<Double> sorted, int percent) {
    int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static long micros() {
    return micros(Instant.now());
  }

  private static long micros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime)
        .sum();
  }

  /**
   * How many TCP connections to the port are in each state: many TIME-WAIT would mean no
   * keep-alive.
   */
  private static Map<String, Long> connections(int port) {
    try {
      Process ss = new ProcessBuilder("ss", "-tan").redirectErrorStream(true).start();
      List<String> lines = new String(ss.getInputStream().readAllBytes()).lines().toList();
      ss.waitFor();
      return lines.stream()
          .map(line -> line.trim().split("\\s+"))
          .filter(
              columns ->
                  columns.length >= 5
                      && (columns[3].endsWith(":" + port) || columns[4].endsWith(":" + port)))
          .collect(
              java.util.stream.Collectors.groupingBy(
                  columns -> columns[0],
                  java.util.TreeMap::new,
                  java.util.stream.Collectors.counting()));
    } catch (java.io.IOException e) {
      return Map.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    }
  }

  /**
   * CPU time (user and system, ms) of this JVM (webhook, reporter and the benchmark's clients) and
   * of each control plane process it started, by command name.
   */
  private static Map<String, Long> cpuByProcess() {
    Map<String, Long> out = new java.util.TreeMap<>();
    out.put("this JVM", cpuMillis(ProcessHandle.current()));
    ProcessHandle.current()
        .descendants()
        .forEach(
            process ->
                process
                    .info()
                    .command()
                    .ifPresent(
                        command ->
                            out.merge(
                                Path.of(command).getFileName().toString(),
                                cpuMillis(process),
                                Long::sum)));
    return out;
  }

  private static long cpuMillis(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
  }

  private static Map<String, Long> since(Map<String, Long> before) {
    Map<String, Long> out = new java.util.TreeMap<>();
    cpuByProcess().forEach((name, millis) -> out.put(name, millis - before.getOrDefault(name, 0L)));
    return out;
  }

  private static String perPolecat(Map<String, ? extends Number> counts, int polecats) {
    double total = counts.values().stream().mapToDouble(Number::doubleValue).sum();
    StringBuilder out = new StringBuilder();
    counts.forEach(
        (name, count) -> {
          if (count.doubleValue() >= polecats / 10.0) {
            out.append(String.format("%s %.1f, ", name, count.doubleValue() / polecats));
          }
        });
    return out.append(String.format("all %.1f", total / polecats)).toString();
  }

  /** The apiserver's own view of the Pod's creation, as means over the one-at-a-time pass. */
  private static void apiserverSplit(ApiserverMetrics metrics) {
    String histogram = "apiserver_request_duration_seconds";
    String dispatch = "apiserver_watch_events_dispatch_duration_seconds";
    System.out.printf(
        "%nthe apiserver's own timing, one at a time (means, ms): Pod create %.1f (of which the"
            + " webhook call %.1f, etcd %.1f); Job create %.1f; a Pod event from etcd to the watch"
            + " cache %.1f, to its watchers %.1f%n",
        metrics.meanMillis(
            histogram, Map.of("verb", "POST", "group", "", "resource", "pods", "subresource", "")),
        metrics.meanMillis(
            "apiserver_admission_webhook_admission_duration_seconds",
            Map.of("name", "pods.gastown.gastown.io")),
        metrics.meanMillis(
            "etcd_request_duration_seconds",
            Map.of("group", "", "resource", "pods", "operation", "create")),
        metrics.meanMillis(
            histogram,
            Map.of("verb", "POST", "group", "batch", "resource", "jobs", "subresource", "")),
        metrics.meanMillis(
            dispatch, Map.of("group", "", "resource", "pods", "stage", "storage_to_cache")),
        metrics.meanMillis(dispatch, Map.of("group", "", "resource", "pods", "stage", "total")));
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
