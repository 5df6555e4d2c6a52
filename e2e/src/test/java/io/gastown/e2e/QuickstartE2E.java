package io.gastown.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.RepositoryLocation;
import io.gastown.cli.cluster.ArgoCdRefresh;
import io.gastown.dev.LocalGasTown;
import io.gastown.dev.LocalPlugin;
import io.gastown.model.Convoy;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import io.gastown.testing.Golden;
import io.gastown.testing.LocalArgoCd;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/quickstart.md, run: every {@code $ kubectl gt ...} line of its {@code ```console} blocks, in
 * order, against the environment {@code hack/dev.sh up} starts ({@link LocalGasTown} and real Argo
 * CD ({@link LocalArgoCd}) reading kubectl gt's local GitOps repository over file://, on a real
 * control plane), each output compared with the page's after {@link Transcript#normalize} (commit
 * ids, ages, timestamps, pod suffixes, column widths). The user's home is a temporary directory,
 * shown on the page as {@value #PAGE_HOME}; the GitOps repository is kubectl gt's default under it,
 * and ~/.claude holds a placeholder credentials file.
 *
 * <p>The cluster converges on its own (the watcher syncs each commit, kwok runs the pods, the
 * reporter writes statuses), so before each command the test waits until it has settled: every
 * commit synced, every polecat finished, every convoy and rig status written. A command that reads
 * the cluster is retried for a while when its output still differs. {@code -Dgolden.update=true}
 * writes the outputs of this run into the page instead.
 */
@ControlPlane(nodes = true)
class QuickstartE2E {
  static final Path PAGE = Golden.root().resolve("docs/quickstart.md");
  static final String PAGE_HOME = "/home/you";
  static final String REGENERATE =
      "mvn -pl e2e -am verify -Dit.test=QuickstartE2E -Dgolden.update=true "
          + "(then review the diff of docs/quickstart.md)";
  static final Set<String> READS = Set.of("list", "status");
  static final Duration SETTLE = Duration.ofSeconds(90);
  static final Duration RETRY = Duration.ofSeconds(30);

  @TempDir static Path work;
  static LocalGasTown town;
  static LocalArgoCd argo;
  static ArgoView view;
  static KubernetesClient client;
  static Gt gt;
  static Path home;
  static Path repository;

  @BeforeAll
  static void startTheLocalEnvironment(KubernetesClient kubernetes, ControlPlaneInfo info)
      throws Exception {
    client = kubernetes;
    home = Files.createDirectories(work.resolve("home"));
    Files.createDirectories(home.resolve(".claude"));
    Files.writeString(
        home.resolve(".claude/.credentials.json"),
        """
        {"claudeAiOauth": {"accessToken": "placeholder", "refreshToken": "placeholder", "expiresAt": 4102444800000}}
        """);
    gt =
        new Gt(
            Map.of(
                "KUBECONFIG",
                info.kubeconfig().toString(),
                ArgoCdRefresh.NAMESPACE_VARIABLE,
                LocalArgoCd.NAMESPACE),
            home);
    repository =
        RepositoryLocation.resolve(
            new io.gastown.cli.GlobalOptions(), GtEnvironment.of(gt.environment(), home));
    town =
        LocalGasTown.start(
            info.kubeconfig(), Golden.root(), work.resolve("town"), Duration.ofMinutes(2));
    argo =
        LocalArgoCd.start(
            info,
            kubernetes,
            Golden.root(),
            repository.toUri().toString(),
            LocalPlugin.generateCommand(),
            work.resolve("argocd"),
            Duration.ofMinutes(2));
    view = new ArgoView(argo);
  }

  @AfterAll
  static void stop() {
    if (argo != null) {
      argo.close();
    }
    if (town != null) {
      town.close();
    }
  }

  @Test
  void theQuickstartsCommandsPrintWhatThePageShows() throws Exception {
    ConsolePage page = ConsolePage.parse(Files.readString(PAGE, StandardCharsets.UTF_8));
    assertThat(page.steps()).as("console commands on %s", PAGE).hasSizeGreaterThan(5);
    List<List<String>> outputs = new ArrayList<>();
    List<String> differences = new ArrayList<>();
    for (ConsolePage.Step step : page.steps()) {
      List<String> words = ConsolePage.words(step.command());
      if (words.size() < 2 || !words.get(0).equals("kubectl") || !words.get(1).equals("gt")) {
        fail(
            PAGE
                + " line "
                + (step.line() + 1)
                + ": `"
                + step.command()
                + "` in a ```console block is not a "
                + "kubectl gt command, which this test cannot run; put set-up commands in a ```bash block");
      }
      String[] args = words.subList(2, words.size()).toArray(String[]::new);
      settle();
      Gt.Run run = runMatching(args, step.output(), isRead(args));
      List<String> shown = display(Transcript.lines(run.out(), run.err()));
      outputs.add(shown);
      if (run.exit() != 0) {
        differences.add(
            "line "
                + (step.line() + 1)
                + ": `"
                + step.command()
                + "` exited "
                + run.exit()
                + ":\n"
                + String.join("\n", shown));
      } else if (!Transcript.normalize(shown).equals(Transcript.normalize(step.output()))) {
        differences.add(
            "line "
                + (step.line() + 1)
                + ": `"
                + step.command()
                + "` printed\n"
                + String.join("\n", shown)
                + "\nbut the page shows\n"
                + String.join("\n", step.output()));
      }
    }
    if (Golden.UPDATE) {
      Files.writeString(PAGE, page.withOutputs(outputs), StandardCharsets.UTF_8);
      return;
    }
    assertThat(differences)
        .as(
            "docs/quickstart.md differs from what its commands print; fix the page or the "
                + "code, or regenerate the outputs with "
                + REGENERATE
                + "\nArgo CD logs:\n"
                + argo.logTails(30))
        .isEmpty();
  }

  /**
   * Runs the command; a command that only reads the cluster again, for a while, until it prints
   * what is expected.
   */
  private static Gt.Run runMatching(String[] args, List<String> expected, boolean read) {
    Gt.Run run = gt.run(args);
    long deadline = System.nanoTime() + RETRY.toNanos();
    while (read
        && !Golden.UPDATE
        && System.nanoTime() < deadline
        && !Transcript.normalize(display(Transcript.lines(run.out(), run.err())))
            .equals(Transcript.normalize(expected))) {
      sleep(500);
      run = gt.run(args);
    }
    return run;
  }

  private static boolean isRead(String[] args) {
    return args.length >= 2 && READS.contains(args[1]);
  }

  /** The output as the page shows it: the temporary home directory is the reader's. */
  private static List<String> display(List<String> lines) {
    return lines.stream().map(line -> line.replace(home.toString(), PAGE_HOME)).toList();
  }

  /**
   * Waits until the cluster has caught up with the GitOps repository: each rig's polecats in git
   * are the ones in the cluster (synced, or pruned), every polecat has finished and every rig and
   * convoy has a current status.
   */
  private static void settle() {
    await()
        .atMost(SETTLE)
        .pollInterval(Duration.ofMillis(250))
        .until(() -> settled() && sleepThen(750) && settled());
  }

  private static boolean settled() {
    var found = HeadFiles.of(repository);
    if (found.isEmpty()) {
      return true;
    }
    HeadFiles head = found.get();
    for (String rig : head.rigs()) {
      if (!view.syncedTo(rig, head.commit())) {
        return false;
      }
      Set<String> declared = head.polecats(rig);
      Rig live = client.resources(Rig.class).withName(rig).get();
      if (live == null
          || live.getStatus() == null
          || live.getStatus().getPhase() == null
          || !current(live, live.getStatus().getObservedGeneration())) {
        return false;
      }
      String namespace = "gt-" + rig;
      List<Polecat> polecats =
          client.resources(Polecat.class).inNamespace(namespace).list().getItems();
      Set<String> running =
          polecats.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
      if (!running.equals(declared)
          || polecats.stream()
              .anyMatch(
                  p ->
                      p.getStatus() == null
                          || p.getStatus().getPhase() == null
                          || !Set.of("Done", "Failed").contains(p.getStatus().getPhase().name())
                          || !current(p, p.getStatus().getObservedGeneration()))) {
        return false;
      }
      for (Convoy convoy :
          client.resources(Convoy.class).inNamespace(namespace).list().getItems()) {
        if (convoy.getStatus() == null
            || !current(convoy, convoy.getStatus().getObservedGeneration())) {
          return false;
        }
      }
      List<GenericKubernetesResource> pods =
          client.genericKubernetesResources("v1", "Pod").inNamespace(namespace).list().getItems();
      if (pods.stream().anyMatch(p -> p.getMetadata().getDeletionTimestamp() != null)) {
        return false;
      }
    }
    return true;
  }

  private static boolean current(HasMetadata object, Long observedGeneration) {
    return observedGeneration != null
        && observedGeneration.equals(object.getMetadata().getGeneration());
  }

  private static boolean sleepThen(long millis) {
    sleep(millis);
    return true;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
