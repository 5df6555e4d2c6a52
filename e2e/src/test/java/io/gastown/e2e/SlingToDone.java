package io.gastown.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.testing.SimulatedPod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time from {@code kubectl gt sling} to a Done Polecat, for a pod that runs for zero seconds (kwok), split into
 * where it goes: the git write (sling), the sync (git HEAD read, build, waves -1 and 0 applied, up to the Job
 * stored), admission (Job stored to expanded Pod stored: the Job controller and the webhook), the pod's run (kwok
 * schedules it, makes it Running, then Succeeded) and the status lag (Pod Succeeded to Polecat Done, the status
 * reporter). Times are when this process sees each step through watches, on one monotonic clock.
 *
 * <p>Right after the sling, untimed, a commit gives the Job's pod template {@code gastown.io/simulate-duration:
 * 0s} (a user's edit; kubectl gt writes no kwok annotations).
 */
public final class SlingToDone {
  private static final Pattern SLUNG = Pattern.compile("Polecat (\\S+) slung to rig");

  /** The split of one run. */
  public record Split(Duration gitWrite, Duration sync, Duration admission, Duration run, Duration statusLag) {
    public Duration total() {
      return gitWrite.plus(sync).plus(admission).plus(run).plus(statusLag);
    }

    public List<Duration> parts() {
      return List.of(gitWrite, sync, admission, run, statusLag, total());
    }

    @Override
    public String toString() {
      return "sling to Done " + ms(total()) + " = git write " + ms(gitWrite) + " + sync " + ms(sync)
          + " + admission " + ms(admission) + " + pod run (kwok, 0 s simulated) " + ms(run) + " + status lag "
          + ms(statusLag);
    }

    public static List<String> names() {
      return List.of("git write (kubectl gt sling)", "sync (HEAD to Job stored)",
          "admission (Job to expanded Pod stored)", "pod run (kwok, 0 s simulated)",
          "status lag (Pod Succeeded to Polecat Done)", "total: sling to Done");
    }
  }

  private SlingToDone() {
  }

  public static String ms(Duration duration) {
    return duration.toMillis() + " ms";
  }

  /** Slings {@code bead} to {@code rig} (which exists, synced, with its Secrets) and follows it to Done. */
  public static Split measure(Gt gt, KubernetesClient client, Path repository, String rig, String bead,
      Duration timeout) throws Exception {
    String namespace = "gt-" + rig;
    Map<String, Long> seen = new ConcurrentHashMap<>();
    try (Watch jobs = watch(client.batch().v1().jobs().inNamespace(namespace)::watch, (Job job) ->
             seen.putIfAbsent("job/" + job.getMetadata().getName(), System.nanoTime()));
         Watch pods = watch(client.pods().inNamespace(namespace)::watch, (Pod pod) -> {
           String polecat = pod.getMetadata().getLabels() == null ? null
               : pod.getMetadata().getLabels().get(GasTown.LABEL_POLECAT);
           long now = System.nanoTime();
           seen.putIfAbsent("pod/" + polecat, now);
           if (pod.getStatus() != null && "Succeeded".equals(pod.getStatus().getPhase())) {
             seen.putIfAbsent("succeeded/" + polecat, now);
           }
         });
         Watch polecats = watch(client.resources(Polecat.class).inNamespace(namespace)::watch, (Polecat p) -> {
           if (p.getStatus() != null && p.getStatus().getPhase() == PolecatPhase.Done) {
             seen.putIfAbsent("done/" + p.getMetadata().getName(), System.nanoTime());
           }
         })) {
      long slingStart = System.nanoTime();
      Gt.Run sling = gt.ok("sling", bead, rig);
      long slingEnd = System.nanoTime();
      Matcher slung = SLUNG.matcher(sling.out());
      if (!slung.find()) {
        throw new AssertionError("no polecat name in: " + sling);
      }
      String polecat = slung.group(1);
      UserEdits.annotateJobPods(repository, rig, polecat, Map.of(SimulatedPod.DURATION, "0s"),
          "simulate a zero-length run of " + polecat);
      long syncStart = System.nanoTime();
      gt.ok("dev", "sync", rig);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!seen.containsKey("done/" + polecat)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("polecat " + polecat + " not Done after " + timeout.toSeconds() + " s; seen: "
              + seen.keySet());
        }
        Thread.sleep(10);
      }
      long job = seen.get("job/polecat-" + polecat);
      long pod = seen.get("pod/" + polecat);
      long succeeded = seen.get("succeeded/" + polecat);
      long done = seen.get("done/" + polecat);
      return new Split(Duration.ofNanos(slingEnd - slingStart), Duration.ofNanos(job - syncStart),
          Duration.ofNanos(pod - job), Duration.ofNanos(succeeded - pod), Duration.ofNanos(done - succeeded));
    }
  }

  private static <T> Watch watch(java.util.function.Function<Watcher<T>, Watch> start, Consumer<T> onEvent) {
    return start.apply(new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        if (action == Action.ADDED || action == Action.MODIFIED) {
          onEvent.accept(resource);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
      }
    });
  }
}
