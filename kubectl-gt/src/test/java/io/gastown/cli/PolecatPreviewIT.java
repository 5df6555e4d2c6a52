package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.cluster.Cli;
import io.gastown.cli.cluster.ClusterFixtures;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.BeadStore;
import io.gastown.model.Serialization;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl gt polecat preview} with a cluster to read: the webhook's platform config from its
 * ConfigMap, the Secrets the Pod needs (a missing one is the webhook's refusal), a BeadStore that
 * is not in git, and a user who may read none of it.
 */
@ControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PolecatPreviewIT {
  private static final String RIG = "preview-it";
  private static final String NS = "gt-preview-it";

  private final KubernetesClient client;
  private final ControlPlaneInfo info;

  @TempDir static Path directory;
  private GitOpsFixture fixture;

  PolecatPreviewIT(KubernetesClient client, ControlPlaneInfo info) {
    this.client = client;
    this.info = info;
  }

  @BeforeAll
  void platformConfigAndOneSecret() {
    ClusterFixtures.namespace(client, PlatformConfig.CONFIG_MAP_NAMESPACE);
    ClusterFixtures.namespace(client, NS);
    client
        .configMaps()
        .inNamespace(PlatformConfig.CONFIG_MAP_NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(PlatformConfig.CONFIG_MAP_NAME)
                .endMetadata()
                .addToData(PlatformConfig.CONFIG_MAP_KEY, "activeDeadlineSeconds: 900\n")
                .build())
        .serverSideApply();
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("git-ssh-key")
                .endMetadata()
                .addToStringData("ssh-privatekey", "not a key")
                .build())
        .serverSideApply();
  }

  @AfterAll
  void removeThePlatformConfig() {
    client
        .configMaps()
        .inNamespace(PlatformConfig.CONFIG_MAP_NAMESPACE)
        .withName(PlatformConfig.CONFIG_MAP_NAME)
        .delete();
  }

  private Cli gt(Path kubeconfig, String... args) {
    if (fixture == null) {
      fixture = new GitOpsFixture(directory);
      fixture.ok("init");
      fixture.ok(
          "rig",
          "create",
          RIG,
          "--git-url",
          "git@github.com:acme/shop.git",
          "--prefix",
          "pit",
          "--git-secret",
          "git-ssh-key",
          "--claude-secret",
          "claude-home");
      fixture.ok("sling", "pit-1", RIG, "--name", "furiosa");
    }
    Map<String, String> env = new HashMap<>(fixture.env);
    env.put("KUBECONFIG", kubeconfig.toString());
    return Cli.run(env, fixture.home, args);
  }

  @Test
  @Order(1)
  void aMissingSecretIsTheWebhooksRefusal() {
    Cli result = gt(info.kubeconfig(), "polecat", "preview", RIG + "/furiosa");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.err())
        .contains(
            "platform config: ConfigMap gastown-system/gastown-platform (key platform.yaml) "
                + "of the cluster at "
                + info.apiServerUrl())
        .contains(
            "error: the webhook would refuse polecat preview-it/furiosa: Secret claude-home does not exist in "
                + "namespace gt-preview-it (referenced by Polecat gt-preview-it/furiosa or its Rig): create it, e.g. with "
                + "kubectl gt auth sync");
  }

  @Test
  @Order(2)
  void withTheSecretsThePodUsesTheClustersPlatformConfigAndBeadStore() throws Exception {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("claude-home")
                .endMetadata()
                .addToStringData(".credentials.json", "{}")
                .build())
        .serverSideApply();
    BeadStore store =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: BeadStore
        metadata: {name: beads, namespace: gt-preview-it}
        spec: {rigRef: preview-it, prefix: pbs-, gitRepository: "git@github.com:acme/beads.git"}
        """,
            BeadStore.class);
    client.resource(store).serverSideApply();

    Cli result = gt(info.kubeconfig(), "polecat", "preview", RIG + "/furiosa");

    assertThat(result.exit()).as(result.toString()).isZero();
    Pod pod = Serialization.readYaml(result.out(), Pod.class);
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(900);
    assertThat(pod.getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(org.assertj.core.groups.Tuple.tuple("GT_BEADS_PREFIX", "pbs-"));
    assertThat(result.err())
        .contains("BeadStore: gt-preview-it/beads of the cluster at ")
        .contains("Secrets git-ssh-key, claude-home: exist in namespace gt-preview-it");
  }

  @Test
  @Order(3)
  void theGivenPlatformConfigWinsOverTheClusters() throws Exception {
    Path platform = directory.resolve("platform.yaml");
    java.nio.file.Files.writeString(platform, "activeDeadlineSeconds: 120\n");

    Cli result =
        gt(
            info.kubeconfig(),
            "polecat",
            "preview",
            RIG + "/furiosa",
            "--platform-config",
            platform.toString());

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(Serialization.readYaml(result.out(), Pod.class).getSpec().getActiveDeadlineSeconds())
        .isEqualTo(120);
    assertThat(result.err()).contains("platform config: " + platform + " (--platform-config)");
  }

  @Test
  @Order(4)
  void aUserWhoMayReadNothingGetsTheDefaultsWithWarnings() throws Exception {
    Path kubeconfig =
        ClusterFixtures.serviceAccountKubeconfig(
            client, info.kubeconfig(), NS, "nobody", directory.resolve("nobody.kubeconfig"));

    Cli result = gt(kubeconfig, "polecat", "preview", RIG + "/furiosa");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(Serialization.readYaml(result.out(), Pod.class).getSpec().getActiveDeadlineSeconds())
        .isEqualTo(PlatformConfig.DEFAULT_ACTIVE_DEADLINE_SECONDS);
    assertThat(result.err())
        .contains("warning: cannot read the platform config from the cluster: forbidden:")
        .contains(
            "platform config: built-in defaults (pass --platform-config FILE for the platform's own)")
        .contains("warning: cannot check Secrets: forbidden:")
        .contains("Secrets git-ssh-key, claude-home: not checked (see the warning)");
  }

  @Test
  @Order(5)
  void aBrokenPlatformConfigInTheClusterIsAnError() {
    client
        .configMaps()
        .inNamespace(PlatformConfig.CONFIG_MAP_NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(PlatformConfig.CONFIG_MAP_NAME)
                .endMetadata()
                .addToData(PlatformConfig.CONFIG_MAP_KEY, "activeDeadline: 900\n")
                .build())
        .serverSideApply();

    Cli result = gt(info.kubeconfig(), "polecat", "preview", RIG + "/furiosa");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.err())
        .contains("error: ConfigMap gastown-system/gastown-platform of the cluster at ")
        .contains("platform config: unknown key 'activeDeadline'")
        .contains("fix the ConfigMap, or pass --platform-config FILE");
  }
}
