package io.gastown.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The control plane binaries that {@code hack/control-plane.sh} provisions into {@code
 * <cache>/k8s/<version>-<os>-<arch>/} (also fabric8 kube-api-test's layout).
 *
 * <p>The cache is {@code -Dgastown.cache}, else {@code $GASTOWN_CACHE}, else {@code
 * ~/.cache/gastown}; the version is {@code -Dgastown.k8s.version}, else {@code K8S_VERSION} from
 * {@code control-plane.properties}, the file the script reads too.
 */
record ControlPlaneBinaries(Path directory, String kubernetesVersion) {

  static final String PROVISIONING_SCRIPT = "hack/control-plane.sh";
  static final List<String> NAMES =
      List.of(
          "etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "kubectl");

  /**
   * The binaries this JVM should use, from system properties, the environment and the versions
   * file.
   */
  static ControlPlaneBinaries locate() {
    String version =
        System.getProperty("gastown.k8s.version", versions().getProperty("K8S_VERSION"));
    return new ControlPlaneBinaries(
        directory(cacheRoot(System.getProperties(), System.getenv()), version), version);
  }

  static Path cacheRoot(Properties systemProperties, Map<String, String> environment) {
    String configured =
        systemProperties.getProperty("gastown.cache", environment.get("GASTOWN_CACHE"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(systemProperties.getProperty("user.home"), ".cache", "gastown");
  }

  static Path directory(Path cacheRoot, String version) {
    return cacheRoot.resolve("k8s").resolve(version + "-" + os() + "-" + arch());
  }

  static Properties versions() {
    try (InputStream in =
        ControlPlaneBinaries.class.getResourceAsStream("control-plane.properties")) {
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path(String name) {
    return directory.resolve(name);
  }

  /**
   * Fails with a message naming the provisioning script when a binary is missing or was built for
   * another version (the script leaves a {@code .kubernetes.version} stamp next to the binaries).
   */
  void verify() {
    List<String> missing = new ArrayList<>();
    for (String name : NAMES) {
      if (!Files.isExecutable(path(name))) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "Kubernetes "
              + kubernetesVersion
              + " control plane binaries missing in "
              + directory
              + ": "
              + String.join(", ", missing)
              + ". Provision them with: bash "
              + PROVISIONING_SCRIPT
              + " (about 30 minutes the first time, seconds afterwards; GASTOWN_CACHE must be the same for both)");
    }
    String stamped = readStamp();
    if (!kubernetesVersion.equals(stamped)) {
      throw new IllegalStateException(
          "The binaries in "
              + directory
              + " are for Kubernetes "
              + stamped
              + ", not "
              + kubernetesVersion
              + ". Re-provision with: bash "
              + PROVISIONING_SCRIPT);
    }
  }

  private String readStamp() {
    try {
      Path stamp = directory.resolve(".kubernetes.version");
      return Files.exists(stamp) ? Files.readString(stamp).strip() : "an unknown version";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String os() {
    return System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac")
        ? "darwin"
        : "linux";
  }

  private static String arch() {
    String arch = System.getProperty("os.arch");
    return switch (arch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
  }
}
