package io.gastown.cli.dev;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;
import io.gastown.cli.GtSubcommand;
import io.gastown.cli.Inputs;
import io.gastown.cli.RepositoryLocation;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.KubeOptions;
import io.gastown.model.Durations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.lib.ObjectId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt dev sync [rig] [--watch]}: what Argo CD's rig Applications do, done from here. */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Sync the rigs of the GitOps repository's HEAD commit into the cluster the way Argo CD syncs "
        + "the rig Applications (argocd/base/rigs-applicationset.yaml): build rigs/<rig> as kustomize does, "
        + "server-side apply as argocd-controller in sync-wave order with Argo CD's tracking annotation, and prune "
        + "the objects of the rig that are no longer in git (a pruned Job takes its Pods along).",
        "For clusters without Argo CD, such as the local one of hack/dev.sh. A rig directory removed from git "
            + "leaves its objects in place, as the ApplicationSet's preserveResourcesOnDeletion does."},
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt dev sync                 # every rig, once",
        "  kubectl gt dev sync my-rig",
        "  kubectl gt dev sync --watch          # each new commit, as hack/dev.sh up does"})
public class DevSyncCommand extends GtSubcommand {
  /** The rig Applications' retry (argocd/base/rigs-applicationset.yaml): 10 s, doubling, at most 5 m, 10 times. */
  static final Duration RETRY_FIRST = Duration.ofSeconds(10);
  static final Duration RETRY_MAX = Duration.ofMinutes(5);
  static final int RETRY_LIMIT = 10;

  @Parameters(index = "0", arity = "0..1", paramLabel = "RIG", description = "Only this rig. Default: every rig.")
  String rig;

  @Option(names = "--watch", description = "Keep running: sync whenever HEAD moves (and retry a failed sync).")
  boolean watch;

  @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
      description = "With --watch, how often HEAD is read. Default: ${DEFAULT-VALUE}.")
  String interval;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
      description = "How long one sync wave may take. Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Mixin
  KubeOptions kube = new KubeOptions();

  @Override
  protected int run() throws Exception {
    if (rig != null) {
      Inputs.rigName(rig, "rig");
    }
    Duration waveTimeout = Durations.parse("--timeout", timeout);
    Duration pollInterval = Durations.parse("--interval", interval);
    Path repository = RepositoryLocation.resolve(global(), environment());
    try (ClusterSession session = kube.connect(environment())) {
      RigSync sync = new RigSync(session.client(), waveTimeout);
      if (!watch) {
        ObjectId head = Revision.head(repository).orElseThrow(() -> GtException.notFound("no commit to sync: "
            + repository + " is not a GitOps repository yet (kubectl gt init), or point --repo at yours"));
        syncRevision(sync, repository, head, "");
        return ExitCode.OK;
      }
      try {
        watch(sync, repository, pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ExitCode.OK;
    }
  }

  private void watch(RigSync sync, Path repository, Duration pollInterval) throws InterruptedException {
    out().println("Watching " + repository + " (HEAD every " + Durations.format(pollInterval)
        + "); every new commit is synced" + (rig != null ? " (rig " + rig + ")" : "") + ". Ctrl-C stops.");
    out().flush();
    ObjectId synced = null;
    Instant retryAt = null;
    int failures = 0;
    boolean waitingReported = false;
    while (!Thread.currentThread().isInterrupted()) {
      Optional<ObjectId> head = Revision.head(repository);
      if (head.isEmpty() && !waitingReported) {
        out().println(stamp() + "waiting for the first commit of " + repository + " (kubectl gt init)");
        out().flush();
        waitingReported = true;
      }
      boolean moved = head.isPresent() && !head.get().equals(synced);
      if (moved) {
        failures = 0;
      }
      if (moved || retryAt != null && Instant.now().isAfter(retryAt)) {
        try {
          syncRevision(sync, repository, head.get(), stamp());
          retryAt = null;
        } catch (RuntimeException e) {
          failures++;
          Duration backoff = retryAfter(failures);
          retryAt = backoff == null ? null : Instant.now().plus(backoff);
          err().println(stamp() + "error: " + e.getMessage() + (backoff == null ? " (gave up after " + RETRY_LIMIT
              + " attempts; the next commit is synced again)" : " (retrying in " + Durations.format(backoff) + ")"));
          err().flush();
        }
        synced = head.get();
      }
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** The wait before retry number {@code failures}, or null once the retries are used up. */
  static Duration retryAfter(int failures) {
    if (failures > RETRY_LIMIT) {
      return null;
    }
    Duration wait = RETRY_FIRST.multipliedBy(1L << Math.min(failures - 1, 20));
    return wait.compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait;
  }

  private void syncRevision(RigSync sync, Path repository, ObjectId head, String prefix) {
    Revision revision = Revision.read(repository, head);
    TreeSet<String> rigs = revision.rigs();
    if (rig != null && !rigs.contains(rig)) {
      throw GtException.notFound("rig " + rig + " is not in " + repository + " at " + revision.shortCommit()
          + (rigs.isEmpty() ? " (it has no rigs: kubectl gt rig create)" : " (rigs: " + String.join(", ", rigs) + ")"));
    }
    for (String name : rig != null ? List.of(rig) : rigs) {
      RigSync.Result result = sync.sync(name, revision.commit(), RigBuild.build(revision, name, environment()));
      out().println(prefix + describe(result));
      out().flush();
    }
  }

  static String describe(RigSync.Result result) {
    StringBuilder text = new StringBuilder("Synced rig " + result.rig() + " to " + result.commit().substring(0, 7)
        + ": " + result.applied().size() + " applied");
    if (!result.waves().isEmpty()) {
      text.append(" (wave").append(result.waves().size() == 1 ? " " : "s ")
          .append(String.join(", ", result.waves().stream().map(String::valueOf).toList())).append(")");
    }
    text.append(", ").append(result.pruned().size()).append(" pruned");
    if (!result.pruned().isEmpty()) {
      text.append(" (").append(String.join(", ", result.pruned().stream().map(ResourceKey::toString).toList()))
          .append(")");
    }
    return text.append('.').toString();
  }

  private static String stamp() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS) + " ";
  }
}
