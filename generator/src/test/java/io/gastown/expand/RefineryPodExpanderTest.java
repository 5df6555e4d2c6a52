package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.ConfigMapReference;
import io.gastown.model.GasTown;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.RefinerySpec;
import io.gastown.model.Rig;
import io.gastown.model.SecretReference;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Pod of a merge run: the CronJob's skeleton Pod expanded with git-init (the Rig's repository
 * and SSH key), the merge container with the queue, restricted security; as the golden file says.
 */
class RefineryPodExpanderTest {
  static final String REGENERATE =
      "mvn -pl generator test -Dtest=RefineryPodExpanderTest -Dgolden.update=true";
  static final Path GOLDEN = Golden.root().resolve("generator/src/test/golden/refinery");

  private final Rig rig = RefineryRuns.rig("git@github.com:acme/shop.git");

  {
    rig.getSpec().getSettings().setGitSecretRef(new SecretReference("git-ssh-key"));
  }

  private final Refinery refinery = RefineryRuns.refinery(rig, settings());

  private static RefinerySpec settings() {
    RefinerySpec spec = new RefinerySpec();
    spec.setTestCommand("mvn -B verify");
    spec.setMaxBatch(5);
    return spec;
  }

  private List<Polecat> polecats() {
    return List.of(
        RefineryRuns.done(rig, "nux", "gt-2", null, 2),
        RefineryRuns.done(rig, "furiosa", "gt-1", null, 1));
  }

  /**
   * The inputs are golden files too: webhook's MutateRefineryPodsTest sends pod.yaml over HTTPS
   * with the others in its cluster and expects expanded-pod.yaml.
   */
  @Test
  void theRunsPodIsExpandedAsTheGoldenFileSays() throws Exception {
    Golden.check(GOLDEN.resolve("rig.yaml"), Serialization.toYaml(rig), REGENERATE);
    Golden.check(GOLDEN.resolve("refinery.yaml"), Serialization.toYaml(refinery), REGENERATE);
    for (Polecat polecat : polecats()) {
      Golden.check(
          GOLDEN.resolve("polecat-" + polecat.getMetadata().getName() + ".yaml"),
          Serialization.toYaml(polecat),
          REGENERATE);
    }
    Golden.check(
        GOLDEN.resolve("pod.yaml"),
        Serialization.toYaml(RefineryRuns.skeletonPod(refinery)),
        REGENERATE);
    Pod expanded = RefineryRuns.expanded(refinery, rig, polecats());
    Golden.check(GOLDEN.resolve("expanded-pod.yaml"), Serialization.toYaml(expanded), REGENERATE);
  }

  @Test
  void theQueueIsInTheMergeContainerAndOnThePod() {
    Pod expanded = RefineryRuns.expanded(refinery, rig, polecats());
    Container merge = expanded.getSpec().getContainers().get(0);
    assertThat(merge.getName()).isEqualTo(PodContract.REFINERY_MERGE_CONTAINER);
    assertThat(ContainerRunner.env(merge))
        .containsEntry(PodContract.Env.MERGE_BRANCHES, "feature/gt-1 feature/gt-2")
        .containsEntry(PodContract.Env.TARGET_BRANCH, "main")
        .containsEntry(PodContract.Env.TEST_COMMAND, "mvn -B verify")
        .containsEntry(PodContract.Env.MAX_BATCH, "5");
    assertThat(expanded.getMetadata().getAnnotations())
        .containsEntry(GasTown.ANNOTATION_MERGE_QUEUE, "furiosa=feature/gt-1 nux=feature/gt-2");
    assertThat(expanded.getSpec().getInitContainers().get(0).getName())
        .isEqualTo(PodContract.GIT_INIT_CONTAINER);
    assertThat(ContainerRunner.env(expanded.getSpec().getInitContainers().get(0)))
        .containsEntry(PodContract.Env.GIT_BRANCH, "main")
        .containsEntry("GT_GIT_SSH_KEY_FILE", "/etc/gastown/git-ssh/ssh-privatekey");
  }

  @Test
  void expandingTheExpandedPodChangesNothing() {
    Pod once = RefineryRuns.expanded(refinery, rig, polecats());
    Pod twice =
        RefineryPodExpander.expand(once, refinery, rig, List.of(), PlatformConfig.defaults());
    assertThat(Serialization.toYaml(twice)).isEqualTo(Serialization.toYaml(once));
  }

  @Test
  void aSelfHostedGitServersHostKeysComeFromTheRefinerysKnownHostsConfigMap() {
    RefinerySpec spec = settings();
    spec.setSshKnownHostsConfigMapRef(new ConfigMapReference("git-known-hosts"));
    Pod pod = RefineryRuns.expanded(RefineryRuns.refinery(rig, spec), rig, polecats());

    assertThat(pod.getSpec().getVolumes())
        .filteredOn(v -> v.getConfigMap() != null)
        .extracting(v -> v.getConfigMap().getName())
        .containsExactly("git-known-hosts");
    Container gitInit = pod.getSpec().getInitContainers().getFirst();
    assertThat(gitInit.getEnv())
        .anySatisfy(e -> assertThat(e.getName()).isEqualTo("GT_SSH_KNOWN_HOSTS_FILE"))
        .noneSatisfy(e -> assertThat(e.getName()).isEqualTo("GT_SSH_KNOWN_HOSTS"));
  }

  @Test
  void anSshRepositoryWithoutAKeyIsRefusedNamingTheFields() {
    Rig keyless = RefineryRuns.rig("git@github.com:acme/shop.git");
    assertThatThrownBy(
            () ->
                RefineryRuns.expanded(
                    RefineryRuns.refinery(keyless, settings()), keyless, List.of()))
        .isInstanceOf(ExpansionException.class)
        .hasMessage(
            "Refinery gt-my-rig/my-rig: git@github.com:acme/shop.git is an SSH URL but no SSH key is"
                + " named: set spec.gitSecretRef (a Secret with key ssh-privatekey that may push to"
                + " main), or settings.gitSecretRef of Rig my-rig");
  }

  @Test
  void aRefineryWhoseRigDoesNotExistIsRefused() {
    assertThatThrownBy(() -> RefineryRuns.expanded(refinery, null, List.of()))
        .isInstanceOf(ExpansionException.class)
        .hasMessageContaining("Rig my-rig does not exist or has no spec.gitURL");
  }
}
