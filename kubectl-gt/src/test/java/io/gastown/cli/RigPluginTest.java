package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Argo CD plugin's generate command prints what kubectl gt render prints, and fails as Argo CD
 * should show it.
 */
class RigPluginTest {
  static final String BY_HAND =
      """
      apiVersion: gastown.gastown.io/v1alpha1
      kind: Polecat
      metadata:
        name: my-worker
        namespace: gt-shop
      spec:
        rig: shop
        beadID: issue-123
        desiredState: Working
        executionMode: kubernetes
        kubernetes:
          gitRepository: "git@github.com:myorg/myrepo.git"
          gitBranch: main
          gitSecretRef:
            name: git-ssh-key
          apiKeySecretRef:
            name: anthropic-api-key
            key: api-key
      """;

  @TempDir Path directory;

  record Plugin(int exit, String out, String err) {}

  Plugin plugin(GitOpsFixture fixture, String rig) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Map<String, String> env = new HashMap<>(fixture.env);
    env.put(RigPlugin.SOURCE_PATH, "rigs/" + rig);
    int exit =
        RigPlugin.run(
            fixture.repo.resolve("rigs").resolve(rig),
            GtEnvironment.of(env, fixture.home),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Plugin(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void thePluginPrintsTheBytesKubectlGtRenderPrints() throws Exception {
    GitOpsFixture fixture = new GitOpsFixture(directory).withShop();
    fixture.ok("sling", "sh-1", "shop");
    fixture.ok("convoy", "create", "Login overhaul", "sh-2", "sh-3", "--sling");
    Files.writeString(fixture.repo.resolve("rigs/shop/polecats/my-worker.yaml"), BY_HAND);

    Plugin plugin = plugin(fixture, "shop");
    Cli render = fixture.ok("render", "shop");

    assertThat(plugin.exit()).as(plugin.err()).isZero();
    assertThat(plugin.out()).isEqualTo(render.out());
    assertThat(plugin.out())
        .contains("  name: polecat-my-worker\n")
        .containsPattern("(?m)^kind: Job$");
    assertThat(plugin.out().split("(?m)^kind: Job$"))
        .as("a Job per polecat: three slung, one by hand")
        .hasSize(5);
  }

  @Test
  void aMalformedPolecatFailsWithFileFieldAndFixOnStderrAndNoStackTrace() throws Exception {
    GitOpsFixture fixture = new GitOpsFixture(directory).withShop();
    fixture.ok("sling", "sh-1", "shop");
    Files.writeString(
        fixture.repo.resolve("rigs/shop/polecats/my-worker.yaml"),
        BY_HAND.replace("gitBranch: main", "gitBranch: \"main..x\""));

    Plugin plugin = plugin(fixture, "shop");
    Cli render = fixture.gt("render", "shop");

    assertThat(plugin.exit()).isEqualTo(ExitCode.REPO_ERROR);
    assertThat(plugin.out()).isEmpty();
    assertThat(plugin.err())
        .startsWith(
            "rigs/shop is not generated (nothing of it is synced or pruned until this is "
                + "fixed in git):\nrigs/shop/polecats/my-worker.yaml: Polecat my-worker: spec.kubernetes.gitBranch: ")
        .contains(": correct the field and commit")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
    assertThat(render.exit()).isEqualTo(ExitCode.REPO_ERROR);
    assertThat(render.err()).contains(plugin.err().strip());
  }
}
