package io.gastown.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.cluster.ArgoCdRefresh;
import io.gastown.dev.LocalPlugin;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import io.gastown.testing.ControlPlaneInfo;
import io.gastown.testing.GitSshServer;
import io.gastown.testing.Golden;
import io.gastown.testing.LocalArgoCd;
import io.gastown.testing.LocalNode;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Gas Town on a real node for the {@code *NodeE2E} tests: the webhook and the status reporter
 * installed as their Deployments ({@link InClusterGasTown}), a git server over SSH on the node's
 * address ({@link GitSshServer}) holding the rigs' repository, a GitOps repository and {@code
 * kubectl gt} running as a user holding only the read access granted here (and the refresh of Argo
 * CD's Applications), and real Argo CD ({@link LocalArgoCd}) syncing the GitOps repository's
 * remote. Rigs are made, slung to and synced the way a user and Argo CD do it ({@link #rig}, {@link
 * #sling}, {@link #sync}).
 */
final class NodeRigs implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofMinutes(3);
  static final Pattern SLUNG = Pattern.compile("Polecat (\\S+) slung to rig");
  static final String CLI_NAMESPACE = "gastown-users";
  static final String CLI_USER = "gastown-cli";
  static final String GIT_SECRET = "git-ssh";
  static final String KNOWN_HOSTS = "git-known-hosts";
  static final String REPOSITORY = "shop";

  final KubernetesClient admin;
  final GitSshServer git;
  final LocalArgoCd argo;
  final ArgoView view;
  final Gt gt;
  final Path gitops;
  final Path remote;

  private NodeRigs(
      KubernetesClient admin, GitSshServer git, LocalArgoCd argo, Gt gt, Path gitops, Path remote) {
    this.admin = admin;
    this.git = git;
    this.argo = argo;
    this.view = new ArgoView(argo);
    this.gt = gt;
    this.gitops = gitops;
    this.remote = remote;
  }

  /**
   * Installs Gas Town on the node, starts the git server with repository {@value #REPOSITORY} (a
   * README.md on main) and runs {@code kubectl gt init}; {@code who} names the test in the log.
   */
  static NodeRigs start(
      String who, KubernetesClient admin, ControlPlaneInfo info, LocalNode node, Path work)
      throws Exception {
    long t0 = System.nanoTime();
    InClusterGasTown.deploy(Golden.root(), admin, node, work.resolve("system"), PATIENCE);
    System.out.printf(
        "%s: Gas Town deployed in %d ms (load average %s)%n",
        who, Duration.ofNanos(System.nanoTime() - t0).toMillis(), loadAverage());
    Path remote = work.resolve("gitops.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
    t0 = System.nanoTime();
    LocalArgoCd argo =
        LocalArgoCd.start(
            info,
            admin,
            Golden.root(),
            remote.toUri().toString(),
            LocalPlugin.generateCommand(),
            work.resolve("argocd"),
            PATIENCE);
    System.out.printf(
        "%s: Argo CD started in %d ms (load average %s)%n",
        who, Duration.ofNanos(System.nanoTime() - t0).toMillis(), loadAverage());
    GitSshServer git = null;
    try {
      git = GitSshServer.start(work.resolve("git"), InetAddress.getByName(node.address()));
      git.createRepository(REPOSITORY, "README.md", "# shop\n");
      Path gitops = work.resolve("gitops");
      Gt gt =
          new Gt(
              Map.of(
                  GtEnvironment.GITOPS_REPO,
                  gitops.toString(),
                  "KUBECONFIG",
                  cliUserKubeconfig(admin, info, work.resolve("cli-user.kubeconfig")).toString(),
                  ArgoCdRefresh.NAMESPACE_VARIABLE,
                  LocalArgoCd.NAMESPACE),
              Files.createDirectories(work.resolve("home")));
      gt.ok("init", "--remote", remote.toUri().toString());
      return new NodeRigs(admin, git, argo, gt, gitops, remote);
    } catch (Exception | Error e) {
      if (git != null) {
        git.close();
      }
      argo.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      argo.close();
    } finally {
      git.close();
    }
  }

  /**
   * {@code kubectl gt rig create} for the repository on the git server, synced, then what an
   * operator puts in the rig's namespace by hand: the SSH key Secret and the known_hosts ConfigMap.
   */
  void rig(String name, String prefix) throws Exception {
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
   * {@code kubectl gt sling --no-push} (the edit goes out with it at the next {@link #sync}), then
   * the user's edit of the polecat file: the known_hosts ConfigMap of the rig's git server (a
   * Polecat field; the Rig has no default for it), and {@code edit} of the spec when given. The
   * polecat's name.
   */
  String sling(
      String bead, String rig, java.util.function.Consumer<ObjectNode> edit, String... options)
      throws Exception {
    List<String> args = new ArrayList<>(List.of("sling", bead, rig));
    args.addAll(List.of(options));
    args.add("--no-push");
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
   * Pushes what the user committed (as {@code git push} after {@code --no-push}), asks Argo CD to
   * refresh the rig's Application the way {@code kubectl gt} does after its own pushes ({@link
   * ArgoCdRefresh}, as the CLI user) and waits until Argo CD has synced the Application to the
   * pushed commit.
   */
  void sync(String rig) throws Exception {
    UserEdits.push(gitops);
    List<String> warnings =
        ArgoCdRefresh.refresh(
            GtEnvironment.of(gt.environment(), gt.home()), new TreeSet<>(Set.of(rig)));
    assertThat(warnings).as("refresh of rig " + rig).isEmpty();
    view.awaitSynced(rig, remote, PATIENCE);
  }

  /**
   * A kubeconfig for the CLI user: a ServiceAccount token holding only the read access {@code
   * kubectl gt}'s cluster commands need (the Gas Town kinds, Jobs, Pods and their logs, Events), no
   * write access and no Secrets.
   */
  private static Path cliUserKubeconfig(KubernetesClient admin, ControlPlaneInfo info, Path file)
      throws Exception {
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
    // What kubectl gt's refresh of Argo CD needs (ArgoCdRefresh): its Applications and
    // ApplicationSets, get and patch, in Argo CD's namespace only.
    admin
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName(CLI_USER)
                .withNamespace(LocalArgoCd.NAMESPACE)
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("argoproj.io")
                        .withResources("applications", "applicationsets")
                        .withVerbs("get", "patch")
                        .build())
                .build())
        .serverSideApply();
    admin
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName(CLI_USER)
                .withNamespace(LocalArgoCd.NAMESPACE)
                .endMetadata()
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", CLI_USER)
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

  String awaitPod(String namespace, String polecat, java.util.function.Predicate<Pod> when) {
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

  Polecat awaitPhase(String namespace, String polecat, PolecatPhase phase) {
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

  void await(String what, BooleanSupplier condition) {
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

  String podLog(String namespace, String pod, String container) {
    return admin.pods().inNamespace(namespace).withName(pod).inContainer(container).getLog();
  }

  String fileOnBranch(String branch, String path) throws Exception {
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
}
