package io.gastown.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.model.Agent;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import io.gastown.model.Rig;
import org.junit.jupiter.api.Test;

/** A polecat made from another's spec is written as a sling of the same request would be. */
class PolecatsTest {
  static final Rig SHOP =
      Rigs.create("shop", "git@github.com:acme/shop.git", "sh", null, null, "agents");

  @Test
  void withSpecGivesTheFileCreateGivesForTheSameRequestUnderTheNewName() {
    PolecatRequest request =
        new PolecatRequest(null, "sh-1", "Fix login", Agent.AIDER, "develop", null, "gpt-4o");
    Polecat original = Polecats.create(SHOP, request.withName("furiosa"));

    Polecat again = Polecats.withSpec(SHOP, original.getSpec(), "nux");

    assertThat(PolecatManifests.render(again, "img"))
        .isEqualTo(PolecatManifests.render(Polecats.create(SHOP, request.withName("nux")), "img"));
    assertThat(again.getMetadata().getNamespace()).isEqualTo("agents");
  }

  @Test
  void theSpecIsCopiedAndItsDesiredStateLeftOutAsSlingLeavesItOut() {
    PolecatSpec spec = Polecats.create(SHOP, PolecatRequest.of("furiosa", "sh-1")).getSpec();
    spec.setDesiredState(DesiredState.Terminated);

    Polecat again = Polecats.withSpec(SHOP, spec, "nux");
    again.getSpec().setTaskDescription("changed");

    assertThat(again.getSpec().getDesiredState()).isNull();
    assertThat(spec.getDesiredState()).isEqualTo(DesiredState.Terminated);
    assertThat(spec.getTaskDescription()).isNull();
  }
}
