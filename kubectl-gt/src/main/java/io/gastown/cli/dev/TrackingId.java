package io.gastown.cli.dev;

import java.util.Optional;

/**
 * Argo CD's resource tracking annotation (the default method since Argo CD 3.0):
 * {@code argocd.argoproj.io/tracking-id: <application>:<group>/<Kind>:<namespace>/<name>}. The group is empty for
 * the core group; a cluster-scoped object carries the Application's destination namespace.
 */
public record TrackingId(String application, String group, String kind, String namespace, String name) {
  public static final String ANNOTATION = "argocd.argoproj.io/tracking-id";

  /** The tracking id Argo CD writes on an object of the Application. */
  public static TrackingId of(String application, ResourceKey key, String destinationNamespace) {
    String namespace = key.namespace().isEmpty() ? destinationNamespace : key.namespace();
    return new TrackingId(application, key.group(), key.kind(), namespace, key.name());
  }

  public String value() {
    return application + ":" + group + "/" + kind + ":" + namespace + "/" + name;
  }

  /** The tracking id in an annotation value; empty when it is not one (Argo CD then ignores the object too). */
  public static Optional<TrackingId> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String[] parts = value.split(":", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    String[] groupKind = parts[1].split("/", -1);
    String[] namespaceName = parts[2].split("/", -1);
    if (parts[0].isEmpty() || groupKind.length != 2 || namespaceName.length != 2 || groupKind[1].isEmpty()
        || namespaceName[1].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new TrackingId(parts[0], groupKind[0], groupKind[1], namespaceName[0], namespaceName[1]));
  }

  /**
   * Whether this id names the object it is on (Argo CD's isSelfReferencedObj): a tracking annotation copied onto
   * another object does not make that object part of the Application.
   */
  public boolean names(ResourceKey key) {
    return (key.namespace().isEmpty() || key.namespace().equals(namespace)) && key.name().equals(name)
        && key.group().equals(group) && key.kind().equals(kind);
  }
}
