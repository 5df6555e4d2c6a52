package io.gastown.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
  @ParameterizedTest
  @CsvSource({"0,0", "30,30000", "30s,30000", "5m,300000", "1h30m,5400000", "250ms,250", "2h0m5s,7205000"})
  void parsesGoDurationsAndSeconds(String text, long millis) {
    assertThat(Durations.parse(text, "--timeout").toMillis()).isEqualTo(millis);
  }

  @ParameterizedTest
  @CsvSource({"5 minutes", "5x", "m5", "''", "-1s"})
  void rejectsOtherTextNamingTheOption(String text) {
    assertThatThrownBy(() -> Durations.parse(text, "--timeout"))
        .hasMessageContaining("--timeout").hasMessageContaining("e.g. 30s, 5m or 1h30m");
  }

  @ParameterizedTest
  @CsvSource({"0,0s", "45,45s", "119,119s", "120,2m", "330,5m30s", "600,10m", "9000,150m", "10800,3h",
      "19200,5h20m", "108000,30h", "273600,3d4h", "1728000,20d", "63936000,2y10d", "315360000,10y"})
  void formatsAgesLikeKubectl(long seconds, String age) {
    assertThat(Durations.age(Duration.ofSeconds(seconds))).isEqualTo(age);
  }

  @Test
  void formatsTimeoutsCompactly() {
    assertThat(Durations.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(Durations.format(Duration.ofSeconds(5400))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
  }
}
