package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(ControlPlaneExtension.class)
class ControlPlaneIT {

  @Test
  void versionEndpointReportsTheProvisionedVersion(KubernetesClient client, ControlPlaneInfo info) {
    Map<?, ?> version = Serialization.unmarshal(client.raw("/version"), Map.class);

    assertThat(info.kubernetesVersion())
        .isEqualTo(ControlPlaneBinaries.versions().getProperty("K8S_VERSION"));
    assertThat(version.get("gitVersion")).isEqualTo("v" + info.kubernetesVersion());
    assertThat(client.getKubernetesVersion().getMinor())
        .isEqualTo(info.kubernetesVersion().split("\\.")[1]);
  }

  @Test
  void apiServerListensOnLoopbackAndTheKubeconfigWorksForKubectl(ControlPlaneInfo info)
      throws IOException, InterruptedException {
    assertThat(info.apiServerUrl()).matches("https://127\\.0\\.0\\.1:\\d+");

    Process kubectl =
        new ProcessBuilder(
                ControlPlaneBinaries.locate().path("kubectl").toString(),
                "--kubeconfig=" + info.kubeconfig(),
                "get",
                "namespace",
                "default",
                "-o",
                "name")
            .redirectErrorStream(true)
            .start();
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(kubectl.getInputStream().readAllBytes()).strip())
        .isEqualTo("namespace/default");
    assertThat(kubectl.exitValue()).isZero();
  }

  @Test
  void everyProcessLogsToItsOwnFile(ControlPlaneInfo info) {
    assertThat(info.logDirectory().resolve("etcd.log")).exists();
    assertThat(info.logDirectory().resolve("kube-apiserver.log")).exists();
    assertThat(Files.isRegularFile(info.kubeconfig())).isTrue();
  }
}
