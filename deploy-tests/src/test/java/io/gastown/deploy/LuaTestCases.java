package io.gastown.deploy;

import io.gastown.template.Yamls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads Argo CD's own test formats: health_test.yaml and actions/action_test.yaml. */
final class LuaTestCases {
  private LuaTestCases() {}

  record HealthCase(Path input, String status, String message) {}

  record DiscoveryCase(Path input, List<Map<String, Object>> result) {}

  record ActionCase(
      String action, Path input, Path expectedOutput, Map<String, Object> parameters) {}

  record Actions(List<DiscoveryCase> discovery, List<ActionCase> actions) {}

  static List<HealthCase> health(Path kindDirectory) {
    Map<String, Object> file = load(kindDirectory.resolve("health_test.yaml"));
    return Manifests.maps(file, "tests").stream()
        .map(
            t ->
                new HealthCase(
                    kindDirectory.resolve((String) t.get("inputPath")),
                    (String) Manifests.get(t, "healthStatus.status"),
                    (String) Manifests.get(t, "healthStatus.message")))
        .toList();
  }

  static Actions actions(Path kindDirectory) {
    Path actions = kindDirectory.resolve("actions");
    Map<String, Object> file = load(actions.resolve("action_test.yaml"));
    List<DiscoveryCase> discovery =
        Manifests.maps(file, "discoveryTests").stream()
            .map(
                t ->
                    new DiscoveryCase(
                        actions.resolve((String) t.get("inputPath")), Manifests.maps(t, "result")))
            .toList();
    List<ActionCase> cases =
        Manifests.maps(file, "actionTests").stream()
            .map(
                t ->
                    new ActionCase(
                        (String) t.get("action"),
                        actions.resolve((String) t.get("inputPath")),
                        actions.resolve((String) t.get("expectedOutputPath")),
                        t.get("parameters") == null ? Map.of() : Manifests.map(t, "parameters")))
            .toList();
    return new Actions(discovery, cases);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> load(Path file) {
    try {
      return (Map<String, Object>) Yamls.loadAll(Files.readString(file)).get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
