package io.gastown.render;

import io.gastown.model.NamepoolTheme;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Polecat names from a theme (the kubectl-gt lists of the original operator, in their order).
 * Allocation takes the first name of the list that is not taken; when the theme is exhausted,
 * {@code <rig>-<n>} with the smallest free n. Deterministic: the same taken set always gives the
 * same name (the upstream CLI picked at random and collided).
 */
public final class ThemedNames {
  public static final Map<NamepoolTheme, List<String>> NAMES =
      Map.of(
          NamepoolTheme.MAD_MAX,
              List.of(
                  "furiosa",
                  "nux",
                  "slit",
                  "rictus",
                  "capable",
                  "toast",
                  "dag",
                  "cheedo",
                  "angharad",
                  "immortan",
                  "keeper",
                  "valkyrie",
                  "ace",
                  "morsov",
                  "corpus",
                  "war-boy",
                  "doof",
                  "coma",
                  "organic",
                  "prime",
                  "scrotus",
                  "hope",
                  "glory"),
          NamepoolTheme.MINERALS,
              List.of(
                  "obsidian",
                  "quartz",
                  "jasper",
                  "onyx",
                  "opal",
                  "topaz",
                  "amber",
                  "jade",
                  "ruby",
                  "sapphire",
                  "emerald",
                  "diamond",
                  "garnet",
                  "pearl",
                  "coral",
                  "crystal",
                  "flint",
                  "granite",
                  "marble",
                  "slate",
                  "basalt",
                  "pumice"),
          NamepoolTheme.WASTELAND,
              List.of(
                  "rust", "chrome", "nitro", "guzzle", "witness", "shiny", "fury", "road",
                  "thunder", "dust", "storm", "blade", "spike", "chain", "gear", "bolt", "piston",
                  "diesel", "vapor", "scrap", "iron", "steel"));
  public static final NamepoolTheme DEFAULT_THEME = NamepoolTheme.MAD_MAX;

  private ThemedNames() {}

  public static String allocate(NamepoolTheme theme, String rig, Set<String> taken) {
    return allocate(theme, rig, taken, 1).get(0);
  }

  /** {@code count} distinct names, none of them in {@code taken}. */
  public static List<String> allocate(
      NamepoolTheme theme, String rig, Set<String> taken, int count) {
    Set<String> used = new HashSet<>(taken);
    List<String> names = new ArrayList<>(count);
    for (String candidate : NAMES.get(theme)) {
      if (names.size() == count) {
        return names;
      }
      if (used.add(candidate)) {
        names.add(candidate);
      }
    }
    for (int n = 1; names.size() < count; n++) {
      String candidate = rig + "-" + n;
      if (used.add(candidate)) {
        names.add(candidate);
      }
    }
    return names;
  }
}
