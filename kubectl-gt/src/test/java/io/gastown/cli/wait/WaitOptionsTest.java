package io.gastown.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gastown.cli.GtEnvironment;
import io.gastown.cli.cluster.PolecatRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class WaitOptionsTest {
  @Test
  void withoutTheFlagsNothingIsAskedOfTheCluster() {
    WaitOptions options = new WaitOptions();
    new CommandLine(options).parseArgs();
    StringWriter out = new StringWriter();
    // No kubeconfig in this environment: connecting would fail, so returning 0 shows nothing was
    // connected.
    int exit =
        options.afterPush(
            GtEnvironment.of(Map.of(), Path.of("/nonexistent")),
            new PolecatRef("r", "x"),
            null,
            new PrintWriter(out),
            new PrintWriter(out));
    assertThat(exit).isZero();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aBadTimeoutNamesTheOption() {
    WaitOptions options = new WaitOptions();
    new CommandLine(options).parseArgs("--wait-ready", "--timeout", "5 min");
    assertThatThrownBy(
            () ->
                options.afterPush(
                    GtEnvironment.of(Map.of(), Path.of("/nonexistent")),
                    new PolecatRef("r", "x"),
                    null,
                    new PrintWriter(new StringWriter()),
                    new PrintWriter(new StringWriter())))
        .hasMessageContaining("--timeout: '5 min' is not a duration");
  }

  @Test
  void exitCodesSayWhatHappened() {
    StringWriter err = new StringWriter();
    assertThat(
            WaitOptions.exitCode(
                Verdict.reached("ok"), Duration.ofMinutes(5), new PrintWriter(err)))
        .isZero();
    assertThat(
            WaitOptions.exitCode(
                Verdict.failed("pod p failed"), Duration.ofMinutes(5), new PrintWriter(err)))
        .isEqualTo(9);
    assertThat(
            WaitOptions.exitCode(
                Verdict.waiting("pod p is Pending"), Duration.ofMinutes(5), new PrintWriter(err)))
        .isEqualTo(8);
    assertThat(err.toString())
        .isEqualTo(
            "error: pod p failed\nerror: timed out after 5m: pod p is Pending; wait "
                + "longer with --timeout, or look with kubectl gt polecat status\n");
  }
}
