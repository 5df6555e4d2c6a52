package io.gastown.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.model.GasTown;
import io.gastown.model.MergeResult;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.RefineryQueue;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import io.gastown.render.RefineryManifests;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import io.gastown.testing.GitSshServer;
import io.gastown.testing.LocalNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Refinery's merge run on the real node ({@link NodeRigs}: Gas Town installed as its Deployments,
 * the rig's repository on a git server over SSH). The three work branches are made for real: three
 * {@code custom}-agent polecats are slung, run on the node, and the agent wrapper commits and
 * pushes each one's work; the status reporter brings them to Done. One of them adds a file that the
 * Refinery's test command refuses (a red test). The run is started from the Refinery's CronJob as
 * {@code kubectl create job --from=cronjob/refinery-<rig>} does it; the real webhook expands its
 * Pod with the queue, git-init clones over SSH with the rig's key and {@code refinery-merge.sh}
 * runs in the polecat agent image on the real kubelet, under the rig namespace's restricted Pod
 * Security.
 */
@ControlPlane(realNode = true)
class RefineryNodeE2E {
  static final String RIG = "mill";
  static final String NAMESPACE = "gt-" + RIG;
  static final String TEST_COMMAND = "test ! -e BROKEN";

  @TempDir static Path work;
  static NodeRigs town;
  static KubernetesClient admin;

  @BeforeAll
  static void startGasTownOnTheNode(
      KubernetesClient kubernetes, ControlPlaneInfo info, LocalNode node) throws Exception {
    town = NodeRigs.start("RefineryNodeE2E", kubernetes, info, node, work);
    admin = kubernetes;
  }

  @AfterAll
  static void stop() throws Exception {
    if (town != null) {
      town.close();
    }
  }

  @Test
  void aMergeRunFastForwardsTheGoodBranchesAndReportsTheRedOne() throws Exception {
    town.rig(RIG, "ml");
    String first = slingWriting("ml-1", "one.txt");
    String red = slingWriting("ml-2", "BROKEN");
    String third = slingWriting("ml-3", "three.txt");
    town.sync(RIG);
    for (String polecat : List.of(first, red, third)) {
      town.awaitPhase(NAMESPACE, polecat, PolecatPhase.Done);
    }
    ObjectId mainBefore = head("main");
    int pushesBefore = town.git.pushes().size();

    town.gt.ok("refinery", "create", RIG, "--test-command", TEST_COMMAND, "--no-push");
    trustTheGitServer();
    town.sync(RIG);
    CronJob cronJob =
        admin
            .batch()
            .v1()
            .cronjobs()
            .inNamespace(NAMESPACE)
            .withName(PodContract.refineryCronJobName(RIG))
            .get();
    assertThat(cronJob).as("the Refinery's CronJob, applied from the render").isNotNull();

    // kubectl create job refinery-mill-now --from=cronjob/refinery-mill
    Job run = RefineryManifests.manualRun(cronJob, "refinery-" + RIG + "-now");
    run.getMetadata()
        .setOwnerReferences(
            List.of(
                new OwnerReferenceBuilder()
                    .withApiVersion("batch/v1")
                    .withKind("CronJob")
                    .withName(cronJob.getMetadata().getName())
                    .withUid(cronJob.getMetadata().getUid())
                    .build()));
    long started = System.nanoTime();
    admin.resource(run).create();
    AtomicReference<Pod> ran = new AtomicReference<>();
    awaitOrShowEvents(
        "merge run pod finished",
        () -> {
          List<Pod> pods =
              admin
                  .pods()
                  .inNamespace(NAMESPACE)
                  .withLabel("job-name", run.getMetadata().getName())
                  .list()
                  .getItems();
          pods.stream()
              .filter(
                  p ->
                      p.getStatus() != null
                          && List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
              .findFirst()
              .ifPresent(ran::set);
          return ran.get() != null;
        });
    long finished = System.nanoTime();
    Pod pod = ran.get();
    String clone = town.podLog(NAMESPACE, pod.getMetadata().getName(), "git-init");
    assertThat(pod.getStatus().getPhase())
        .as("git-init:\n%s\nstatus: %s", clone, pod.getStatus())
        .isEqualTo("Succeeded");
    String log =
        town.podLog(NAMESPACE, pod.getMetadata().getName(), PodContract.REFINERY_MERGE_CONTAINER);
    System.out.println("RefineryNodeE2E: the merge container's log:\n" + log);

    // The webhook expanded it with the queue, oldest Done first.
    assertThat(pod.getMetadata().getAnnotations()).containsKey(GasTown.ANNOTATION_EXPANDED);
    List<RefineryQueue.Entry> queue =
        RefineryQueue.fromAnnotation(
            pod.getMetadata().getAnnotations().get(GasTown.ANNOTATION_MERGE_QUEUE));
    assertThat(queue)
        .extracting(RefineryQueue.Entry::polecat)
        .containsExactlyInAnyOrder(first, red, third);
    List<String> goodInOrder =
        queue.stream().map(RefineryQueue.Entry::polecat).filter(p -> !p.equals(red)).toList();
    assertThat(clone)
        .contains("git-init: cloning branch main of " + town.git.url(NodeRigs.REPOSITORY));

    // The target gained exactly the good branches' commits, in the queue's order, each pushed as
    // a fast-forward of the one before.
    List<RevCommit> gained = firstParentsSince("main", mainBefore);
    assertThat(gained).hasSize(2);
    Map<String, String> fileOf = Map.of(first, "one.txt", third, "three.txt");
    for (int i = 0; i < 2; i++) {
      assertThat(changedPaths(gained.get(i)))
          .as("commit %d on main", i + 1)
          .containsExactly(fileOf.get(goodInOrder.get(i)));
    }
    List<GitSshServer.Push> mainPushes =
        town.git.pushes().subList(pushesBefore, town.git.pushes().size()).stream()
            .filter(p -> p.ref().equals("refs/heads/main"))
            .toList();
    assertThat(mainPushes)
        .extracting(GitSshServer.Push::newId)
        .containsExactly(gained.get(0).getName(), gained.get(1).getName());
    assertThat(gained.get(0).getParent(0).getId()).isEqualTo(mainBefore);
    assertThat(gained.get(1).getParent(0).getId()).isEqualTo(gained.get(0).getId());
    assertThat(gained).allSatisfy(c -> assertThat(c.getParentCount()).isEqualTo(1));

    // The Refinery's status, as the user reads it.
    AtomicReference<JsonNode> status = new AtomicReference<>();
    awaitOrShowEvents(
        "the Refinery's status reporting the run",
        () -> {
          JsonNode refinery = json(town.gt.ok("refinery", "status", RIG, "-o", "json").out());
          status.set(refinery.path("status"));
          return refinery.path("status").path("lastRun").path("merged").asInt(-1) == 2;
        });
    JsonNode refineryStatus = status.get();
    assertThat(refineryStatus.path("lastRun").path("failed").asInt()).isEqualTo(1);
    assertThat(refineryStatus.path("lastMergedCommit").asText()).isEqualTo(gained.get(1).getName());
    assertThat(refineryStatus.path("failures")).hasSize(1);
    JsonNode failure = refineryStatus.path("failures").get(0);
    assertThat(failure.path("polecat").asText()).isEqualTo(red);
    assertThat(failure.path("branch").asText()).isEqualTo("feature/ml-2");
    assertThat(failure.path("reason").asText()).isEqualTo("test command failed with exit code 1");

    // The polecats' Merged condition.
    for (String polecat : goodInOrder) {
      town.await(
          polecat + " Merged",
          () -> mergedReason(polecat).equals("True/" + MergeResult.REASON_MERGED));
    }
    town.await(
        red + " not merged, test failed",
        () -> mergedReason(red).equals("False/" + MergeResult.REASON_TEST_FAILED));

    // It ran under the namespace's restricted Pod Security.
    assertThat(admin.namespaces().withName(NAMESPACE).get().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSpec().getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
    List<Container> containers = new ArrayList<>(pod.getSpec().getInitContainers());
    containers.addAll(pod.getSpec().getContainers());
    assertThat(containers)
        .allSatisfy(
            c -> {
              assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
              assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
              assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            });
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();

    String figure =
        "merge run on the real node (3 branches, one red, rebase, test command %s): Job created to Pod finished %d ms; load average %s"
            .formatted(TEST_COMMAND, NodeRigs.ms(finished - started), NodeRigs.loadAverage());
    System.out.println("RefineryNodeE2E: " + figure);
    Files.writeString(
        Path.of("target", "real-node-merge-run.txt"), figure + "\n", StandardCharsets.UTF_8);
  }

  /**
   * The user's edit of the Refinery: the known_hosts ConfigMap of the self-hosted git server (its
   * host key is not in the built-in list), as for the polecats.
   */
  private static void trustTheGitServer() throws Exception {
    String file = GitOpsLayout.refineryFile(RIG);
    List<JsonNode> documents = Manifests.readAll(Files.readString(town.gitops.resolve(file)));
    for (JsonNode document : documents) {
      if (document.path("kind").asText().equals("Refinery")) {
        ((ObjectNode) document.path("spec"))
            .putObject("sshKnownHostsConfigMapRef")
            .put("name", NodeRigs.KNOWN_HOSTS);
      }
    }
    UserEdits.commitFiles(
        town.gitops,
        Map.of(file, Manifests.toYaml(documents)),
        "refinery " + RIG + ": known hosts of the git server");
  }

  /** A custom-agent polecat whose agent writes one file; the wrapper commits and pushes it. */
  private static String slingWriting(String bead, String file) throws Exception {
    return town.sling(
        bead,
        RIG,
        null,
        "--agent",
        "custom",
        "--command=/bin/sh",
        "--command=-c",
        "--command=echo \"work of $GT_BEAD_ID\" > " + file);
  }

  /** {@link NodeRigs#await}, failing with the rig namespace's events and the webhook's log. */
  private static void awaitOrShowEvents(String what, java.util.function.BooleanSupplier condition) {
    try {
      town.await(what, condition);
    } catch (AssertionError e) {
      String events =
          String.join(
              "\n  ",
              admin.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                  .map(
                      ev ->
                          ev.getInvolvedObject().getKind()
                              + "/"
                              + ev.getInvolvedObject().getName()
                              + " "
                              + ev.getReason()
                              + ": "
                              + ev.getMessage())
                  .toList());
      throw new AssertionError(
          e.getMessage()
              + "\nevents of "
              + NAMESPACE
              + ":\n  "
              + events
              + "\nsystem pods:"
              + InClusterGasTown.podsAndLogTails(admin),
          e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return Serialization.jsonMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  private static String mergedReason(String polecat) {
    Polecat now = admin.resources(Polecat.class).inNamespace(NAMESPACE).withName(polecat).get();
    if (now.getStatus() == null || now.getStatus().getConditions() == null) {
      return "";
    }
    return now.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(MergeResult.CONDITION))
        .map(c -> c.getStatus() + "/" + c.getReason())
        .findFirst()
        .orElse("");
  }

  private static ObjectId head(String branch) throws Exception {
    try (Repository repository =
        Git.open(town.git.repository(NodeRigs.REPOSITORY).toFile()).getRepository()) {
      return repository.resolve("refs/heads/" + branch);
    }
  }

  /** The branch's first-parent commits after {@code since}, oldest first. */
  private static List<RevCommit> firstParentsSince(String branch, ObjectId since) throws Exception {
    try (Repository repository =
            Git.open(town.git.repository(NodeRigs.REPOSITORY).toFile()).getRepository();
        RevWalk walk = new RevWalk(repository)) {
      List<RevCommit> commits = new ArrayList<>();
      RevCommit commit = walk.parseCommit(repository.resolve("refs/heads/" + branch));
      while (!commit.getId().equals(since)) {
        commits.addFirst(commit);
        assertThat(commit.getParentCount())
            .as("%s descends from %s", branch, since.getName())
            .isGreaterThan(0);
        commit = walk.parseCommit(commit.getParent(0));
      }
      return commits;
    }
  }

  private static List<String> changedPaths(RevCommit commit) throws Exception {
    try (Repository repository =
            Git.open(town.git.repository(NodeRigs.REPOSITORY).toFile()).getRepository();
        RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      tree.setRecursive(true);
      tree.addTree(walk.parseCommit(commit.getParent(0)).getTree());
      tree.addTree(walk.parseCommit(commit).getTree());
      return DiffEntry.scan(tree).stream().map(DiffEntry::getNewPath).toList();
    }
  }
}
