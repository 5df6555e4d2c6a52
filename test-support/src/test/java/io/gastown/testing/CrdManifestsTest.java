package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrdManifestsTest {

  @Test
  void noCrdDirectoryMeansNoCrds(@TempDir Path root) {
    assertThat(CrdManifests.find(root)).isEmpty();
  }

  @Test
  void findsYamlAndYmlFilesSortedAndSkipsTheKustomization(@TempDir Path root) throws IOException {
    Path crds = Files.createDirectories(root.resolve("kustomize/base/crds"));
    for (String name :
        new String[] {"rigs.yml", "kustomization.yaml", "README.md", "convoys.yaml"}) {
      Files.writeString(crds.resolve(name), "");
    }

    assertThat(CrdManifests.find(root))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("convoys.yaml", "rigs.yml");
  }
}
