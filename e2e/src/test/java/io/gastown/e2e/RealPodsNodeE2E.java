package io.gastown.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.client.Config;
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
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
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
  static final Duration PATIENCE = Duration.ofMinutes(3);
  static final Pattern SLUNG = Pattern.compile("Polecat (\\S+) slung to rig");
  static final String CLI_NAMESPACE = "gastown-users";
  static final String CLI_USER = "gastown-cli";
  static final String GIT_SECRET = "git-ssh";
  static final String KNOWN_HOSTS = "git-known-hosts";
  static final String REPOSITORY = "shop";

  @TempDir static Path work;
  static KubernetesClient admin;
  static LocalNode node;
  static GitSshServer git;
  static Gt gt;
  static Path gitops;

  @BeforeAll
  static void startGasTownOnTheNode(
      KubernetesClient kubernetes, ControlPlaneInfo info, LocalNode localNode) throws Exception {
    admin = kubernetes;
    node = localNode;
    long t0 = System.nanoTime();
    InClusterGasTown.deploy(Golden.root(), admin, node, work.resolve("system"), PATIENCE);
    System.out.printf(
        "RealPodsNodeE2E: Gas Town deployed in %d ms (load average %s)%n",
        Duration.ofNanos(System.nanoTime() - t0).toMillis(), loadAverage());
    git = GitSshServer.start(work.resolve("git"), InetAddress.getByName(node.address()));
    git.createRepository(REPOSITORY, "README.md", "# shop\n");
    gitops = work.resolve("gitops");
    gt =
        Gt.withRepository(
            gitops,
            cliUserKubeconfig(info, work.resolve("cli-user.kubeconfig")),
            Files.createDirectories(work.resolve("home")));
    gt.ok("init");
  }

  @AfterAll
  static void stop() throws Exception {
    if (git != null) {
      git.close();
    }
  }

  @Test
  void aCustomAgentClonesOverSshEditsCommitsAndPushesAndItsLogStreamsLive() throws Exception {
    rig("shop", "sh");
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
          sling(
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
      sync("shop");

      String podName = awaitPod("gt-shop", polecat, p -> containerRunning(p, "agent"));
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
                        + (containerRunning(now, "agent") ? "/running" : ""));
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
      await("polecat " + polecat + " Done", () -> times.seen("done/" + polecat));
      follow.join(Duration.ofSeconds(30).toMillis());

      // The split, on this process's monotonic clock.
      long job = times.at("job/polecat-" + polecat);
      long pod = times.at("pod/" + polecat);
      long init = times.at("init/" + polecat);
      long started = times.at("running/" + polecat);
      long succeeded = times.at("succeeded/" + polecat);
      long done = times.at("done/" + polecat);
      String split =
          "sling to Done on the real node %d ms = git write (sling) %d + apply (render, server-side apply to Job stored) %d + admission (Job to expanded Pod stored) %d + pod start (Pod stored to git-init started: schedule, sandbox, container) %d + clone (git-init started to agent running: clone over SSH, agent container start) %d + agent run (to Pod Succeeded: agent, commit, push) %d + status lag (to Polecat Done) %d; load average %s"
              .formatted(
                  ms(done - slingStart),
                  ms(gitWritten - slingStart),
                  ms(job - gitWritten),
                  ms(pod - job),
                  ms(init - pod),
                  ms(started - init),
                  ms(succeeded - started),
                  ms(done - succeeded),
                  loadAverage());
      System.out.println("RealPodsNodeE2E: " + split);
      Files.writeString(
          Path.of("target", "real-node-sling-to-done.txt"), split + "\n", StandardCharsets.UTF_8);

      Pod ran = admin.pods().inNamespace("gt-shop").withName(podName).get();
      assertThat(ran.getMetadata().getAnnotations()).containsKey(GasTown.ANNOTATION_EXPANDED);
      String clone = podLog("gt-shop", podName, "git-init");
      assertThat(clone)
          .contains(
              "git-init: cloning branch main of " + git.url(REPOSITORY),
              "git-init: working branch feature/sh-1");
      assertThat(ran.getSpec().getVolumes())
          .filteredOn(v -> v.getSecret() != null)
          .extracting(v -> v.getSecret().getSecretName())
          .contains(GIT_SECRET);

      assertThat(logs.toString())
          .contains("agent: starting on sh-1", "agent: edited README.md", "agent: done");
      assertThat(podPhaseWhenSeen.get())
          .as("the pod when `polecat logs -f` printed the agent's line")
          .isEqualTo("Running/running");
      assertThat(podLog("gt-shop", podName, "agent"))
          .contains("gastown: pushed branch feature/sh-1");

      assertThat(git.pushes())
          .anySatisfy(p -> assertThat(p.ref()).isEqualTo("refs/heads/feature/sh-1"));
      assertThat(fileOnBranch("feature/sh-1", "README.md"))
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
    rig("guard", "gd");
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
    await(
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
    await(
        "pod compliant running",
        () ->
            containerRunning(
                admin.pods().inNamespace("gt-guard").withName("compliant").get(), "c"));
    String startup =
        "pod start-up (image present; create to container running, as seen by polling every 100 ms): %d ms; load average %s"
            .formatted(ms(System.nanoTime() - created), loadAverage());
    System.out.println("RealPodsNodeE2E: " + startup);
    Files.writeString(Path.of("target", "real-node-pod-startup.txt"), startup + "\n");
  }

  @Test
  void aCloneWithTheWrongKeyFailsThePolecatNamingTheCloneFailure() throws Exception {
    rig("vault", "vt");
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
        sling(
            "vt-1",
            "vault",
            spec ->
                ((ObjectNode) spec.path("kubernetes"))
                    .putObject("gitSecretRef")
                    .put("name", "stranger-key"),
            "--agent",
            "custom",
            "--command=/bin/true");
    sync("vault");

    Polecat failed = awaitPhase("gt-vault", polecat, PolecatPhase.Failed);
    assertThat(failed.getStatus().getMessage())
        .startsWith("container git-init exited with code")
        .contains("Permission denied (publickey)");
    assertThat(git.pushes()).noneSatisfy(p -> assertThat(p.ref()).endsWith("vt-1"));
  }

  @Test
  void aSilentAgentIsStuckFromItsRealLogAndANukedOneIsGoneWithoutPushing() throws Exception {
    rig("quiet", "qt");
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
    sync("quiet");

    String polecat =
        sling(
            "qt-1",
            "quiet",
            null,
            "--agent",
            "custom",
            "--command=/bin/sh",
            "--command=-c",
            "--command=echo 'agent: thinking'; sleep 45; echo late >> README.md");
    sync("quiet");
    String podName = awaitPod("gt-quiet", polecat, p -> containerRunning(p, "agent"));

    Polecat stuck = awaitPhase("gt-quiet", polecat, PolecatPhase.Stuck);
    assertThat(stuck.getStatus().getMessage()).contains("no new log output");

    gt.ok("polecat", "nuke", "quiet/" + polecat);
    long nuked = System.nanoTime();
    sync("quiet");
    await(
        "pod " + podName + " gone",
        () -> admin.pods().inNamespace("gt-quiet").withName(podName).get() == null);
    System.out.printf(
        "RealPodsNodeE2E: nuked polecat's pod gone %d ms after the nuke%n",
        ms(System.nanoTime() - nuked));
    // Past the moment the agent would have finished and pushed (45 s after it started).
    Thread.sleep(
        Duration.ofSeconds(50).minus(Duration.ofNanos(System.nanoTime() - nuked)).toMillis());
    assertThat(git.pushes()).noneSatisfy(p -> assertThat(p.ref()).endsWith("qt-1"));
  }

  @Test
  void theRealAgentClisStartWithoutCredentialsAndTheFailureNamesTheMissingOne() throws Exception {
    rig("creds", "cr");
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
        sling(
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
          sling(
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
    sync("creds");

    for (Map.Entry<String, String> entry : polecats.entrySet()) {
      Polecat failed = awaitPhase("gt-creds", entry.getValue(), PolecatPhase.Failed);
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

  // --- the environment

  /**
   * {@code kubectl gt rig create} for the repository on the git server, synced, then what an
   * operator puts in the rig's namespace by hand: the SSH key Secret and the known_hosts ConfigMap.
   */
  static void rig(String name, String prefix) throws Exception {
    gt.ok(
        "rig",
        "create",
        name,
        "--git-url",
        git.url(REPOSITORY),
        "--prefix",
        prefix,
        "--git-secret",
        GIT_SECRET);
    sync(name);
    String namespace = "gt-" + name;
    admin
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(GIT_SECRET)
                .withNamespace(namespace)
                .endMetadata()
                .addToStringData("ssh-privatekey", git.userKey().privateKeyPem())
                .build())
        .serverSideApply();
    admin
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(KNOWN_HOSTS)
                .withNamespace(namespace)
                .endMetadata()
                .addToData("known_hosts", git.knownHostsLine() + "\n")
                .build())
        .serverSideApply();
  }

  /**
   * {@code kubectl gt sling}, then the user's edit of the polecat file: the known_hosts ConfigMap
   * of the rig's git server (a Polecat field; the Rig has no default for it), and {@code edit} of
   * the spec when given. The polecat's name.
   */
  static String sling(
      String bead, String rig, java.util.function.Consumer<ObjectNode> edit, String... options)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("sling", bead, rig));
    args.addAll(List.of(options));
    Gt.Run run = gt.ok(args.toArray(String[]::new));
    Matcher slung = SLUNG.matcher(run.out());
    assertThat(slung.find()).as(run.toString()).isTrue();
    String polecat = slung.group(1);
    String file = GitOpsLayout.polecatFile(rig, polecat);
    List<JsonNode> documents = Manifests.readAll(Files.readString(gitops.resolve(file)));
    for (JsonNode document : documents) {
      if (document.path("kind").asText().equals("Polecat")) {
        ObjectNode spec = (ObjectNode) document.path("spec");
        ((ObjectNode) spec.path("kubernetes"))
            .putObject("sshKnownHostsConfigMapRef")
            .put("name", KNOWN_HOSTS);
        if (!spec.has("agentConfig")) {
          spec.putObject("agentConfig");
        }
        if (edit != null) {
          edit.accept(spec);
        }
        if (spec.path("agentConfig").isEmpty()) {
          spec.remove("agentConfig");
        }
      }
    }
    UserEdits.commitFiles(
        gitops,
        Map.of(file, Manifests.toYaml(documents)),
        polecat + ": known hosts of the git server");
    return polecat;
  }

  /**
   * What Argo CD does for the rig's Application: applies {@code kubectl gt render <rig>} (the
   * plugin's output) server-side in sync-wave order, and prunes the Polecats and Jobs no longer in
   * it.
   */
  static void sync(String rig) {
    String rendered = gt.ok("render", rig).out();
    List<JsonNode> manifests = Manifests.inSyncOrder(Manifests.readAll(rendered));
    List<HasMetadata> applied =
        admin
            .resourceList(Manifests.toYaml(manifests))
            .fieldManager("gastown-e2e-sync")
            .forceConflicts()
            .serverSideApply();
    Set<String> kept = new HashSet<>();
    for (HasMetadata object : applied) {
      kept.add(object.getKind() + "/" + object.getMetadata().getName());
    }
    String namespace = "gt-" + rig;
    for (Polecat polecat :
        admin
            .resources(Polecat.class)
            .inNamespace(namespace)
            .withLabel(GasTown.LABEL_RIG, rig)
            .list()
            .getItems()) {
      if (!kept.contains("Polecat/" + polecat.getMetadata().getName())) {
        admin.resource(polecat).delete();
      }
    }
    for (Job job :
        admin
            .batch()
            .v1()
            .jobs()
            .inNamespace(namespace)
            .withLabel(GasTown.LABEL_RIG, rig)
            .list()
            .getItems()) {
      if (!kept.contains("Job/" + job.getMetadata().getName())) {
        admin
            .resource(job)
            .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND)
            .delete();
      }
    }
  }

  /**
   * A kubeconfig for the CLI user: a ServiceAccount token holding only the read access {@code
   * kubectl gt}'s cluster commands need (the Gas Town kinds, Jobs, Pods and their logs, Events), no
   * write access and no Secrets.
   */
  static Path cliUserKubeconfig(ControlPlaneInfo info, Path file) throws Exception {
    admin
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(CLI_NAMESPACE).endMetadata().build())
        .serverSideApply();
    admin
        .resource(
            new ServiceAccountBuilder()
                .withNewMetadata()
                .withName(CLI_USER)
                .withNamespace(CLI_NAMESPACE)
                .endMetadata()
                .build())
        .serverSideApply();
    admin
        .resource(
            new ClusterRoleBuilder()
                .withNewMetadata()
                .withName(CLI_USER)
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups(GasTown.GROUP)
                        .withResources(
                            "polecats", "rigs", "convoys", "witnesses", "refineries", "beadstores")
                        .withVerbs("get", "list", "watch")
                        .build(),
                    new PolicyRuleBuilder()
                        .withApiGroups("", "batch")
                        .withResources("pods", "jobs", "events")
                        .withVerbs("get", "list", "watch")
                        .build(),
                    new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("pods/log")
                        .withVerbs("get")
                        .build())
                .build())
        .serverSideApply();
    admin
        .resource(
            new ClusterRoleBindingBuilder()
                .withNewMetadata()
                .withName(CLI_USER)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", CLI_USER)
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(CLI_USER)
                .withNamespace(CLI_NAMESPACE)
                .endSubject()
                .build())
        .serverSideApply();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(CLI_NAMESPACE)
            .withName(CLI_USER)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(7200L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Config config = Config.fromKubeconfig(Files.readString(info.kubeconfig()));
    String ca =
        config.getCaCertData() != null
            ? config.getCaCertData()
            : Base64.getEncoder()
                .encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: gastown
          cluster:
            server: %s
            certificate-authority-data: %s
        users:
        - name: %s
          user:
            token: %s
        contexts:
        - name: gastown
          context:
            cluster: gastown
            user: %s
        current-context: gastown
        """
            .formatted(info.apiServerUrl(), ca, CLI_USER, token, CLI_USER));
    return file;
  }

  // --- waiting and reading

  static String awaitPod(String namespace, String polecat, java.util.function.Predicate<Pod> when) {
    AtomicReference<String> name = new AtomicReference<>();
    await(
        "pod of polecat " + polecat,
        () ->
            admin
                .pods()
                .inNamespace(namespace)
                .withLabel(GasTown.LABEL_POLECAT, polecat)
                .list()
                .getItems()
                .stream()
                .filter(when)
                .findFirst()
                .map(
                    p -> {
                      name.set(p.getMetadata().getName());
                      return true;
                    })
                .orElse(false));
    return name.get();
  }

  static Polecat awaitPhase(String namespace, String polecat, PolecatPhase phase) {
    AtomicReference<Polecat> found = new AtomicReference<>();
    await(
        "polecat " + namespace + "/" + polecat + " " + phase,
        () -> {
          Polecat now =
              admin.resources(Polecat.class).inNamespace(namespace).withName(polecat).get();
          found.set(now);
          return now != null && now.getStatus() != null && now.getStatus().getPhase() == phase;
        });
    return found.get();
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            what
                + " not seen after "
                + PATIENCE.toSeconds()
                + " s; pods: "
                + admin.pods().inAnyNamespace().list().getItems().stream()
                    .map(
                        p ->
                            p.getMetadata().getNamespace()
                                + "/"
                                + p.getMetadata().getName()
                                + " "
                                + p.getStatus().getPhase())
                    .toList());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  static boolean containerRunning(Pod pod, String container) {
    return pod.getStatus() != null
        && pod.getStatus().getContainerStatuses().stream()
            .anyMatch(
                s ->
                    s.getName().equals(container)
                        && s.getState() != null
                        && s.getState().getRunning() != null);
  }

  static String podLog(String namespace, String pod, String container) {
    return admin.pods().inNamespace(namespace).withName(pod).inContainer(container).getLog();
  }

  static String fileOnBranch(String branch, String path) throws Exception {
    try (Git bare = Git.open(git.repository(REPOSITORY).toFile());
        RevWalk walk = new RevWalk(bare.getRepository())) {
      ObjectId head = bare.getRepository().resolve("refs/heads/" + branch);
      assertThat(head).as("branch " + branch + " on the git server").isNotNull();
      RevCommit commit = walk.parseCommit(head);
      try (TreeWalk tree = TreeWalk.forPath(bare.getRepository(), path, commit.getTree())) {
        return new String(
            bare.getRepository().open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  static long ms(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }

  static String loadAverage() {
    try {
      return String.join(
          " ", List.of(Files.readString(Path.of("/proc/loadavg")).split(" ")).subList(0, 3));
    } catch (java.io.IOException e) {
      return "unknown";
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
