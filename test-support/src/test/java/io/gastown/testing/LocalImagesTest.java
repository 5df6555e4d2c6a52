package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalImagesTest {

  /** As hack/images.sh writes it: the ':' of each reference escaped. */
  static final String WRITTEN_BY_SCRIPT =
      """
      # Written by hack/images.sh: image reference -> OCI image-layout tarball (ctr -n k8s.io images import FILE).
      ghcr.io/gastown/polecat-agent\\:0.1.0=%s/polecat-agent-4218c318e68f6834.tar
      ghcr.io/gastown/gastown-system\\:0.1.0=%s/gastown-system-79b8df7b620f9d50.tar
      """;

  @Test
  void referencesMapToTheirTarballs(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(dir.resolve("images.properties"), WRITTEN_BY_SCRIPT.formatted(dir, dir));
    Files.createFile(dir.resolve("polecat-agent-4218c318e68f6834.tar"));

    LocalImages images = LocalImages.load(file);

    assertThat(images.tarballs())
        .containsOnlyKeys(
            "ghcr.io/gastown/polecat-agent:0.1.0", "ghcr.io/gastown/gastown-system:0.1.0");
    assertThat(images.tarball("ghcr.io/gastown/polecat-agent:0.1.0"))
        .isEqualTo(dir.resolve("polecat-agent-4218c318e68f6834.tar"));
  }

  @Test
  void aMissingListNamesTheBuildScript(@TempDir Path dir) {
    assertThatThrownBy(() -> LocalImages.load(dir.resolve("images.properties")))
        .hasMessageContaining(dir.resolve("images.properties") + " is missing")
        .hasMessageContaining("bash hack/images.sh");
  }

  @Test
  void anUnlistedImageNamesWhatIsListed(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(dir.resolve("images.properties"), WRITTEN_BY_SCRIPT.formatted(dir, dir));

    assertThatThrownBy(() -> LocalImages.load(file).tarball("ghcr.io/gastown/polecat-agent:9.9.9"))
        .hasMessageContaining("No tarball for image ghcr.io/gastown/polecat-agent:9.9.9")
        .hasMessageContaining(
            "ghcr.io/gastown/gastown-system:0.1.0, ghcr.io/gastown/polecat-agent:0.1.0")
        .hasMessageContaining("bash hack/images.sh");
  }

  @Test
  void aListedTarballThatIsGoneAsksForARebuild(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(dir.resolve("images.properties"), WRITTEN_BY_SCRIPT.formatted(dir, dir));

    assertThatThrownBy(() -> LocalImages.load(file).tarball("ghcr.io/gastown/gastown-system:0.1.0"))
        .hasMessageContaining(
            "The tarball of image ghcr.io/gastown/gastown-system:0.1.0 is missing: "
                + dir.resolve("gastown-system-79b8df7b620f9d50.tar"))
        .hasMessageContaining("Rebuild it with: bash hack/images.sh");
  }

  @Test
  void directoryComesFromThePropertyThenTheEnvironmentThenHome() {
    Properties properties = new Properties();
    properties.setProperty("user.home", "/home/u");
    assertThat(LocalImages.directory(properties, Map.of()))
        .isEqualTo(Path.of("/home/u/.cache/gastown-images"));
    assertThat(LocalImages.directory(properties, Map.of("GASTOWN_IMAGES", "/env")))
        .isEqualTo(Path.of("/env"));
    properties.setProperty("gastown.images", "/prop");
    assertThat(LocalImages.directory(properties, Map.of("GASTOWN_IMAGES", "/env")))
        .isEqualTo(Path.of("/prop"));
  }
}
