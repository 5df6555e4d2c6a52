package io.gastown.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConvoysTest {
  @Test
  void idIsTheDescriptionAsASlug() {
    assertThat(Convoys.idFor("Auth overhaul!", "gt-1", Set.of())).isEqualTo("cv-auth-overhaul");
    assertThat(Convoys.idFor("  Q3: --Billing v2 ", "gt-1", Set.of()))
        .isEqualTo("cv-q3-billing-v2");
  }

  @Test
  void takenIdsGetANumber() {
    assertThat(Convoys.idFor("Auth", "gt-1", Set.of("cv-auth", "cv-auth-2")))
        .isEqualTo("cv-auth-3");
  }

  @Test
  void descriptionWithoutLettersUsesTheFirstBead() {
    assertThat(Convoys.idFor("¡¿!", "GT-17", Set.of())).isEqualTo("cv-gt-17");
  }

  @Test
  void longDescriptionsAreCut() {
    String id = Convoys.idFor("a".repeat(30) + " " + "b".repeat(30), "gt-1", Set.of());
    assertThat(id)
        .hasSizeLessThanOrEqualTo(3 + Convoys.MAX_SLUG)
        .matches(io.gastown.model.GasTown.NAME_PATTERN);
  }
}
