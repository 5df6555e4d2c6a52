package io.gastown.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.model.NamepoolTheme;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ThemedNamesTest {
  @Test
  void listsAreTheOriginalOnesInOrder() {
    assertThat(ThemedNames.NAMES.get(NamepoolTheme.MAD_MAX))
        .hasSize(23)
        .startsWith("furiosa", "nux")
        .endsWith("glory");
    assertThat(ThemedNames.NAMES.get(NamepoolTheme.MINERALS))
        .hasSize(22)
        .startsWith("obsidian")
        .endsWith("pumice");
    assertThat(ThemedNames.NAMES.get(NamepoolTheme.WASTELAND))
        .hasSize(22)
        .startsWith("rust")
        .endsWith("steel");
    ThemedNames.NAMES
        .values()
        .forEach(
            names ->
                assertThat(names)
                    .doesNotHaveDuplicates()
                    .allMatch(name -> name.matches(io.gastown.model.GasTown.NAME_PATTERN)));
  }

  @Test
  void takesTheFirstNameNotTaken() {
    assertThat(ThemedNames.allocate(NamepoolTheme.MAD_MAX, "shop", Set.of())).isEqualTo("furiosa");
    assertThat(ThemedNames.allocate(NamepoolTheme.MAD_MAX, "shop", Set.of("furiosa", "slit")))
        .isEqualTo("nux");
    assertThat(ThemedNames.allocate(NamepoolTheme.MINERALS, "shop", Set.of("furiosa")))
        .isEqualTo("obsidian");
  }

  @Test
  void exhaustedThemeContinuesWithRigNumbers() {
    Set<String> taken = new HashSet<>(ThemedNames.NAMES.get(NamepoolTheme.WASTELAND));
    assertThat(ThemedNames.allocate(NamepoolTheme.WASTELAND, "shop", taken)).isEqualTo("shop-1");
    taken.add("shop-1");
    assertThat(ThemedNames.allocate(NamepoolTheme.WASTELAND, "shop", taken)).isEqualTo("shop-2");
  }

  @Test
  void manyNamesAtOnceAreDistinctAndAvoidTakenOnes() {
    List<String> names =
        ThemedNames.allocate(NamepoolTheme.MAD_MAX, "shop", Set.of("nux", "shop-2"), 30);
    assertThat(names).hasSize(30).doesNotHaveDuplicates().doesNotContain("nux", "shop-2");
    assertThat(names.subList(0, 2)).containsExactly("furiosa", "slit");
    assertThat(names.subList(22, 30))
        .containsExactly(
            "shop-1", "shop-3", "shop-4", "shop-5", "shop-6", "shop-7", "shop-8", "shop-9");
  }
}
