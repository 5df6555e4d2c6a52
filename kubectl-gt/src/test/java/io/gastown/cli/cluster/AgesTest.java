package io.gastown.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgesTest {
  @ParameterizedTest
  @CsvSource({
    "0,0s",
    "45,45s",
    "119,119s",
    "120,2m",
    "330,5m30s",
    "600,10m",
    "9000,150m",
    "10800,3h",
    "19200,5h20m",
    "108000,30h",
    "273600,3d4h",
    "1728000,20d",
    "63936000,2y10d",
    "315360000,10y"
  })
  void formatsAgesLikeKubectl(long seconds, String age) {
    assertThat(Ages.age(Duration.ofSeconds(seconds))).isEqualTo(age);
  }
}
