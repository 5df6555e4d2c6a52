package io.gastown.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.gastown.model.Convoy;
import io.gastown.model.ConvoySpec;
import io.gastown.model.Rig;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds a new Convoy, and its ID from its description. */
public final class Convoys {
  public static final String ID_PREFIX = "cv-";
  static final int MAX_SLUG = 40;

  private Convoys() {}

  public static Convoy create(Rig rig, String id, String description, List<String> beads) {
    ConvoySpec spec = new ConvoySpec();
    spec.setDescription(description);
    spec.setTrackedBeads(List.copyOf(beads));
    spec.setRigRef(rig.getMetadata().getName());
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(id);
    metadata.setNamespace(RigManifests.namespaceOf(rig));
    Convoy convoy = new Convoy();
    convoy.setMetadata(metadata);
    convoy.setSpec(spec);
    return convoy;
  }

  /**
   * {@code cv-<description as a slug>} (e.g. "Auth overhaul!" gives cv-auth-overhaul), with -2, -3,
   * ... appended while the ID is taken; {@code cv-<first bead>} when the description has no letters
   * or digits.
   */
  public static String idFor(String description, String firstBead, Set<String> taken) {
    String slug = slug(description);
    if (slug.isEmpty()) {
      slug = slug(firstBead);
    }
    String base = ID_PREFIX + slug;
    String id = base;
    for (int n = 2; taken.contains(id); n++) {
      id = base + "-" + n;
    }
    return id;
  }

  static String slug(String text) {
    String slug =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > MAX_SLUG) {
      slug = slug.substring(0, MAX_SLUG).replaceAll("-+$", "");
    }
    return slug;
  }
}
