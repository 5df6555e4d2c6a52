package io.gastown.status;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** What the reporter computes a status for: one object of a Gas Town kind. */
record Key(Kind kind, String namespace, String name) {

  enum Kind {
    POLECAT,
    CONVOY,
    RIG,
    WITNESS,
    REFINERY
  }

  static Key polecat(String namespace, String name) {
    return new Key(Kind.POLECAT, namespace, name);
  }

  static Key convoy(String namespace, String name) {
    return new Key(Kind.CONVOY, namespace, name);
  }

  static Key rig(String name) {
    return new Key(Kind.RIG, null, name);
  }

  static Key witness(String namespace, String name) {
    return new Key(Kind.WITNESS, namespace, name);
  }

  static Key of(Kind kind, HasMetadata object) {
    return new Key(kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
  }

  /** The informer cache key: namespace/name, or name for cluster-scoped kinds. */
  String cacheKey() {
    return namespace == null ? name : namespace + "/" + name;
  }

  @Override
  public String toString() {
    return kind.name().charAt(0)
        + kind.name().substring(1).toLowerCase(java.util.Locale.ROOT)
        + " "
        + cacheKey();
  }
}
