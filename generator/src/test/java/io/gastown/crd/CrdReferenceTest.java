package io.gastown.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.testing.Golden;
import io.gastown.validation.Crds;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/crds.md is exactly what the checked-in CRDs say. */
class CrdReferenceTest {
  static final List<String> ORDER = List.of("Rig", "Polecat", "Convoy", "Witness", "Refinery", "BeadStore");

  @Test
  void crdReferenceMatchesTheCrds() throws IOException {
    List<JsonNode> crds = ORDER.stream().map(Crds::crd).toList();
    String reference = CrdReference.render(crds);
    assertThat(reference).contains("`spec.kubernetes.gitBranch`", "`spec.beadsPrefix`", "short name `pc`");
    Golden.check(Golden.root().resolve("docs/crds.md"), reference,
        CrdFiles.REGENERATE.replace("CrdDriftTest", "CrdDriftTest,CrdReferenceTest"));
  }
}
