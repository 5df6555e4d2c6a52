package io.gastown.expand;

import static io.gastown.expand.PodLayout.*;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.gastown.model.Agent;
import java.util.ArrayList;
import java.util.List;

/**
 * The Pod's volumes: writable emptyDirs (the root filesystem is read-only) and the referenced
 * Secrets.
 */
final class Volumes {
  private Volumes() {}

  static List<Volume> forPod(ResolvedPolecat polecat) {
    List<Volume> volumes = forCheckout(polecat.checkout());
    if (usesClaudeCredentials(polecat)) {
      volumes.add(
          secretKey(
              VOLUME_CLAUDE_CREDENTIALS,
              polecat.claudeCredentials().getName(),
              CLAUDE_CREDENTIALS_KEY));
    }
    if (polecat.agentConfig().getConfigMapRef() != null) {
      volumes.add(
          new VolumeBuilder()
              .withName(VOLUME_AGENT_CONFIG)
              .withNewConfigMap()
              .withName(polecat.agentConfig().getConfigMapRef().getName())
              .endConfigMap()
              .build());
    }
    return volumes;
  }

  /** The writable emptyDirs and what git-init reads: the SSH key and the host keys. */
  static List<Volume> forCheckout(GitCheckout checkout) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(emptyDir(VOLUME_WORKSPACE));
    volumes.add(emptyDir(VOLUME_HOME));
    volumes.add(emptyDir(VOLUME_TMP));
    if (checkout.gitSecret() != null) {
      volumes.add(secretKey(VOLUME_GIT_SSH, checkout.gitSecret().getName(), SSH_KEY));
    }
    if (checkout.knownHosts() != null) {
      volumes.add(
          new VolumeBuilder()
              .withName(VOLUME_KNOWN_HOSTS)
              .withNewConfigMap()
              .withName(checkout.knownHosts().getName())
              .addNewItem()
              .withKey(KNOWN_HOSTS_KEY)
              .withPath(KNOWN_HOSTS_KEY)
              .endItem()
              .endConfigMap()
              .build());
    }
    return volumes;
  }

  static boolean usesClaudeCredentials(ResolvedPolecat polecat) {
    return polecat.agent() == Agent.CLAUDE_CODE && polecat.claudeCredentials() != null;
  }

  static List<VolumeMount> commonMounts() {
    return List.of(
        mount(VOLUME_WORKSPACE, WORKSPACE), mount(VOLUME_HOME, HOME), mount(VOLUME_TMP, TMP));
  }

  static VolumeMount readOnlyMount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).withReadOnly(true).build();
  }

  private static VolumeMount mount(String volume, String path) {
    return new VolumeMountBuilder().withName(volume).withMountPath(path).build();
  }

  private static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  /**
   * One key of a Secret, owner-read-only. A missing key keeps the Pod from starting with a clear
   * kubelet event.
   */
  private static Volume secretKey(String volume, String secret, String key) {
    return new VolumeBuilder()
        .withName(volume)
        .withNewSecret()
        .withSecretName(secret)
        .withDefaultMode(SECRET_FILE_MODE)
        .addNewItem()
        .withKey(key)
        .withPath(key)
        .endItem()
        .endSecret()
        .build();
  }
}
