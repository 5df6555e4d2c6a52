package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ServerTimingTest {
  @Test
  void eachPhaseLastsFromThePreviousMarkAndIsWrittenLikeAServerTimingHeader() {
    AtomicLong clock = new AtomicLong(1_000_000);
    ServerTiming timing = new ServerTiming(clock::get);
    clock.addAndGet(120_000);
    timing.mark("polecat");
    clock.addAndGet(1_450_500);
    timing.mark("secrets");
    timing.mark("expand");

    assertThat(timing.phases())
        .containsExactly(
            new ServerTiming.Phase("polecat", 120_000),
            new ServerTiming.Phase("secrets", 1_450_500),
            new ServerTiming.Phase("expand", 0));
    assertThat(timing.totalNanos()).isEqualTo(1_570_500);
    assertThat(timing).hasToString("polecat;dur=0.120, secrets;dur=1.451, expand;dur=0.000");
  }
}
