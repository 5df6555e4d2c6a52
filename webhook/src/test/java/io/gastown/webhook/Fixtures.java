package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Small objects the webhook tests share. */
public final class Fixtures {
  public static final String NAMESPACE = "gt-my-rig";

  private Fixtures() {}

  public static Pod podFromJob() {
    try {
      return Serialization.readYaml(
          Files.readString(
              Golden.root().resolve("generator/src/test/resources/expand/pod-from-job.yaml")),
          Pod.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Polecat polecat() {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: furiosa, namespace: gt-my-rig}
        spec:
          rig: my-rig
          beadID: gt-123
          taskDescription: Add a /health endpoint.
          kubernetes:
            gitSecretRef: {name: git-ssh-key}
            claudeCredsSecretRef: {name: claude-home}
        """,
        Polecat.class);
  }

  public static Rig rig() {
    return Serialization.readYaml(
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata: {name: my-rig}
        spec:
          gitURL: git@github.com:gastown/my-rig.git
          beadsPrefix: gt
        """,
        Rig.class);
  }
}
