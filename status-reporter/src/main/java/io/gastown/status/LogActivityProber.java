package io.gastown.status;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gastown.status.model.LogActivity;
import io.gastown.status.model.PodFacts;
import io.gastown.status.model.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns when a running agent last wrote to its log, cheaply: at most once per health-check
 * interval per Pod, one bounded read of the agent container's log ({@code sinceSeconds} of about
 * two intervals, {@code tailLines=1}, {@code limitBytes} {@value #LIMIT_BYTES}, with timestamps),
 * never a full download. The timestamp of the last line is the last output; an empty answer means
 * no output in that window (the last known output stands).
 */
final class LogActivityProber implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogActivityProber.class);
  static final int LIMIT_BYTES = 2048;

  private final KubernetesClient client;
  private final Clock clock;
  private final ReporterMetrics metrics;
  private final ExecutorService executor;
  private final Map<String, LogActivity> activity = new ConcurrentHashMap<>();
  private final Map<String, Instant> lastProbe = new ConcurrentHashMap<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  LogActivityProber(KubernetesClient client, Clock clock, ReporterMetrics metrics, int threads) {
    this.client = client;
    this.clock = clock;
    this.metrics = metrics;
    this.executor =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread thread = new Thread(r, "log-probe");
              thread.setDaemon(true);
              return thread;
            });
  }

  LogActivity activity(Pod pod) {
    return pod == null
        ? LogActivity.unknown()
        : activity.getOrDefault(uid(pod), LogActivity.unknown());
  }

  /**
   * Probes the Pod's agent log in the background if its interval has passed; {@code changed} runs
   * when what is known of its activity changed.
   */
  void probeIfDue(Pod pod, Duration interval, Consumer<Pod> changed) {
    String uid = uid(pod);
    Instant now = clock.instant();
    Instant last = lastProbe.get(uid);
    if (last != null && now.isBefore(last.plus(interval)) || !inFlight.add(uid)) {
      return;
    }
    lastProbe.put(uid, now);
    executor.execute(
        () -> {
          try {
            LogActivity before = activity(pod);
            LogActivity after = probe(pod, interval, before);
            activity.put(uid, after);
            if (!after.equals(before)) {
              changed.accept(pod);
            }
          } finally {
            inFlight.remove(uid);
          }
        });
  }

  void forget(Pod pod) {
    String uid = uid(pod);
    activity.remove(uid);
    lastProbe.remove(uid);
  }

  private LogActivity probe(Pod pod, Duration interval, LogActivity before) {
    int sinceSeconds = (int) Math.max(2, interval.multipliedBy(2).toSeconds());
    String container = PodFacts.agentContainerName(pod);
    if (container == null) {
      return new LogActivity(
          before.lastOutput(), false); // not a polecat Pod's shape: no log to judge by
    }
    try {
      String log =
          client
              .pods()
              .inNamespace(pod.getMetadata().getNamespace())
              .withName(pod.getMetadata().getName())
              .inContainer(container)
              .usingTimestamps()
              .limitBytes(LIMIT_BYTES)
              .sinceSeconds(sinceSeconds)
              .tailingLines(1)
              .getLog();
      metrics.logProbe(true);
      Instant seen = lastLineTime(log, clock.instant());
      return LogActivity.seen(Timestamps.latest(before.lastOutput(), seen));
    } catch (KubernetesClientException e) {
      metrics.logProbe(false);
      LOG.debug(
          "cannot read the log of pod {}/{}: {}",
          pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(),
          e.getMessage());
      return new LogActivity(before.lastOutput(), false);
    }
  }

  /**
   * The timestamp the kubelet put before the last line, now when it has none, null when there is no
   * line.
   */
  static Instant lastLineTime(String log, Instant now) {
    if (log == null || log.isBlank()) {
      return null;
    }
    String trimmed = log.stripTrailing();
    String lastLine = trimmed.substring(trimmed.lastIndexOf('\n') + 1);
    int space = lastLine.indexOf(' ');
    Instant stamped = Timestamps.parse(space > 0 ? lastLine.substring(0, space) : lastLine);
    return stamped != null ? stamped : now;
  }

  private static String uid(Pod pod) {
    String uid = pod.getMetadata().getUid();
    return uid != null ? uid : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
