package io.gastown.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import io.gastown.testing.GitSshServer;
import io.gastown.testing.Golden;
import io.gastown.testing.LocalNode;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Polecats on a real node (containerd, runc, kubelet: {@link LocalNode}): the webhook and the
 * status reporter run as the Deployments of {@code kustomize/overlays/dev-in-cluster}, as their
 * ServiceAccounts; {@code kubectl gt} runs as a user holding only the read access granted below;
 * the rig's repository is a git server over SSH on the node's address ({@link GitSshServer}). The
 * GitOps repository is applied as Argo CD's plugin renders it ({@code kubectl gt render}, applied
 * server-side and pruned by the test, standing in for Argo CD, which is not part of this
 * environment yet).
 */
@ControlPlane(realNode = true)
class RealPodsNodeE2E {
  @TempDir static Path work;
  static NodeRigs town;
  static KubernetesClient admin;
  static GitSshServer git;
  static Gt gt;
  static Path gitops;

  @BeforeAll
  static void startGasTownOnTheNode(
      KubernetesClient kubernetes, ControlPlaneInfo info, LocalNode node) throws Exception {
    town = NodeRigs.start("RealPodsNodeE2E", kubernetes, info, node, work);
    admin = town.admin;
    git = town.git;
    gt = town.gt;
    gitops = town.gitops;
  }

  @AfterAll
  static void stop() throws Exception {
    if (town != null) {
      town.close();
    }
  }

  @Test
  void aCustomAgentClonesOverSshEditsCommitsAndPushesAndItsLogStreamsLive() throws Exception {
    town.rig("shop", "sh");
    admin
        .resourceList(
            Files.readString(
                Golden.root().resolve("kustomize/polecat-network-policy/network-policy.yaml")))
        .inNamespace("gt-shop")
        .fieldManager("gastown-e2e-sync")
        .serverSideApply();

    PodTimes times = new PodTimes();
    try (Watch jobs = times.watchJobs(admin, "gt-shop");
        Watch pods = times.watchPods(admin, "gt-shop");
        Watch polecats = times.watchPolecats(admin, "gt-shop")) {
      long slingStart = System.nanoTime();
      String polecat =
          town.sling(
              "sh-1",
              "shop",
              null,
              "--agent",
              "custom",
              "--command=/bin/sh",
              "--command=-c",
              "--command=echo \"agent: starting on $GT_BEAD_ID\"; sleep 3;"
                  + " printf 'fixed by %s\\n' \"$GT_POLECAT\" >> README.md;"
                  + " echo 'agent: edited README.md'; sleep 3; echo 'agent: done'");
      long gitWritten = System.nanoTime();
      town.sync("shop");

      String podName =
          town.awaitPod("gt-shop", polecat, p -> NodeRigs.containerRunning(p, "agent"));
      StringWriter logs = new StringWriter();
      AtomicReference<String> podPhaseWhenSeen = new AtomicReference<>();
      Writer watching =
          new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
              logs.write(chars, offset, length);
              if (podPhaseWhenSeen.get() == null
                  && logs.toString().contains("agent: edited README.md")) {
                Pod now = admin.pods().inNamespace("gt-shop").withName(podName).get();
                podPhaseWhenSeen.set(
                    now.getStatus().getPhase()
                        + (NodeRigs.containerRunning(now, "agent") ? "/running" : ""));
              }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
          };
      Thread follow =
          Thread.ofVirtual()
              .start(
                  () ->
                      gt.run(
                          watching,
                          new StringWriter(),
                          "polecat",
                          "logs",
                          "-f",
                          "shop/" + polecat));
      town.await("polecat " + polecat + " Done", () -> times.seen("done/" + polecat));
      follow.join(Duration.ofSeconds(30).toMillis());

      // The split, on this process's monotonic clock.
      long job = times.at("job/polecat-" + polecat);
      long pod = times.at("pod/" + polecat);
      long init = times.at("init/" + polecat);
      long started = times.at("running/" + polecat);
      long succeeded = times.at("succeeded/" + polecat);
      long done = times.at("done/" + polecat);
      String split =
          "sling to Done on the real node %d ms = git write (sling, known_hosts edit) %d + Argo CD sync (push, refresh, compare, sync to Job stored) %d + admission (Job to expanded Pod stored) %d + pod start (Pod stored to git-init started: schedule, sandbox, container) %d + clone (git-init started to agent running: clone over SSH, agent container start) %d + agent run (to Pod Succeeded: agent, commit, push) %d + status lag (to Polecat Done) %d; load average %s"
              .formatted(
                  NodeRigs.ms(done - slingStart),
                  NodeRigs.ms(gitWritten - slingStart),
                  NodeRigs.ms(job - gitWritten),
                  NodeRigs.ms(pod - job),
                  NodeRigs.ms(init - pod),
                  NodeRigs.ms(started - init),
                  NodeRigs.ms(succeeded - started),
                  NodeRigs.ms(done - succeeded),
                  NodeRigs.loadAverage());
      System.out.println("RealPodsNodeE2E: " + split);
      Files.writeString(
          Path.of("target", "real-node-sling-to-done.txt"), split + "\n", StandardCharsets.UTF_8);

      Pod ran = admin.pods().inNamespace("gt-shop").withName(podName).get();
      assertThat(ran.getMetadata().getAnnotations()).containsKey(GasTown.ANNOTATION_EXPANDED);
      String clone = town.podLog("gt-shop", podName, "git-init");
      assertThat(clone)
          .contains(
              "git-init: cloning branch main of " + git.url(NodeRigs.REPOSITORY),
              "git-init: working branch feature/sh-1");
      assertThat(ran.getSpec().getVolumes())
          .filteredOn(v -> v.getSecret() != null)
          .extracting(v -> v.getSecret().getSecretName())
          .contains(NodeRigs.GIT_SECRET);

      assertThat(logs.toString())
          .contains("agent: starting on sh-1", "agent: edited README.md", "agent: done");
      assertThat(podPhaseWhenSeen.get())
          .as("the pod when `polecat logs -f` printed the agent's line")
          .isEqualTo("Running/running");
      assertThat(town.podLog("gt-shop", podName, "agent"))
          .contains("gastown: pushed branch feature/sh-1");

      assertThat(git.pushes())
          .anySatisfy(p -> assertThat(p.ref()).isEqualTo("refs/heads/feature/sh-1"));
      assertThat(town.fileOnBranch("feature/sh-1", "README.md"))
          .isEqualTo("# shop\nfixed by " + polecat + "\n");

      Gt.Run list = gt.ok("polecat", "list", "shop");
      assertThat(list.out()).contains(polecat).contains("Done");

      // The egress policy is in the namespace, but the node's CNI bridge plugin has no policy
      // engine: the pod reached the git server on the node's address (10.250.0.1, inside
      // 10.0.0.0/8, which the policy closes) all the same. docs/operations.md says so.
      assertThat(
              admin
                  .network()
                  .networkPolicies()
                  .inNamespace("gt-shop")
                  .withName("gastown-polecat-egress")
                  .get())
          .isNotNull();
    }
  }

  @Test
  void theRigNamespaceEnforcesRestrictedPodSecurity() throws Exception {
    town.rig("guard", "gd");
    assertThat(admin.namespaces().withName("gt-guard").get().getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    Pod loose =
        new PodBuilder()
            .withNewMetadata()
            .withName("loose")
            .withNamespace("gt-guard")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("c")
            .withImage(LocalNode.BUSYBOX_IMAGE)
            .withCommand("sleep", "1")
            .endContainer()
            .endSpec()
            .build();
    assertThatThrownBy(() -> admin.resource(loose).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("violates PodSecurity \"restricted");

    // Pod start-up on this node with the image present: a restricted busybox Pod, create to
    // running.
    town.await(
        "default ServiceAccount of gt-guard",
        () -> admin.serviceAccounts().inNamespace("gt-guard").withName("default").get() != null);
    Pod compliant =
        new PodBuilder(loose)
            .editMetadata()
            .withName("compliant")
            .endMetadata()
            .editSpec()
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(65532L)
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .editFirstContainer()
            .withCommand("sh", "-c", "echo started; sleep 2")
            .withImagePullPolicy("Never")
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build();
    long created = System.nanoTime();
    admin.resource(compliant).create();
    town.await(
        "pod compliant running",
        () ->
            NodeRigs.containerRunning(
                admin.pods().inNamespace("gt-guard").withName("compliant").get(), "c"));
    String startup =
        "pod start-up (image present; create to container running, as seen by polling every 100 ms): %d ms; load average %s"
            .formatted(NodeRigs.ms(System.nanoTime() - created), NodeRigs.loadAverage());
    System.out.println("RealPodsNodeE2E: " + startup);
    Files.writeString(Path.of("target", "real-node-pod-startup.txt"), startup + "\n");
  }

  @Test
  void aCloneWithTheWrongKeyFailsThePolecatNamingTheCloneFailure() throws Exception {
    town.rig("vault", "vt");
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("stranger-key")
                .withNamespace("gt-vault")
                .endMetadata()
                .addToStringData(
                    "ssh-privatekey", GitSshServer.SshKey.generate("stranger").privateKeyPem())
                .build())
        .serverSideApply();
    String polecat =
        town.sling(
            "vt-1",
            "vault",
            spec ->
                ((ObjectNode) spec.path("kubernetes"))
                    .putObject("gitSecretRef")
                    .put("name", "stranger-key"),
            "--agent",
            "custom",
            "--command=/bin/true");
    town.sync("vault");

    Polecat failed = town.awaitPhase("gt-vault", polecat, PolecatPhase.Failed);
    assertThat(failed.getStatus().getMessage())
        .startsWith("container git-init exited with code")
        .contains("Permission denied (publickey)");
    assertThat(git.pushes()).noneSatisfy(p -> assertThat(p.ref()).endsWith("vt-1"));
  }

  @Test
  void aSilentAgentIsStuckFromItsRealLogAndANukedOneIsGoneWithoutPushing() throws Exception {
    town.rig("quiet", "qt");
    Path rigFile = gitops.resolve(GitOpsLayout.rigFile("quiet"));
    List<JsonNode> documents = Manifests.readAll(Files.readString(rigFile));
    for (JsonNode document : documents) {
      if (document.path("kind").asText().equals("Witness")) {
        ((ObjectNode) document.path("spec"))
            .put("stuckThreshold", "8s")
            .put("healthCheckInterval", "2s");
      }
    }
    UserEdits.commitFiles(
        gitops,
        Map.of(GitOpsLayout.rigFile("quiet"), Manifests.toYaml(documents)),
        "quiet: stuck after 8 s without log output");
    town.sync("quiet");

    String polecat =
        town.sling(
            "qt-1",
            "quiet",
            null,
            "--agent",
            "custom",
            "--command=/bin/sh",
            "--command=-c",
            "--command=echo 'agent: thinking'; sleep 45; echo late >> README.md");
    town.sync("quiet");
    String podName = town.awaitPod("gt-quiet", polecat, p -> NodeRigs.containerRunning(p, "agent"));

    Polecat stuck = town.awaitPhase("gt-quiet", polecat, PolecatPhase.Stuck);
    assertThat(stuck.getStatus().getMessage()).contains("no new log output");

    gt.ok("polecat", "nuke", "quiet/" + polecat);
    long nuked = System.nanoTime();
    town.sync("quiet");
    town.await(
        "pod " + podName + " gone",
        () -> admin.pods().inNamespace("gt-quiet").withName(podName).get() == null);
    System.out.printf(
        "RealPodsNodeE2E: nuked polecat's pod gone %d ms after the nuke%n",
        NodeRigs.ms(System.nanoTime() - nuked));
    // Past the moment the agent would have finished and pushed (45 s after it started).
    Thread.sleep(
        Duration.ofSeconds(50).minus(Duration.ofNanos(System.nanoTime() - nuked)).toMillis());
    assertThat(git.pushes()).noneSatisfy(p -> assertThat(p.ref()).endsWith("qt-1"));
  }

  @Test
  void theRealAgentClisStartWithoutCredentialsAndTheFailureNamesTheMissingOne() throws Exception {
    town.rig("creds", "cr");
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("empty-key")
                .withNamespace("gt-creds")
                .endMetadata()
                .addToData("api-key", "")
                .build())
        .serverSideApply();
    Map<String, String> polecats = new ConcurrentHashMap<>();
    polecats.put(
        "claude-code",
        town.sling(
            "cr-1",
            "creds",
            spec ->
                ((ObjectNode) spec.path("kubernetes"))
                    .putObject("apiKeySecretRef")
                    .put("name", "empty-key")
                    .put("key", "api-key"),
            "--agent",
            "claude-code"));
    for (String agent : List.of("opencode", "aider")) {
      polecats.put(
          agent,
          town.sling(
              "cr-" + agent,
              "creds",
              spec -> {
                ObjectNode agentConfig = (ObjectNode) spec.path("agentConfig");
                agentConfig.put("provider", "anthropic");
                agentConfig
                    .putObject("modelProvider")
                    .putObject("apiKeySecretRef")
                    .put("name", "empty-key")
                    .put("key", "api-key");
              },
              "--agent",
              agent,
              "--model",
              "claude-sonnet-4-5"));
    }
    town.sync("creds");

    for (Map.Entry<String, String> entry : polecats.entrySet()) {
      Polecat failed = town.awaitPhase("gt-creds", entry.getValue(), PolecatPhase.Failed);
      assertThat(failed.getStatus().getMessage())
          .as(entry.getKey())
          .containsPattern(
              entry.getKey() + " (exited with status \\d+|changed nothing); empty credential:")
          .containsPattern("ANTHROPIC_API_KEY|GT_MODEL_API_KEY")
          .doesNotContain("    at ");
      System.out.printf(
          "RealPodsNodeE2E: %s without credentials: %s%n",
          entry.getKey(), failed.getStatus().getMessage());
    }
  }

  /** When this process saw each step, through watches, on one monotonic clock. */
  static final class PodTimes {
    private final Map<String, Long> seen = new ConcurrentHashMap<>();

    boolean seen(String key) {
      return seen.containsKey(key);
    }

    long at(String key) {
      Long at = seen.get(key);
      if (at == null) {
        throw new AssertionError("never saw " + key + "; saw " + seen.keySet());
      }
      return at;
    }

    Watch watchJobs(KubernetesClient client, String namespace) {
      return client
          .batch()
          .v1()
          .jobs()
          .inNamespace(namespace)
          .watch(watcher((Job job) -> mark("job/" + job.getMetadata().getName())));
    }

    Watch watchPods(KubernetesClient client, String namespace) {
      return client
          .pods()
          .inNamespace(namespace)
          .watch(
              watcher(
                  (Pod pod) -> {
                    String polecat =
                        pod.getMetadata().getLabels() == null
                            ? null
                            : pod.getMetadata().getLabels().get(GasTown.LABEL_POLECAT);
                    mark("pod/" + polecat);
                    if (pod.getStatus() != null) {
                      for (ContainerStatus status : pod.getStatus().getInitContainerStatuses()) {
                        if (status.getState() != null
                            && (status.getState().getRunning() != null
                                || status.getState().getTerminated() != null)) {
                          mark("init/" + polecat);
                        }
                      }
                      for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
                        if (status.getState() != null && status.getState().getRunning() != null) {
                          mark("running/" + polecat);
                        }
                      }
                      if ("Succeeded".equals(pod.getStatus().getPhase())) {
                        mark("succeeded/" + polecat);
                      }
                    }
                  }));
    }

    Watch watchPolecats(KubernetesClient client, String namespace) {
      return client
          .resources(Polecat.class)
          .inNamespace(namespace)
          .watch(
              watcher(
                  (Polecat p) -> {
                    if (p.getStatus() != null && p.getStatus().getPhase() == PolecatPhase.Done) {
                      mark("done/" + p.getMetadata().getName());
                    }
                  }));
    }

    private void mark(String key) {
      seen.putIfAbsent(key, System.nanoTime());
    }

    private static <T> Watcher<T> watcher(java.util.function.Consumer<T> onEvent) {
      return new Watcher<>() {
        @Override
        public void eventReceived(Action action, T resource) {
          if (action == Action.ADDED || action == Action.MODIFIED) {
            onEvent.accept(resource);
          }
        }

        @Override
        public void onClose(WatcherException cause) {}
      };
    }
  }
}
