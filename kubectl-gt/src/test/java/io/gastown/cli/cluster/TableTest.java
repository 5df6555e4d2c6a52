package io.gastown.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void alignsColumnsAndMarksEmptyCells() {
    String text =
        new Table(List.of("NAME", "PHASE", "AGE"))
            .row(Arrays.asList("furiosa", "Working", "5m"))
            .row(Arrays.asList("nux", null, "10d"))
            .render(true);
    assertThat(text)
        .isEqualTo(
            """
        NAME      PHASE     AGE
        furiosa   Working   5m
        nux       <none>    10d
        """);
  }

  @Test
  void leavesTheHeaderOutWhenAsked() {
    String text = new Table(List.of("NAME", "AGE")).row(List.of("a", "1s")).render(false);
    assertThat(text).isEqualTo("a   1s\n");
  }
}
