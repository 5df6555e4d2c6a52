package io.gastown.cli.cluster;

/**
 * What a request does, in RBAC terms, so an error can say which permission is missing or which
 * resource type the cluster lacks: verb ({@code list}, {@code get}, {@code create}...), resource
 * ({@code polecats}), API group ({@code gastown.gastown.io}, empty for the core group), namespace
 * (null: cluster-scoped or all namespaces) and name (null for lists), and whether the resource is
 * namespaced.
 */
public record Access(
    String verb, String resource, String group, String namespace, String name, boolean namespaced) {
  public static Access of(String verb, ResourceView<?> view, String namespace, String name) {
    return new Access(verb, view.plural(), view.group(), namespace, name, view.namespaced());
  }

  public static Access core(String verb, String resource, String namespace, String name) {
    return new Access(verb, resource, "", namespace, name, true);
  }

  public Access withGroup(String apiGroup) {
    return new Access(verb, resource, apiGroup, namespace, name, namespaced);
  }

  /** The resource in the singular, for messages: polecats gives polecat, refineries refinery. */
  public String singular() {
    if (resource.endsWith("ies")) {
      return resource.substring(0, resource.length() - 3) + "y";
    }
    return resource.endsWith("s") ? resource.substring(0, resource.length() - 1) : resource;
  }

  /** {@code polecats.gastown.gastown.io} or {@code pods} for the core group. */
  public String qualifiedResource() {
    return group.isEmpty() ? resource : resource + "." + group;
  }

  /** {@code in namespace gt-x}, {@code in all namespaces} or {@code cluster-wide}. */
  public String scope() {
    if (namespace != null) {
      return "in namespace " + namespace;
    }
    return namespaced ? "in all namespaces" : "cluster-wide";
  }
}
