package io.gastown.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.generator.annotation.ValidationRule;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The pod contract's rules, and the CRD's copy of the reserved prefixes (a CEL literal) agreeing
 * with it.
 */
class PodContractTest {
  @Test
  void workBranchIsTheGivenOneElseFeatureBeadElsePolecatName() {
    assertThat(PodContract.workBranch("fix/login", "gt-1", "furiosa")).isEqualTo("fix/login");
    assertThat(PodContract.workBranch(" ", "gt-1", "furiosa")).isEqualTo("feature/gt-1");
    assertThat(PodContract.workBranch(null, null, "furiosa")).isEqualTo("polecat/furiosa");
  }

  @Test
  void everyAgentHasItsContainerAndTheCustomOneKeepsThePlaceholder() {
    assertThat(PodContract.agentContainers())
        .containsExactly("claude", "opencode", "aider", "agent");
    assertThat(PodContract.agentContainer(Agent.CUSTOM))
        .isEqualTo(PodContract.PLACEHOLDER_CONTAINER);
    assertThat(PodContract.jobName("furiosa")).isEqualTo("polecat-furiosa");
  }

  @Test
  void reservedEnvIsGtPrefixedAndHome() {
    assertThat(PodContract.Env.reserved("GT_WORK_BRANCH")).isTrue();
    assertThat(PodContract.Env.reserved("HOME")).isTrue();
    assertThat(PodContract.Env.reserved("OPENAI_API_KEY")).isFalse();
  }

  @Test
  void theRigCrdRefusesExactlyTheReservedPrefixes() throws Exception {
    String rule =
        Arrays.stream(
                RigSpec.class
                    .getDeclaredField("beadsPrefix")
                    .getAnnotationsByType(ValidationRule.class))
            .map(ValidationRule::value)
            .filter(v -> v.contains("hq"))
            .findFirst()
            .orElseThrow();
    String listed =
        rule.substring(rule.indexOf('[') + 1, rule.indexOf(']')).replace("'", "").replace(" ", "");
    assertThat(listed.split(","))
        .containsExactlyInAnyOrderElementsOf(PodContract.RESERVED_BEAD_PREFIXES);
  }
}
