package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlPlaneBinariesTest {

  @Test
  void missingBinariesFailWithTheProvisioningCommand(@TempDir Path cache) {
    var binaries =
        new ControlPlaneBinaries(ControlPlaneBinaries.directory(cache, "1.37.0"), "1.37.0");

    assertThatThrownBy(binaries::verify)
        .hasMessageContaining(
            "Kubernetes 1.37.0 control plane binaries missing in " + binaries.directory())
        .hasMessageContaining(
            "etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, kubectl")
        .hasMessageContaining("bash hack/control-plane.sh");
  }

  @Test
  void binariesStampedForAnotherVersionAreRejected(@TempDir Path cache) throws IOException {
    Path directory = Files.createDirectories(ControlPlaneBinaries.directory(cache, "1.37.0"));
    for (String name : ControlPlaneBinaries.NAMES) {
      Files.createFile(
          directory.resolve(name),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    Files.writeString(directory.resolve(".kubernetes.version"), "1.36.3\n");

    assertThatThrownBy(new ControlPlaneBinaries(directory, "1.37.0")::verify)
        .hasMessageContaining("are for Kubernetes 1.36.3, not 1.37.0")
        .hasMessageContaining("bash hack/control-plane.sh");
  }

  @Test
  void completeStampedBinariesPass(@TempDir Path cache) throws IOException {
    Path directory = Files.createDirectories(ControlPlaneBinaries.directory(cache, "1.37.0"));
    for (String name : ControlPlaneBinaries.NAMES) {
      Files.createFile(
          directory.resolve(name),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    Files.writeString(directory.resolve(".kubernetes.version"), "1.37.0\n");

    new ControlPlaneBinaries(directory, "1.37.0").verify();
  }

  @Test
  void cacheRootComesFromThePropertyThenTheEnvironmentThenHome() {
    Properties properties = new Properties();
    properties.setProperty("user.home", "/home/dev");
    assertThat(ControlPlaneBinaries.cacheRoot(properties, Map.of()))
        .isEqualTo(Path.of("/home/dev/.cache/gastown"));
    assertThat(ControlPlaneBinaries.cacheRoot(properties, Map.of("GASTOWN_CACHE", "/ci/cache")))
        .isEqualTo(Path.of("/ci/cache"));
    properties.setProperty("gastown.cache", "/tmp/mine");
    assertThat(ControlPlaneBinaries.cacheRoot(properties, Map.of("GASTOWN_CACHE", "/ci/cache")))
        .isEqualTo(Path.of("/tmp/mine"));
  }

  @Test
  void directoryFollowsTheKubeApiTestLayout() {
    assertThat(ControlPlaneBinaries.directory(Path.of("/c"), "1.37.0").toString())
        .matches("/c/k8s/1\\.37\\.0-(linux|darwin)-(amd64|arm64)");
  }

  @Test
  void theVersionsFileNamesEveryComponentVersion() {
    Properties versions = ControlPlaneBinaries.versions();
    assertThat(versions.stringPropertyNames())
        .contains("K8S_VERSION", "ETCD_VERSION", "KWOK_VERSION");
    assertThat(versions.getProperty("K8S_VERSION")).matches("1\\.\\d+\\.\\d+");
  }
}
