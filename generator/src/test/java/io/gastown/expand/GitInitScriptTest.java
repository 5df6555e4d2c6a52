package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.Polecat;
import io.gastown.model.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git-init script run with sh and git on this machine: the SSH key and host keys are put in
 * place, a host with no known key stops the clone with a message naming the fix, and the work
 * branch is checked out. (The clone itself comes from a local bare repository: the test never
 * reaches the network.)
 */
class GitInitScriptTest {
  @TempDir Path tmp;

  @Test
  void aHostWithoutAKnownKeyStopsBeforeCloning() throws Exception {
    Container gitInit = gitInit("git@git.example.org:team/app.git", null);
    ContainerRunner.Outcome outcome = ContainerRunner.run(gitInit, paths(Map.of()), tmp);
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.output())
        .isEqualTo(
            "git-init: no known SSH host key for git.example.org: put it in a "
                + "ConfigMap (key known_hosts) and name that ConfigMap in spec.kubernetes.sshKnownHostsConfigMapRef\n");
    assertThat(tmp.resolve("work/repo")).doesNotExist();
  }

  @Test
  void theKeyAndTheConfigMapsHostKeysArePutInPlaceAndTheWorkBranchCheckedOut() throws Exception {
    Path origin = ContainerRunner.origin(tmp);
    Path secrets = Files.createDirectories(tmp.resolve("secrets"));
    Files.writeString(
        secrets.resolve("ssh-privatekey"), "-----BEGIN OPENSSH " + "PRIVATE KEY-----\nnot a key\n");
    Files.writeString(
        secrets.resolve("known_hosts"),
        "[git.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA\n");
    Container gitInit =
        gitInit("ssh://git@git.example.com:2222/team/app.git", "example-known-hosts");
    assertThat(ContainerRunner.env(gitInit)).containsEntry("GT_SSH_HOST", "[git.example.com]:2222");

    ContainerRunner.Outcome outcome =
        ContainerRunner.run(
            gitInit,
            paths(
                Map.of(
                    // Clone from the local bare repository; the host key check still runs against
                    // the ssh:// host.
                    "GT_GIT_REPOSITORY", origin.toUri().toString(),
                    "GT_GIT_SSH_KEY_FILE", secrets.resolve("ssh-privatekey").toString(),
                    "GT_SSH_KNOWN_HOSTS_FILE", secrets.resolve("known_hosts").toString())),
            tmp);

    assertThat(outcome.exitCode()).as(outcome.output()).isZero();
    Path home = tmp.resolve("home");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve(".ssh/id_gastown"))))
        .isEqualTo("rw-------");
    assertThat(home.resolve(".ssh/known_hosts"))
        .hasSameTextualContentAs(secrets.resolve("known_hosts"));
    Path repo = tmp.resolve("work/repo");
    assertThat(ContainerRunner.git(repo, "rev-parse", "--abbrev-ref", "HEAD"))
        .isEqualTo("feature/gt-7\n");
    assertThat(ContainerRunner.git(repo, "config", "user.name"))
        .isEqualTo("furiosa (Gas Town polecat)\n");
    assertThat(outcome.output()).endsWith("git-init: working branch feature/gt-7\n");
  }

  @Test
  void theBuiltInHostKeysCoverGithubGitlabAndBitbucket() throws Exception {
    for (String url :
        new String[] {
          "git@github.com:a/b.git", "git@gitlab.com:a/b.git", "git@bitbucket.org:a/b.git"
        }) {
      Container gitInit = gitInit(url, null);
      Map<String, String> overrides =
          paths(Map.of("GT_GIT_REPOSITORY", tmp.resolve("missing.git").toUri().toString()));
      ContainerRunner.Outcome outcome = ContainerRunner.run(gitInit, overrides, tmp);
      assertThat(outcome.output())
          .as(url)
          .doesNotContain("no known SSH host key")
          .contains("git-init: cloning branch main");
    }
  }

  private Map<String, String> paths(Map<String, String> more) throws Exception {
    Map<String, String> overrides = new HashMap<>(more);
    overrides.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    overrides.put("GT_REPO_DIR", tmp.resolve("work/repo").toString());
    overrides.putIfAbsent("GT_GIT_SSH_KEY_FILE", "");
    return overrides;
  }

  private static Container gitInit(String repository, String knownHostsConfigMap) {
    Polecat polecat =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: furiosa, namespace: gt-my-rig}
        spec:
          rig: my-rig
          beadID: gt-7
          kubernetes:
            gitRepository: %s
            gitSecretRef: {name: git-ssh-key}
            claudeCredsSecretRef: {name: claude-home}
        """
                .formatted(repository),
            Polecat.class);
    if (knownHostsConfigMap != null) {
      polecat
          .getSpec()
          .getKubernetes()
          .setSshKnownHostsConfigMapRef(
              new io.gastown.model.ConfigMapReference(knownHostsConfigMap));
    }
    Pod pod =
        PodExpander.expand(
            Serialization.readYaml(
                ExpansionCase.text(ExpansionCase.ROOT.resolve("pod-from-job.yaml")), Pod.class),
            polecat,
            null,
            null,
            PlatformConfig.defaults());
    return pod.getSpec().getInitContainers().get(0);
  }
}
