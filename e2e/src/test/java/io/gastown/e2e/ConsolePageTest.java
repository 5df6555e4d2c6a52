package io.gastown.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How QuickstartE2E reads the page and what it lets differ between the page and a run. */
class ConsolePageTest {
  static final String PAGE =
      """
      # Title

      ```bash
      $ not a console block
      ```

      ```console
      $ kubectl gt init
      Initialized.
      $ kubectl gt convoy create "Fix the login" dm-1 'dm 2'
      Convoy cv-fix-the-login created.
      Committed 90bcc1e (no remote: committed only).
      ```
      prose
      """;

  @Test
  void commandsAndOutputsComeOnlyFromConsoleBlocks() {
    ConsolePage page = ConsolePage.parse(PAGE);

    assertThat(page.steps())
        .extracting(ConsolePage.Step::command)
        .containsExactly(
            "kubectl gt init", "kubectl gt convoy create \"Fix the login\" dm-1 'dm 2'");
    assertThat(page.steps().get(1).output())
        .containsExactly(
            "Convoy cv-fix-the-login created.", "Committed 90bcc1e (no remote: committed only).");
  }

  @Test
  void outputsAreReplacedAndEverythingElseIsKept() {
    ConsolePage page = ConsolePage.parse(PAGE);

    String written = page.withOutputs(Arrays.asList(List.of("Initialized again."), null));

    assertThat(written).isEqualTo(PAGE.replace("Initialized.", "Initialized again."));
    assertThat(page.withOutputs(Arrays.asList(null, List.of())))
        .isEqualTo(
            PAGE.replace(
                "Convoy cv-fix-the-login created.\nCommitted 90bcc1e (no remote: committed only).\n",
                ""));
  }

  @Test
  void wordsAreSplitAsAShellSplitsThem() {
    assertThat(
            ConsolePage.words(
                "kubectl gt convoy create \"Fix \\\"the\\\" login\" dm-1 'a b' c\\ d"))
        .containsExactly(
            "kubectl", "gt", "convoy", "create", "Fix \"the\" login", "dm-1", "a b", "c d");
    assertThatThrownBy(() -> ConsolePage.words("kubectl gt 'open"))
        .hasMessageContaining("unclosed quote");
  }

  @Test
  void aMalformedPageIsRefused() {
    assertThatThrownBy(() -> ConsolePage.parse("```console\noutput first\n```\n"))
        .hasMessageContaining("line 2: output before the first command");
    assertThatThrownBy(() -> ConsolePage.parse("```console\n$ kubectl gt init\n"))
        .hasMessageContaining("not closed");
  }

  @Test
  void commitIdsAgesTimestampsPodSuffixesAndColumnWidthsMayDiffer() {
    assertThat(
            Transcript.normalize(
                List.of(
                    "Committed ce5ed33 (no remote: committed only).",
                    "Pod:            polecat-furiosa-vd4m9",
                    "Started:        2026-11-21T21:40:02Z (8s ago)",
                    "furiosa   demo   dm-1   Done    7s",
                    "  Ready      True     Ready        2m23s   0 polecats",
                    "")))
        .containsExactly(
            "Committed <commit> (no remote: committed only).",
            "Pod: polecat-furiosa-<pod>",
            "Started: <time> (<age> ago)",
            "furiosa demo dm-1 Done <age>",
            "Ready True Ready <age> 0 polecats");
  }

  @Test
  void namesBeadsPhasesAndCountsMustNotDiffer() {
    assertThat(Transcript.normalize("furiosa demo dm-1 Done 7s"))
        .isNotEqualTo(Transcript.normalize("furiosa demo dm-2 Done 7s"))
        .isNotEqualTo(Transcript.normalize("nux demo dm-1 Done 7s"))
        .isNotEqualTo(Transcript.normalize("furiosa demo dm-1 Failed 7s"));
    assertThat(Transcript.normalize("Progress: 2/2 (100%)")).isEqualTo("Progress: 2/2 (100%)");
    assertThat(Transcript.normalize("polecat-furiosa")).isEqualTo("polecat-furiosa");
    assertThat(Transcript.normalize("ghcr.io/gastown/polecat-agent:0.1.0 k8s v1alpha1"))
        .isEqualTo("ghcr.io/gastown/polecat-agent:0.1.0 k8s v1alpha1");
  }
}
