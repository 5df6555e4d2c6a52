package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case under src/test/resources/expand: the expanded Pod equals the checked-in golden file
 * (or the expansion is refused with the checked-in message), and expanding the expanded Pod changes
 * nothing.
 */
class PodExpanderGoldenTest {
  static final String REGENERATE =
      "mvn -pl generator test -Dtest=PodExpanderGoldenTest -Dgolden.update=true";

  static List<ExpansionCase> cases() {
    return ExpansionCase.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expandsAsTheGoldenFileSays(ExpansionCase c) throws Exception {
    if (c.expectsError()) {
      assertThatThrownBy(() -> expand(c, c.pod()))
          .isInstanceOf(ExpansionException.class)
          .hasMessage(c.expectedError());
      return;
    }
    Pod expanded = expand(c, c.pod());
    Golden.check(c.expectedFile(), Serialization.toYaml(expanded), REGENERATE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expandingTheExpandedPodChangesNothing(ExpansionCase c) {
    if (c.expectsError()) {
      return;
    }
    Pod once = expand(c, c.pod());
    Pod twice = expand(c, once);
    assertThat(Serialization.toYaml(twice)).isEqualTo(Serialization.toYaml(once));
  }

  @Test
  void everyCaseHasAnExpectationAndNoneIsLeftOver() {
    assumeFalse(Golden.UPDATE, "the golden files are being written");
    for (ExpansionCase c : cases()) {
      boolean expected = Files.exists(c.expectedFile());
      assertThat(expected ^ c.expectsError())
          .as("%s must have exactly one of expected.yaml and error.txt", c.dir())
          .isTrue();
    }
  }

  @Test
  void theInputPodIsNotModified() {
    ExpansionCase c = cases().stream().filter(x -> !x.expectsError()).findFirst().orElseThrow();
    String before = Serialization.toYaml(c.pod());
    expand(c, c.pod());
    assertThat(Serialization.toYaml(c.pod())).isEqualTo(before);
  }

  private static Pod expand(ExpansionCase c, Pod pod) {
    return PodExpander.expand(pod, c.polecat(), c.rig(), c.beadStore(), c.platform());
  }
}
