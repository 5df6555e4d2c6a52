package io.gastown.cli.wait;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void plainOutputPrintsALinePerChangeOnly() {
    StringWriter text = new StringWriter();
    Progress progress = Progress.to(new PrintWriter(text), false);
    progress.update("pod is Pending", Duration.ofSeconds(1));
    progress.update("pod is Pending", Duration.ofSeconds(2));
    progress.update("pod is running", Duration.ofSeconds(3));
    progress.finish("done");
    assertThat(text.toString()).isEqualTo("pod is Pending\npod is running\ndone\n");
  }

  @Test
  void terminalOutputRewritesOneLine() {
    StringWriter text = new StringWriter();
    Progress progress = Progress.to(new PrintWriter(text), true);
    progress.update("pod is Pending", Duration.ofMillis(1500));
    progress.finish("pod is running");
    assertThat(text.toString()).isEqualTo("\r\033[K[1s] pod is Pending\r\033[Kpod is running\n");
  }
}
