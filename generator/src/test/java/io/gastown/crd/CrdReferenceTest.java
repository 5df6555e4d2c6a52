package io.gastown.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.model.Serialization;
import io.gastown.testing.Golden;
import io.gastown.validation.Crds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/crds.md is exactly what the checked-in CRDs say. */
class CrdReferenceTest {
  static final List<String> ORDER =
      List.of("Rig", "Polecat", "Convoy", "Witness", "Refinery", "BeadStore");

  @Test
  void crdReferenceMatchesTheCrds() throws IOException {
    // From what the model generates now (CrdDriftTest keeps the checked-in CRDs equal to it), so
    // that one run of the
    // regenerate command updates the CRDs and this reference together.
    List<JsonNode> crds = new ArrayList<>();
    for (String kind : ORDER) {
      String generated = Files.readString(Path.of("target/crds", Crds.fileName(kind)));
      crds.add(Serialization.readYaml(CrdFiles.normalize(generated, CrdFiles.MODEL.get(kind))));
    }
    String reference = CrdReference.render(crds);
    assertThat(reference)
        .contains("`spec.kubernetes.gitBranch`", "`spec.beadsPrefix`", "short name `pc`");
    Golden.check(
        Golden.root().resolve("docs/crds.md"),
        reference,
        CrdFiles.REGENERATE.replace("CrdDriftTest", "CrdDriftTest,CrdReferenceTest"));
  }
}
