package io.gastown.expand;

import static io.gastown.expand.PodLayout.*;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.gastown.model.PodContract;
import io.gastown.model.PodContract.Env;
import java.util.ArrayList;
import java.util.List;

/** The init container that puts the SSH key and host keys in place and clones the branch. */
final class GitInitContainer {
  private GitInitContainer() {}

  static Container build(GitCheckout polecat, PlatformConfig platform) {
    EnvList env =
        new EnvList()
            .value(Env.HOME, HOME)
            .value(Env.POLECAT, polecat.name())
            .value(Env.GIT_REPOSITORY, polecat.repository())
            .value(Env.GIT_BRANCH, polecat.branch())
            .value(Env.WORK_BRANCH, polecat.workBranch())
            .value(Env.REPO_DIR, REPO_DIR)
            .value(
                "GT_GIT_SSH_KEY_FILE",
                polecat.gitSecret() != null ? GIT_SSH_DIR + "/" + SSH_KEY : null)
            .value("GT_SSH_HOST", GitRemote.sshHost(polecat.repository()).orElse(null));
    if (polecat.knownHosts() != null) {
      env.value("GT_SSH_KNOWN_HOSTS_FILE", KNOWN_HOSTS_DIR + "/" + KNOWN_HOSTS_KEY);
    } else {
      env.value("GT_SSH_KNOWN_HOSTS", Resources.BUILT_IN_KNOWN_HOSTS);
    }
    env.value("GIT_SSH_COMMAND", GIT_SSH_COMMAND).value("GIT_TERMINAL_PROMPT", "0");

    return new ContainerBuilder()
        .withName(PodContract.GIT_INIT_CONTAINER)
        .withImage(platform.gitInitImage())
        .withImagePullPolicy("IfNotPresent")
        .withCommand("/bin/sh", "-c", Resources.GIT_INIT_SCRIPT, PodContract.GIT_INIT_CONTAINER)
        .withEnv(env.build())
        .withResources(platform.gitInitResources())
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(mounts(polecat))
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }

  private static List<VolumeMount> mounts(GitCheckout polecat) {
    List<VolumeMount> mounts = new ArrayList<>(Volumes.commonMounts());
    if (polecat.gitSecret() != null) {
      mounts.add(Volumes.readOnlyMount(VOLUME_GIT_SSH, GIT_SSH_DIR));
    }
    if (polecat.knownHosts() != null) {
      mounts.add(Volumes.readOnlyMount(VOLUME_KNOWN_HOSTS, KNOWN_HOSTS_DIR));
    }
    return mounts;
  }
}
