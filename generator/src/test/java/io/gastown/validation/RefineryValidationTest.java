package io.gastown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.model.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge queue settings of a Refinery, as the webhook and {@code kubectl gt} judge them. */
class RefineryValidationTest {
  @Test
  void theMergeQueueSettingsAreAccepted() {
    assertThat(
            violations(
                """
        {rigRef: my-rig, targetBranch: release/1.x, testCommand: mvn -B verify, mergeMethod: merge, maxBatch: 5,
         schedule: "*/10 * * * *"}
        """))
        .isEmpty();
    assertThat(violations("{rigRef: my-rig, mergeMethod: rebase, schedule: '@hourly'}")).isEmpty();
  }

  @Test
  void anUnknownMethodABatchOutOfRangeOrAScheduleThatIsNotCronAreRefusedByField() {
    assertThat(violations("{rigRef: my-rig, mergeMethod: squash}"))
        .extracting(Violation::path)
        .containsExactly("spec.mergeMethod");
    assertThat(violations("{rigRef: my-rig, maxBatch: 0}"))
        .extracting(Violation::path)
        .containsExactly("spec.maxBatch");
    assertThat(violations("{rigRef: my-rig, maxBatch: 101}"))
        .extracting(Violation::path)
        .containsExactly("spec.maxBatch");
    assertThat(violations("{rigRef: my-rig, schedule: every ten minutes}"))
        .extracting(Violation::path)
        .containsExactly("spec.schedule");
  }

  private static List<Violation> violations(String spec) {
    return GasTownValidation.violations(
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Refinery
        metadata: {name: my-rig, namespace: gt-my-rig}
        spec: %s
        """
                .formatted(spec)));
  }
}
