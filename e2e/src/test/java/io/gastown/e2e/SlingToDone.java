package io.gastown.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.gastown.cli.GtEnvironment;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import io.gastown.testing.LocalArgoCd;
import io.gastown.testing.SimulatedPod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;

/**
 * The time from {@code kubectl gt sling} to a Done Polecat under real Argo CD, for a pod that kwok
 * runs for its default {@value SimulatedPod#DEFAULT_DURATION}, split into where it goes: the git
 * write (sling: commit, push and the refresh annotation on the rig's Application), Argo CD noticing
 * (the controller's refresh: ls-remote and the comparison, until the Application's status names the
 * commit, less the repo-server's manifest generation, which is counted apart: the GenerateManifest
 * calls the repo-server logged meanwhile), the sync (comparison to the Job stored: the automated
 * sync starts and applies wave 0), admission (Job stored to expanded Pod stored: the Job controller
 * and the webhook), the pod's run (kwok) and the status lag (Pod Succeeded to Polecat Done, the
 * status reporter). Times are when this process sees each step through watches, on one monotonic
 * clock.
 */
public final class SlingToDone {
  private static final Pattern SLUNG = Pattern.compile("Polecat (\\S+) slung to rig");

  /** The split of one run. */
  public record Split(
      Duration gitWrite,
      Duration noticed,
      Duration manifests,
      Duration sync,
      Duration admission,
      Duration run,
      Duration statusLag) {
    public Duration total() {
      return gitWrite
          .plus(noticed)
          .plus(manifests)
          .plus(sync)
          .plus(admission)
          .plus(run)
          .plus(statusLag);
    }

    public List<Duration> parts() {
      return List.of(gitWrite, noticed, manifests, sync, admission, run, statusLag, total());
    }

    @Override
    public String toString() {
      return "sling to Done "
          + ms(total())
          + " = git write "
          + ms(gitWrite)
          + " + Argo CD noticing "
          + ms(noticed)
          + " + manifest generation "
          + ms(manifests)
          + " + sync "
          + ms(sync)
          + " + admission "
          + ms(admission)
          + " + pod run (kwok) "
          + ms(run)
          + " + status lag "
          + ms(statusLag);
    }

    public static List<String> names() {
      return List.of(
          "git write (kubectl gt sling, push, refresh)",
          "Argo CD noticing (refresh, compare)",
          "repo-server manifest generation",
          "sync (compared to Job stored)",
          "admission (Job to expanded Pod stored)",
          "pod run (kwok, " + SimulatedPod.DEFAULT_DURATION + ")",
          "status lag (Pod Succeeded to Polecat Done)",
          "total: sling to Done");
    }
  }

  private SlingToDone() {}

  public static String ms(Duration duration) {
    return duration.toMillis() + " ms";
  }

  /**
   * Slings {@code bead} to {@code rig} (which exists, synced, with its Secrets) and follows it to
   * Done.
   */
  public static Split measure(
      Gt gt, KubernetesClient client, LocalArgoCd argo, String rig, String bead, Duration timeout)
      throws Exception {
    String namespace = "gt-" + rig;
    Map<String, Long> seen = new ConcurrentHashMap<>();
    try (Watch application =
            watch(
                client
                        .genericKubernetesResources(LocalArgoCd.APPLICATIONS)
                        .inNamespace(LocalArgoCd.NAMESPACE)
                        .withName(GitOpsLayout.argoCdApplication(rig))
                    ::watch,
                (GenericKubernetesResource app) -> {
                  JsonNode status = Serialization.jsonMapper().valueToTree(app).path("status");
                  seen.putIfAbsent(
                      "compared/" + status.path("sync").path("revision").asText(),
                      System.nanoTime());
                });
        Watch jobs =
            watch(
                client.batch().v1().jobs().inNamespace(namespace)::watch,
                (Job job) ->
                    seen.putIfAbsent("job/" + job.getMetadata().getName(), System.nanoTime()));
        Watch pods =
            watch(
                client.pods().inNamespace(namespace)::watch,
                (Pod pod) -> {
                  String polecat =
                      pod.getMetadata().getLabels() == null
                          ? null
                          : pod.getMetadata().getLabels().get(GasTown.LABEL_POLECAT);
                  long now = System.nanoTime();
                  seen.putIfAbsent("pod/" + polecat, now);
                  if (pod.getStatus() != null && "Succeeded".equals(pod.getStatus().getPhase())) {
                    seen.putIfAbsent("succeeded/" + polecat, now);
                  }
                });
        Watch polecats =
            watch(
                client.resources(Polecat.class).inNamespace(namespace)::watch,
                (Polecat p) -> {
                  if (p.getStatus() != null && p.getStatus().getPhase() == PolecatPhase.Done) {
                    seen.putIfAbsent("done/" + p.getMetadata().getName(), System.nanoTime());
                  }
                })) {
      int generationsBefore = argo.manifestGenerations().size();
      long slingStart = System.nanoTime();
      Gt.Run sling = gt.ok("sling", bead, rig);
      long slingEnd = System.nanoTime();
      Matcher slung = SLUNG.matcher(sling.out());
      if (!slung.find()) {
        throw new AssertionError("no polecat name in: " + sling);
      }
      String polecat = slung.group(1);
      String commit = headCommit(gt);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!seen.containsKey("done/" + polecat)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "polecat "
                  + polecat
                  + " not Done after "
                  + timeout.toSeconds()
                  + " s; seen: "
                  + seen.keySet()
                  + "\n"
                  + argo.logTails(30));
        }
        Thread.sleep(5);
      }
      long compared = seen.get("compared/" + commit);
      long job = seen.get("job/polecat-" + polecat);
      long pod = seen.get("pod/" + polecat);
      long succeeded = seen.get("succeeded/" + polecat);
      long done = seen.get("done/" + polecat);
      Duration noticed = Duration.ofNanos(Math.max(0, compared - slingEnd));
      List<Duration> generations = argo.manifestGenerations();
      Duration manifests =
          generations
              .subList(Math.min(generationsBefore, generations.size()), generations.size())
              .stream()
              .reduce(Duration.ZERO, Duration::plus);
      manifests = manifests.compareTo(noticed) > 0 ? noticed : manifests;
      return new Split(
          Duration.ofNanos(slingEnd - slingStart),
          noticed.minus(manifests),
          manifests,
          Duration.ofNanos(job - Math.max(compared, slingEnd)),
          Duration.ofNanos(pod - job),
          Duration.ofNanos(succeeded - pod),
          Duration.ofNanos(done - succeeded));
    }
  }

  /** The commit the sling made: HEAD of the user's GitOps repository. */
  private static String headCommit(Gt gt) throws Exception {
    try (Git git = Git.open(Path.of(gt.environment().get(GtEnvironment.GITOPS_REPO)).toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  private static <T> Watch watch(
      java.util.function.Function<Watcher<T>, Watch> start, Consumer<T> onEvent) {
    return start.apply(
        new Watcher<>() {
          @Override
          public void eventReceived(Action action, T resource) {
            if (action == Action.ADDED || action == Action.MODIFIED) {
              onEvent.accept(resource);
            }
          }

          @Override
          public void onClose(WatcherException cause) {}
        });
  }
}
