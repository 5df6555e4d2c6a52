package io.gastown.cli.cluster;

import static io.gastown.cli.cluster.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.OutputFormat;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrinterTest {
  private final List<Polecat> polecats =
      List.of(
          Fixtures.polecat("gt-b", "nux", "rig-b", "gt-2", null),
          Fixtures.polecat("gt-a", "furiosa", "rig-a", "gt-1", PolecatPhase.Working));

  @Test
  void tableIsSortedAlignedWithAges() {
    String text =
        Printer.list(PolecatView.INSTANCE, polecats, OutputFormat.table, false, false, NOW);
    assertThat(text)
        .isEqualTo(
            """
        NAME      RIG     BEAD   PHASE     AGE
        furiosa   rig-a   gt-1   Working   5m
        nux       rig-b   gt-2   <none>    5m
        """);
  }

  @Test
  void allNamespacesPutsTheNamespaceFirstAndWideAddsColumns() {
    String text = Printer.list(PolecatView.INSTANCE, polecats, OutputFormat.wide, true, true, NOW);
    assertThat(text.lines().toList()).hasSize(2);
    assertThat(text).startsWith("gt-a   furiosa   rig-a   gt-1   Working   claude-code   <none>");
  }

  @Test
  void jsonOfAListIsOneArray() throws Exception {
    JsonNode json =
        Serialization.jsonMapper()
            .readTree(
                Printer.list(PolecatView.INSTANCE, polecats, OutputFormat.json, false, false, NOW));
    assertThat(json.isArray()).isTrue();
    assertThat(json).hasSize(2);
    assertThat(json.get(0).path("metadata").path("name").asText()).isEqualTo("furiosa");
    assertThat(json.get(0).path("kind").asText()).isEqualTo("Polecat");
  }

  @Test
  void emptyListsAreEmptyArraysInJsonAndYamlAndNothingForNames() {
    assertThat(Printer.list(PolecatView.INSTANCE, List.of(), OutputFormat.json, false, false, NOW))
        .isEqualTo("[ ]\n");
    assertThat(Printer.list(PolecatView.INSTANCE, List.of(), OutputFormat.yaml, false, false, NOW))
        .isEqualTo("[]\n");
    assertThat(Printer.list(PolecatView.INSTANCE, List.of(), OutputFormat.name, false, false, NOW))
        .isEmpty();
  }

  @Test
  void yamlOfAListIsASequenceAndNamesAreQualified() {
    String yaml =
        Printer.list(PolecatView.INSTANCE, polecats, OutputFormat.yaml, false, false, NOW);
    assertThat(yaml).startsWith("- apiVersion: gastown.gastown.io/v1alpha1\n");
    assertThat(Printer.list(PolecatView.INSTANCE, polecats, OutputFormat.name, false, false, NOW))
        .isEqualTo("polecat.gastown.gastown.io/furiosa\npolecat.gastown.gastown.io/nux\n");
  }

  @Test
  void statusDescribesOnePolecat() {
    Polecat polecat = polecats.get(1);
    polecat.getStatus().setMessage("agent is editing src/auth.go");
    polecat.getStatus().setPodName("furiosa-x7k2p");
    String text = Printer.one(PolecatView.INSTANCE, polecat, OutputFormat.table, NOW);
    assertThat(text)
        .contains("Name:           furiosa\n")
        .contains("Phase:          Working\n")
        .contains("Message:        agent is editing src/auth.go\n")
        .contains("Pod:            furiosa-x7k2p\n")
        .contains("Created:        2026-11-21T11:55:00Z (5m ago)\n");
  }

  @Test
  void convoyStatusShowsProgressAndEveryBead() {
    var convoy =
        Fixtures.convoy("gt-my-rig", "cv-auth", List.of("gt-1", "gt-2", "gt-3"), List.of("gt-2"));
    convoy.getStatus().setFailedBeads(List.of("gt-3"));
    String text = Printer.one(ConvoyView.INSTANCE, convoy, OutputFormat.table, NOW);
    assertThat(text)
        .contains("Progress:     1/3 (33%)\n")
        .contains("Beads:\n  ○ gt-1  pending\n  ✓ gt-2  completed\n  ✗ gt-3  failed\n");
  }

  @Test
  void rigListShowsPrefixAndAge() {
    String text =
        Printer.list(
            RigView.INSTANCE,
            List.of(Fixtures.rig("my-rig", "gt")),
            OutputFormat.wide,
            false,
            false,
            NOW);
    assertThat(text)
        .isEqualTo(
            """
        NAME     PREFIX   PHASE    POLECATS   CONVOYS   NAMESPACE   THEME    GIT-URL                          AGE
        my-rig   gt       <none>   <none>     <none>    gt-my-rig   <none>   git@github.com:acme/my-rig.git   3d
        """);
  }
}
