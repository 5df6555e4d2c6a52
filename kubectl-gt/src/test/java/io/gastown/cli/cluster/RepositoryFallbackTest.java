package io.gastown.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a cluster, the readers say so and show what the GitOps repository declares. */
class RepositoryFallbackTest {
  @TempDir Path home;

  private Path repo;

  @BeforeEach
  void declareARig() throws Exception {
    repo = home.resolve("gitops");
    Path rig = Files.createDirectories(repo.resolve("rigs/my-rig/polecats"));
    Files.createDirectories(repo.resolve("rigs/my-rig/convoys"));
    Files.writeString(
        rig.getParent().resolve("rig.yaml"),
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: gt-my-rig
        ---
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata:
          name: my-rig
        spec:
          gitURL: git@github.com:acme/app.git
          beadsPrefix: gt
        """);
    Files.writeString(
        rig.resolve("furiosa.yaml"),
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata:
          name: furiosa
          namespace: gt-my-rig
        spec:
          rig: my-rig
          beadID: gt-1
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: furiosa
          namespace: gt-my-rig
        """);
    Files.writeString(
        repo.resolve("rigs/my-rig/convoys/cv-auth.yaml"),
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Convoy
        metadata:
          name: cv-auth
          namespace: gt-my-rig
        spec:
          description: Auth rework
          trackedBeads: [gt-1, gt-2]
          rigRef: my-rig
        """);
  }

  private Cli run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--repo";
    all[args.length + 1] = repo.toString();
    return Cli.run(Map.of(), home, all);
  }

  @Test
  void listsWhatTheRepositoryDeclaresAndSaysWhy() {
    Cli polecats = run("polecat", "list", "my-rig");
    assertThat(polecats.exit()).as(polecats.toString()).isZero();
    assertThat(polecats.err())
        .contains("warning: no kubeconfig: " + home.resolve(".kube/config"))
        .contains("showing what the GitOps repository " + repo + " declares instead (no status");
    assertThat(polecats.out())
        .isEqualTo(
            """
        NAME      RIG      BEAD   PHASE    AGE
        furiosa   my-rig   gt-1   <none>   <none>
        """);
    Cli rigs = run("rig", "list", "-o", "name");
    assertThat(rigs.out()).isEqualTo("rig.gastown.gastown.io/my-rig\n");
    Cli convoys = run("convoy", "list", "-o", "json");
    assertThat(convoys.out()).contains("\"name\" : \"cv-auth\"").startsWith("[");
  }

  @Test
  void statusOfADeclaredPolecatAndOfAnUndeclaredOne() {
    Cli found = run("polecat", "status", "my-rig/furiosa");
    assertThat(found.out())
        .contains("Name:           furiosa")
        .contains("Phase:          <none> (no status yet)");
    Cli missing = run("polecat", "status", "my-rig/nux");
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.err()).contains("error: polecat my-rig/nux is not declared in " + repo);
    Cli convoy = run("convoy", "status", "cv-auth");
    assertThat(convoy.out()).contains("○ gt-1  pending");
  }

  @Test
  void logsNeedACluster() {
    Cli logs = run("polecat", "logs", "my-rig/furiosa");
    assertThat(logs.exit()).isEqualTo(7);
    assertThat(logs.err()).startsWith("error: no kubeconfig:");
  }
}
