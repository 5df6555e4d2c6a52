package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.cli.cluster.Cli;
import io.gastown.expand.PlatformConfig;
import io.gastown.expand.SkeletonPod;
import io.gastown.model.GasTown;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubectl gt polecat preview} and {@code sling --dry-run --expanded} without a cluster: the
 * expanded Pod of a polecat in git, where its platform config came from, and the webhook's refusals
 * as errors. PreviewAgreesWithWebhookTest (e2e) compares it with the webhook on every golden case;
 * PolecatPreviewIT reads the platform config and Secrets from a real cluster.
 */
class PolecatPreviewTest {
  @TempDir Path directory;
  GitOpsFixture fixture;

  @BeforeEach
  void shopWithFuriosa() {
    fixture = new GitOpsFixture(directory);
    fixture.ok("init");
    fixture.ok(
        "rig",
        "create",
        "shop",
        "--git-url",
        "git@github.com:acme/shop.git",
        "--prefix",
        "sh",
        "--git-secret",
        "git-ssh-key",
        "--claude-secret",
        "claude-home");
    fixture.ok("sling", "sh-1", "shop", "--name", "furiosa");
  }

  @Test
  void printsTheExpandedPodAsYaml() {
    Cli result = fixture.gt("polecat", "preview", "shop/furiosa", "--offline");

    assertThat(result.exit()).as(result.toString()).isZero();
    Pod pod = Serialization.readYaml(result.out(), Pod.class);
    assertThat(pod.getMetadata().getGenerateName()).isEqualTo("polecat-furiosa-");
    assertThat(pod.getMetadata().getNamespace()).isEqualTo("gt-shop");
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry(GasTown.ANNOTATION_EXPANDED, "true");
    assertThat(pod.getMetadata().getLabels())
        .containsEntry(GasTown.LABEL_BEAD, "sh-1")
        .containsEntry(SkeletonPod.LABEL_JOB_NAME, "polecat-furiosa");
    assertThat(pod.getSpec().getInitContainers())
        .extracting(Container::getName)
        .containsExactly("git-init");
    assertThat(pod.getSpec().getContainers())
        .extracting(Container::getName)
        .containsExactly("claude");
    assertThat(pod.getSpec().getContainers().get(0).getImage())
        .isEqualTo(PlatformConfig.DEFAULT_IMAGE);
    assertThat(pod.getSpec().getActiveDeadlineSeconds())
        .isEqualTo(PlatformConfig.DEFAULT_ACTIVE_DEADLINE_SECONDS);
    assertThat(result.err())
        .contains("platform config: built-in defaults (--offline;")
        .contains(
            "Secrets git-ssh-key, claude-home: not checked (--offline); the webhook refuses the Pod unless they exist in namespace gt-shop")
        .contains("the Pod shows " + SkeletonPod.UNKNOWN_UID);
  }

  @Test
  void printsJsonWithDashOJson() {
    Cli result = fixture.gt("polecat", "preview", "shop/furiosa", "--offline", "-o", "json");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(
            Serialization.jsonMapper()
                .convertValue(Serialization.readYaml(result.out()), Pod.class)
                .getKind())
        .isEqualTo("Pod");
    assertThat(result.out()).startsWith("{");
  }

  @Test
  void withoutAKubeconfigSaysSoAndUsesTheDefaults() {
    Cli result = fixture.gt("polecat", "preview", "shop/furiosa");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.err())
        .contains("platform config: built-in defaults (no cluster: no kubeconfig:");
  }

  @Test
  void usesThePlatformConfigGiven() throws Exception {
    Path platform = directory.resolve("platform.yaml");
    Files.writeString(
        platform,
        "openshift: true\nactiveDeadlineSeconds: 600\nimages:\n  claude-code: "
            + "registry.acme.io/agents/claude:1\n");

    Cli result =
        fixture.gt(
            "polecat",
            "preview",
            "shop/furiosa",
            "--platform-config",
            platform.toString(),
            "--offline");

    assertThat(result.exit()).as(result.toString()).isZero();
    Pod pod = Serialization.readYaml(result.out(), Pod.class);
    assertThat(pod.getSpec().getActiveDeadlineSeconds()).isEqualTo(600);
    assertThat(pod.getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.acme.io/agents/claude:1");
    assertThat(pod.getSpec().getSecurityContext().getRunAsUser()).isNull();
    assertThat(result.err()).contains("platform config: " + platform + " (--platform-config)");
  }

  @Test
  void aPolicyRefusalIsTheWebhooksMessageAndExitsFour() throws Exception {
    Path platform = directory.resolve("platform.yaml");
    Files.writeString(platform, "policy:\n  allowedAgents: [opencode]\n");

    Cli result =
        fixture.gt("polecat", "preview", "shop/furiosa", "--platform-config", platform.toString());

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .contains(
            "error: the webhook would refuse polecat shop/furiosa: Polecat gt-shop/furiosa "
                + "is invalid: spec.agent: is not allowed by the platform policy (policy.allowedAgents: opencode) "
                + "(got \"claude-code\")");
  }

  @Test
  void aMissingSecretNameIsTheWebhooksMessage() throws Exception {
    fixture.ok(
        "rig",
        "create",
        "lab",
        "--git-url",
        "git@github.com:acme/lab.git",
        "--prefix",
        "lab",
        "--git-secret",
        "git-ssh-key");
    fixture.ok("sling", "lab-1", "lab", "--name", "nux");

    Cli result = fixture.gt("polecat", "preview", "lab/nux", "--offline");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.err())
        .contains(
            "error: the webhook would refuse polecat lab/nux: Polecat gt-lab/nux: "
                + "claude-code needs credentials: set spec.kubernetes.claudeCredsSecretRef");
  }

  @Test
  void aNamespaceNotOptedInWouldRunThePodUnexpanded() throws Exception {
    Path rigFile = fixture.repo.resolve("rigs/shop/rig.yaml");
    Files.writeString(
        rigFile, Files.readString(rigFile).replace("    gastown.io/polecats: enabled\n", ""));

    Cli result = fixture.gt("polecat", "preview", "shop/furiosa", "--offline");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.err())
        .contains(
            "Namespace gt-shop is not opted in to the webhook, so the Pod would run "
                + "unexpanded: set metadata.labels.gastown.io/polecats to enabled");
  }

  @Test
  void anUnknownPolecatNamesTheOnesThereAre() {
    Cli result = fixture.gt("polecat", "preview", "shop/toast", "--offline");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(result.err())
        .contains("error: polecat 'toast' is not in rig shop of ")
        .contains("(polecats: furiosa)");
  }

  @Test
  void anUnknownRigNamesTheRigsThereAre() {
    Cli result = fixture.gt("polecat", "preview", "web/furiosa", "--offline");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(result.err()).contains("rig 'web' is not in").contains("(rigs: shop)");
  }

  @Test
  void onlyYamlOrJson() {
    Cli result = fixture.gt("polecat", "preview", "shop/furiosa", "--offline", "-o", "table");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("-o table: polecat preview prints the Pod as yaml or json");
  }

  @Test
  void slingDryRunExpandedPrintsTheManifestsAndThePodAndWritesNothing() throws Exception {
    ObjectId before = fixture.head();

    Cli result =
        fixture.gt(
            "sling", "sh-2", "shop", "--name", "nux", "--dry-run", "--expanded", "--offline");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains("# rigs/shop/polecats/nux.yaml\n")
        .contains(
            "---\n# the Pod the webhook would admit for polecat shop/nux (kubectl gt polecat preview)\n");
    String podYaml = result.out().substring(result.out().indexOf("# the Pod the webhook"));
    Pod pod = Serialization.readYaml(podYaml.substring(podYaml.indexOf('\n') + 1), Pod.class);
    assertThat(pod.getMetadata().getLabels()).containsEntry(GasTown.LABEL_POLECAT, "nux");
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry(GasTown.ANNOTATION_EXPANDED, "true");
    assertThat(result.err()).contains("dry run: ");
    assertThat(fixture.head()).isEqualTo(before);
    assertThat(fixture.repo.resolve("rigs/shop/polecats/nux.yaml")).doesNotExist();
  }

  @Test
  void slingDryRunExpandedAsJsonIsOneList() {
    Cli result =
        fixture.gt("sling", "sh-2", "shop", "--dry-run", "--expanded", "--offline", "-o", "json");

    assertThat(result.exit()).as(result.toString()).isZero();
    List<String> kinds =
        Serialization.readYaml(result.out()).path("items").findValuesAsText("kind");
    assertThat(kinds).containsSubsequence("Polecat", "Job", "Pod");
  }

  @Test
  void expandedNeedsDryRun() {
    Cli result = fixture.gt("sling", "sh-2", "shop", "--expanded");

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("--expanded prints the Pod of a dry run: add --dry-run");
  }

  @Test
  void aRefusedExpansionFailsTheDryRun() throws Exception {
    Path platform = directory.resolve("platform.yaml");
    Files.writeString(platform, "policy:\n  maxActiveDeadlineSeconds: 60\n");

    Cli result =
        fixture.gt(
            "sling",
            "sh-2",
            "shop",
            "--dry-run",
            "--expanded",
            "--platform-config",
            platform.toString());

    assertThat(result.exit()).as(result.toString()).isEqualTo(ExitCode.INVALID_INPUT);
    assertThat(result.err()).contains("maxActiveDeadlineSeconds: 60");
  }

  /**
   * The CLI reads the ConfigMap the webhook's Deployment mounts: the constants match
   * kustomize/base.
   */
  @Test
  void theClustersPlatformConfigIsWhereTheWebhookReadsIt() throws Exception {
    Map<String, Object> configMap =
        Serialization.yamlMapper()
            .readValue(
                Golden.root().resolve("kustomize/base/platform-config.yaml").toFile(), Map.class);
    assertThat(
            Serialization.jsonMapper()
                .valueToTree(configMap)
                .path("metadata")
                .path("name")
                .asText())
        .isEqualTo(PlatformConfig.CONFIG_MAP_NAME);
    assertThat(
            Serialization.jsonMapper()
                .valueToTree(configMap)
                .path("metadata")
                .path("namespace")
                .asText())
        .isEqualTo(PlatformConfig.CONFIG_MAP_NAMESPACE);
    assertThat(
            Serialization.jsonMapper()
                .valueToTree(configMap)
                .path("data")
                .has(PlatformConfig.CONFIG_MAP_KEY))
        .isTrue();
    String deployment =
        Files.readString(Golden.root().resolve("kustomize/base/webhook/deployment.yaml"));
    assertThat(deployment)
        .contains("value: /etc/gastown/platform/" + PlatformConfig.CONFIG_MAP_KEY)
        .contains("mountPath: /etc/gastown/platform")
        .contains("name: " + PlatformConfig.CONFIG_MAP_NAME);
  }
}
