package io.gastown.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The container images {@code hack/images.sh} builds (the polecat agent and gastown-system images),
 * as OCI image-layout tarballs for {@code ctr images import}, found through the {@code
 * images.properties} the script writes next to them: image reference to tarball path.
 *
 * <p>The directory is {@code -Dgastown.images}, else {@code $GASTOWN_IMAGES}, else {@code
 * ~/.cache/gastown-images}, as for the script.
 */
public record LocalImages(Path file, Map<String, Path> tarballs) {

  public static final String BUILD_SCRIPT = "hack/images.sh";
  public static final String FILE_NAME = "images.properties";

  public LocalImages {
    tarballs = Map.copyOf(tarballs);
  }

  /** The images of this machine's cache. */
  public static LocalImages locate() {
    return load(directory(System.getProperties(), System.getenv()).resolve(FILE_NAME));
  }

  static Path directory(Properties systemProperties, Map<String, String> environment) {
    String configured =
        systemProperties.getProperty("gastown.images", environment.get("GASTOWN_IMAGES"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(systemProperties.getProperty("user.home"), ".cache", "gastown-images");
  }

  static LocalImages load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          "No container images listed: "
              + file
              + " is missing. Build them with: bash "
              + BUILD_SCRIPT);
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    Map<String, Path> tarballs = new TreeMap<>();
    properties
        .stringPropertyNames()
        .forEach(name -> tarballs.put(name, Path.of(properties.getProperty(name))));
    return new LocalImages(file, tarballs);
  }

  /** The tarball of an image reference, e.g. {@code ghcr.io/gastown/polecat-agent:0.1.0}. */
  public Path tarball(String reference) {
    Path tarball = tarballs.get(reference);
    if (tarball == null) {
      throw new IllegalStateException(
          "No tarball for image "
              + reference
              + " in "
              + file
              + " (it lists "
              + String.join(", ", new TreeSet<>(tarballs.keySet()))
              + "). Build it with: bash "
              + BUILD_SCRIPT);
    }
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalStateException(
          "The tarball of image "
              + reference
              + " is missing: "
              + tarball
              + ". Rebuild it with: bash "
              + BUILD_SCRIPT);
    }
    return tarball;
  }
}
