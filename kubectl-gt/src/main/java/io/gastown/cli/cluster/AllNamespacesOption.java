package io.gastown.cli.cluster;

import picocli.CommandLine.Option;

/** {@code -A}: for list commands of namespaced kinds. */
public class AllNamespacesOption {
  @Option(
      names = {"-A", "--all-namespaces"},
      description = "List across all namespaces (adds a NAMESPACE column).")
  boolean allNamespaces;

  public boolean value() {
    return allNamespaces;
  }
}
