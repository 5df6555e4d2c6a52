package io.gastown.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders the Argo CD settings from argocd/resource_customizations (the upstream layout: one
 * directory per group and kind, with health.lua and actions/) into the two forms Argo CD reads them
 * in: an argocd-cm patch (vanilla Argo CD) and an ArgoCD CR patch (OpenShift GitOps /
 * argocd-operator). Pure text rendering, deterministic: kinds and actions in name order.
 */
final class ArgoCdSettings {
  static final String REGENERATE =
      "mvn -pl deploy-tests test -Dtest=ArgoCdSettingsTest -Dgolden.update=true";

  private ArgoCdSettings() {}

  /** One group/kind directory with its scripts. */
  record Customization(
      String group, String kind, String health, String discovery, List<Action> actions) {
    String key() {
      return group + "_" + kind;
    }
  }

  record Action(String name, String lua) {}

  static List<Customization> read(Path customizations) {
    try (Stream<Path> groups = Files.list(customizations)) {
      return groups
          .filter(Files::isDirectory)
          .sorted()
          .flatMap(
              group ->
                  list(group).stream()
                      .map(
                          kind -> {
                            Path actions = kind.resolve("actions");
                            List<Action> definitions =
                                Files.isDirectory(actions)
                                    ? list(actions).stream()
                                        .filter(a -> Files.exists(a.resolve("action.lua")))
                                        .map(
                                            a ->
                                                new Action(
                                                    a.getFileName().toString(),
                                                    readText(a.resolve("action.lua"))))
                                        .toList()
                                    : List.of();
                            return new Customization(
                                group.getFileName().toString(),
                                kind.getFileName().toString(),
                                readIfExists(kind.resolve("health.lua")),
                                readIfExists(actions.resolve("discovery.lua")),
                                definitions);
                          }))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String argocdCmPatch(List<Customization> customizations) {
    StringBuilder out = new StringBuilder();
    out.append("# Generated from argocd/resource_customizations; do not edit. Regenerate with:\n")
        .append("#   ")
        .append(REGENERATE)
        .append('\n')
        .append(
            "# Apply to a vanilla Argo CD install (server-side apply adds these keys, keeps the others):\n")
        .append(
            "#   kubectl apply --server-side --field-manager=gastown -f argocd/argocd-cm-patch.yaml\n")
        .append(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n  namespace: argocd\n")
        .append(
            "  labels:\n    app.kubernetes.io/name: argocd-cm\n    app.kubernetes.io/part-of: argocd\ndata:\n");
    for (Customization c : customizations) {
      if (c.health() != null) {
        out.append("  resource.customizations.health.")
            .append(c.key())
            .append(": |\n")
            .append(indent(c.health(), 4));
      }
    }
    for (Customization c : customizations) {
      if (c.discovery() != null) {
        out.append("  resource.customizations.actions.")
            .append(c.key())
            .append(": |\n")
            .append(indent(actionsValue(c), 4));
      }
    }
    return out.toString();
  }

  static String argoCdCrPatch(List<Customization> customizations) {
    StringBuilder out = new StringBuilder();
    out.append("# Generated from argocd/resource_customizations; do not edit. Regenerate with:\n")
        .append("#   ")
        .append(REGENERATE)
        .append('\n')
        .append(
            "# OpenShift GitOps owns argocd-cm; configure its ArgoCD resource instead. A merge patch replaces\n")
        .append("# these two lists: merge in any checks you already have first.\n")
        .append("#   oc patch argocd openshift-gitops -n openshift-gitops --type merge \\\n")
        .append("#     --patch-file argocd/openshift-gitops/argocd-cr-patch.yaml\n")
        .append(
            "apiVersion: argoproj.io/v1beta1\nkind: ArgoCD\nmetadata:\n  name: openshift-gitops\n")
        .append("  namespace: openshift-gitops\nspec:\n  resourceHealthChecks:\n");
    for (Customization c : customizations) {
      if (c.health() != null) {
        out.append("    - group: ")
            .append(c.group())
            .append("\n      kind: ")
            .append(c.kind())
            .append("\n      check: |\n")
            .append(indent(c.health(), 8));
      }
    }
    out.append("  resourceActions:\n");
    for (Customization c : customizations) {
      if (c.discovery() != null) {
        out.append("    - group: ")
            .append(c.group())
            .append("\n      kind: ")
            .append(c.kind())
            .append("\n      action: |\n")
            .append(indent(actionsValue(c), 8));
      }
    }
    return out.toString();
  }

  /** The YAML Argo CD expects for one kind's actions: discovery.lua plus the definitions. */
  private static String actionsValue(Customization c) {
    StringBuilder value =
        new StringBuilder("discovery.lua: |\n")
            .append(indent(c.discovery(), 2))
            .append("definitions:\n");
    for (Action action : c.actions()) {
      value
          .append("  - name: ")
          .append(action.name())
          .append("\n    action.lua: |\n")
          .append(indent(action.lua(), 6));
    }
    return value.toString();
  }

  private static String indent(String text, int spaces) {
    String pad = " ".repeat(spaces);
    StringBuilder out = new StringBuilder();
    for (String line : text.stripTrailing().split("\n", -1)) {
      out.append(line.isEmpty() ? "" : pad + line).append('\n');
    }
    return out.toString();
  }

  private static List<Path> list(Path directory) {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readIfExists(Path file) {
    return Files.exists(file) ? readText(file) : null;
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
