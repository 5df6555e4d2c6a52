package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.Serialization;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and hostile reviews over real HTTPS against the real webhook server: none
 * gets a 5xx, none loses its connection, no answer carries a stack trace, a good review is still
 * expanded afterwards and the heap is back where it was. The seed is printed; {@code
 * -Dgastown.fuzz.seed=N} replays a run, {@code -Dgastown.fuzz.count=N} changes its size.
 */
class AdmissionFuzzTest {
  static final long MAX_REQUEST_BYTES = 1024 * 1024;
  static final Pattern STACK_TRACE =
      Pattern.compile(
          "Exception|\\tat |\\bat (java|io|org|com|jdk|kotlin)\\.|Caused by|\\.java:\\d|NullPointer|URISyntax");
  static final long HEAP_SLACK_BYTES = 64L * 1024 * 1024;

  @Test
  void noHostileReviewGetsA5xxADroppedConnectionOrAStackTrace() throws Exception {
    long seed = Long.getLong("gastown.fuzz.seed", System.nanoTime());
    int count = Integer.getInteger("gastown.fuzz.count", 10_000);
    System.out.println(
        "AdmissionFuzzTest: seed "
            + seed
            + ", "
            + count
            + " reviews (replay: "
            + "-Dgastown.fuzz.seed="
            + seed
            + ")");
    StaticClusterView cluster =
        new StaticClusterView().with(Fixtures.polecat()).with(Fixtures.rig()).withAnySecret();
    try (RunningWebhook webhook =
        RunningWebhook.start(cluster, PlatformConfig.defaults(), MAX_REQUEST_BYTES)) {
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .sslContext(webhook.certificates.trustingContext())
              .build();
      assertGoodReviewIsExpanded(webhook);
      long heapBefore = usedHeapAfterGc();

      HostileReviews reviews = new HostileReviews(seed, validReviews());
      List<HostileReviews.Request> requests = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        requests.add(reviews.next());
      }
      Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicInteger dropped = new AtomicInteger();
      long start = System.nanoTime();
      ExecutorService pool =
          Executors.newFixedThreadPool(Integer.getInteger("gastown.fuzz.threads", 4));
      List<Future<?>> sent = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        HostileReviews.Request request = requests.get(i);
        sent.add(
            pool.submit(
                () -> {
                  HttpRequest.Builder http =
                      HttpRequest.newBuilder(webhook.uri(request.path()))
                          .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
                  if (request.contentType() != null) {
                    http.header("Content-Type", request.contentType());
                  }
                  try {
                    HttpResponse<String> response =
                        client.send(http.build(), HttpResponse.BodyHandlers.ofString());
                    byStatus
                        .computeIfAbsent(response.statusCode(), s -> new LongAdder())
                        .increment();
                    if (response.statusCode() >= 500
                        || STACK_TRACE.matcher(response.body()).find()) {
                      failures.add(
                          "#"
                              + n
                              + " "
                              + request.mutation()
                              + " on "
                              + request.path()
                              + ": "
                              + response.statusCode()
                              + " "
                              + cut(response.body()));
                    }
                  } catch (IOException e) {
                    dropped.incrementAndGet();
                    failures.add(
                        "#"
                            + n
                            + " "
                            + request.mutation()
                            + " on "
                            + request.path()
                            + ": connection lost: "
                            + e
                            + (n > 0
                                ? " (after #"
                                    + (n - 1)
                                    + " "
                                    + requests.get(n - 1).mutation()
                                    + " on "
                                    + requests.get(n - 1).path()
                                    + ")"
                                : ""));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
      }
      for (Future<?> future : sent) {
        future.get();
      }
      pool.shutdown();
      sent.clear();
      requests
          .clear(); // the requests themselves hold ~100 MiB of hostile values: only the server's
      // heap counts
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "AdmissionFuzzTest: %d reviews in %.1f s, answers by status %s, %d dropped%n",
          count, seconds, new TreeMap<>(byStatus), dropped.get());

      assertThat(failures)
          .as("5xx, stack traces or dropped connections (seed " + seed + ")")
          .isEmpty();
      assertGoodReviewIsExpanded(webhook);
      long heapAfter = usedHeapAfterGc();
      System.out.printf(
          "AdmissionFuzzTest: heap used after GC %d MiB before, %d MiB after%n",
          heapBefore >> 20, heapAfter >> 20);
      assertThat(heapAfter).as("heap back to normal").isLessThan(heapBefore + HEAP_SLACK_BYTES);
    }
  }

  private static void assertGoodReviewIsExpanded(RunningWebhook webhook) {
    HttpResponse<String> ok =
        webhook.post("/mutate/pods", Reviews.createPod(Fixtures.podFromJob()));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(Reviews.response(ok.body()).getAllowed()).isTrue();
    assertThat(Reviews.response(ok.body()).getPatch()).isNotNull();
  }

  /** One valid review per endpoint kind, each with the path it belongs to. */
  static List<Map.Entry<String, JsonNode>> validReviews() {
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    out.add(Map.entry("/mutate/pods", Reviews.json(Reviews.createPod(Fixtures.podFromJob()))));
    out.add(Map.entry("/mutate/pods", Reviews.json(Reviews.createPod(Fixtures.podFromJob()))));
    out.add(review("polecats", Fixtures.polecat()));
    out.add(
        Map.entry(
            "/validate/polecats",
            Reviews.json(
                Reviews.update(
                    Fixtures.polecat(),
                    Fixtures.polecat(),
                    Fixtures.NAMESPACE,
                    "gastown.gastown.io",
                    "polecats"))));
    out.add(review("rigs", Fixtures.rig()));
    out.add(
        review(
            "convoys",
            read(
                """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Convoy
        metadata: {name: release, namespace: gt-my-rig}
        spec: {description: Release 1.0, trackedBeads: [gt-1, gt-2], rigRef: my-rig, parallelism: 1}
        """)));
    out.add(
        review(
            "witnesses",
            read(
                """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Witness
        metadata: {name: my-rig, namespace: gt-my-rig}
        spec: {rigRef: my-rig}
        """)));
    out.add(
        review(
            "refineries",
            read(
                """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Refinery
        metadata: {name: my-rig, namespace: gt-my-rig}
        spec: {rigRef: my-rig, targetBranch: main, testCommand: mvn test}
        """)));
    out.add(
        review(
            "beadstores",
            read(
                """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: BeadStore
        metadata: {name: my-rig, namespace: gt-my-rig}
        spec: {rigRef: my-rig, prefix: gt-}
        """)));
    return out;
  }

  private static Map.Entry<String, JsonNode> review(String plural, HasMetadata object) {
    return Map.entry(
        "/validate/" + plural,
        Reviews.json(
            Reviews.create(
                object, object.getMetadata().getNamespace(), "gastown.gastown.io", plural)));
  }

  private static HasMetadata read(String yaml) {
    return Serialization.readYaml(
        yaml, io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  private static String cut(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }
}
