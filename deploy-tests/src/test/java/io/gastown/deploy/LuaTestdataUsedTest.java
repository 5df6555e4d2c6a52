package io.gastown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Guard: every Lua testdata file under argocd/resource_customizations is used by a health or action
 * test.
 */
class LuaTestdataUsedTest {
  static final Path CUSTOMIZATIONS = Golden.root().resolve("argocd/resource_customizations");

  @Test
  void everyTestdataFileIsUsedByATest() throws IOException {
    Set<Path> used = new HashSet<>();
    List<Path> kinds;
    try (Stream<Path> files = Files.walk(CUSTOMIZATIONS)) {
      kinds =
          files
              .filter(f -> f.getFileName().toString().equals("health_test.yaml"))
              .map(Path::getParent)
              .toList();
    }
    assertThat(kinds).isNotEmpty();
    for (Path kind : kinds) {
      LuaTestCases.health(kind).forEach(c -> used.add(c.input().normalize()));
      if (Files.exists(kind.resolve("actions/action_test.yaml"))) {
        LuaTestCases.Actions actions = LuaTestCases.actions(kind);
        actions.discovery().forEach(c -> used.add(c.input().normalize()));
        actions
            .actions()
            .forEach(
                c -> {
                  used.add(c.input().normalize());
                  used.add(c.expectedOutput().normalize());
                });
      }
    }
    List<Path> testdata;
    try (Stream<Path> files = Files.walk(CUSTOMIZATIONS)) {
      testdata =
          files
              .filter(Files::isRegularFile)
              .filter(f -> f.getParent().getFileName().toString().equals("testdata"))
              .map(Path::normalize)
              .sorted()
              .toList();
    }
    assertThat(testdata).isNotEmpty();
    assertThat(testdata)
        .as("testdata files no health_test.yaml or action_test.yaml names: use them or delete them")
        .allMatch(used::contains);
    assertThat(used).as("files the tests name that do not exist").allMatch(Files::exists);
  }
}
