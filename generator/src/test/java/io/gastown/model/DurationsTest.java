package io.gastown.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The one duration syntax: the Witness thresholds in the CRDs and kubectl gt's --timeout options.
 */
class DurationsTest {
  @ParameterizedTest
  @CsvSource({
    "0,0",
    "30,30000",
    "30s,30000",
    "5m,300000",
    "1h30m,5400000",
    "250ms,250",
    "2h0m5s,7205000",
    "' 5m ',300000"
  })
  void parsesGoDurationsAndSeconds(String text, long millis) {
    assertThat(Durations.parse("--timeout", text).toMillis()).isEqualTo(millis);
  }

  @ParameterizedTest
  @CsvSource({"5 minutes", "5x", "m5", "''", "-1s", "1.5h"})
  void rejectsOtherTextNamingTheFieldAndTheForm(String text) {
    assertThatThrownBy(() -> Durations.parse("spec.stuckThreshold", text))
        .hasMessage(
            "spec.stuckThreshold: '" + text + "' is not a duration; write e.g. 30s, 5m or 1h30m");
  }

  @Test
  void refusesWhatDoesNotFitALong() {
    assertThatThrownBy(() -> Durations.parse("--timeout", "99999999999999999999h"))
        .hasMessageContaining("too large");
  }

  @Test
  void formatsCompactly() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
  }

  @Test
  void everyCrdDurationPatternMatchParses() {
    for (String text : new String[] {"30s", "15m", "1h30m", "500ms"}) {
      assertThat(text).matches(GasTown.DURATION_PATTERN);
      assertThat(Durations.parse("x", text)).isPositive();
    }
  }
}
