package io.gastown.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.gastown.template.Yamls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of the health_test.yaml and actions/action_test.yaml files under
 * argocd/resource_customizations through Argo CD's own CLI ({@code argocd admin settings
 * resource-overrides health|list-actions|run-action}), against the generated
 * argocd/argocd-cm-patch.yaml: the same Lua VM, the same default sandbox (no string library) and
 * the same config keys a real Argo CD uses. The CLI comes from hack/argocd.sh (built from the Go
 * module proxy into a cache outside the repository on first use; instant afterwards).
 */
class ArgoLuaHealthTest {
  static final Path ARGOCD_CM = Manifests.root().resolve("argocd/argocd-cm-patch.yaml");
  static Path argocd;

  @BeforeAll
  static void argocdCli() {
    Kubectl.Result built =
        Kubectl.exec(
            List.of("bash", Manifests.root().resolve("hack/argocd.sh").toString()),
            null,
            Map.of(),
            3600);
    built.orFail("hack/argocd.sh (builds Argo CD's CLI from the Go module proxy)");
    argocd = Path.of(built.stdout().strip());
  }

  @TestFactory
  Stream<DynamicTest> healthChecks() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path kind : kindDirectories()) {
      for (LuaTestCases.HealthCase c : LuaTestCases.health(kind)) {
        tests.add(
            dynamicTest(
                kind.getFileName() + " " + c.input().getFileName(),
                () -> {
                  String output = resourceOverrides("health", c.input().toString()).stdout();
                  assertThat(output)
                      .as(c.input().toString())
                      .isEqualTo("STATUS: " + c.status() + "\nMESSAGE: " + c.message() + "\n");
                }));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(20);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> actionDiscovery() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path kind : kindDirectories()) {
      if (!Files.exists(kind.resolve("actions/action_test.yaml"))) {
        continue;
      }
      for (LuaTestCases.DiscoveryCase c : LuaTestCases.actions(kind).discovery()) {
        tests.add(
            dynamicTest(
                kind.getFileName() + " discovery " + c.input().getFileName(),
                () -> {
                  // The CLI prints a NAME / DISABLED table.
                  List<String> rows =
                      resourceOverrides("list-actions", c.input().toString())
                          .stdout()
                          .lines()
                          .skip(1)
                          .map(line -> line.trim().replaceAll("\\s+", " "))
                          .toList();
                  List<String> expected =
                      c.result().stream()
                          .map(a -> a.get("name") + " " + Boolean.TRUE.equals(a.get("disabled")))
                          .sorted()
                          .toList();
                  assertThat(rows).containsExactlyElementsOf(expected);
                }));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> actions() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path kind : kindDirectories()) {
      if (!Files.exists(kind.resolve("actions/action_test.yaml"))) {
        continue;
      }
      for (LuaTestCases.ActionCase c : LuaTestCases.actions(kind).actions()) {
        tests.add(
            dynamicTest(
                kind.getFileName() + " " + c.action() + " " + c.input().getFileName(),
                () -> {
                  List<String> args =
                      new ArrayList<>(List.of("run-action", c.input().toString(), c.action()));
                  c.parameters()
                      .forEach(
                          (name, value) -> args.addAll(List.of("--param", name + "=" + value)));
                  String output = resourceOverrides(args.toArray(String[]::new)).stdout();
                  String marker = "Following fields have been changed:";
                  assertThat(output).contains(marker);
                  Object changed =
                      Yamls.loadAll(output.substring(output.indexOf(marker) + marker.length()))
                          .get(0);
                  Object expected = Yamls.loadAll(Files.readString(c.expectedOutput())).get(0);
                  assertThat(changed).isEqualTo(expected);
                }));
      }
    }
    return tests.stream();
  }

  /** Runs the CLI; the diff it prints for run-action is replaced by the changed object itself. */
  private static Kubectl.Result resourceOverrides(String... args) {
    List<String> command =
        new ArrayList<>(List.of(argocd.toString(), "admin", "settings", "resource-overrides"));
    command.addAll(List.of(args));
    command.addAll(List.of("--argocd-cm-path", ARGOCD_CM.toString()));
    Kubectl.Result result =
        Kubectl.exec(command, null, Map.of("KUBECTL_EXTERNAL_DIFF", "sh -c 'cat \"$2\"' sh"));
    return result.orFail(String.join(" ", command));
  }

  private static List<Path> kindDirectories() {
    try (Stream<Path> groups = Files.list(ArgoCdSettingsTest.CUSTOMIZATIONS)) {
      List<Path> kinds = new ArrayList<>();
      for (Path group : groups.sorted().toList()) {
        try (Stream<Path> k = Files.list(group)) {
          kinds.addAll(
              k.filter(d -> Files.exists(d.resolve("health_test.yaml"))).sorted().toList());
        }
      }
      return kinds;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
