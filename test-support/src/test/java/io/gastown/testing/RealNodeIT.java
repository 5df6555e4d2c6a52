package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pods really run on the real node: in a namespace that enforces the restricted Pod Security
 * Standard, a compliant Pod runs, streams its log while it runs, reaches the apiserver through the
 * {@code kubernetes} Service with its service-account token, and succeeds; a Pod reaches a server
 * the test starts on the node address (as a git server for polecats would); a privileged Pod is
 * refused.
 */
@ControlPlane(realNode = true)
class RealNodeIT {
  private static final System.Logger LOG = System.getLogger(RealNodeIT.class.getName());
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final KubernetesClient client;
  private final LocalNode node;
  private String namespace;

  RealNodeIT(KubernetesClient client, LocalNode node) {
    this.client = client;
    this.node = node;
  }

  @BeforeEach
  void createRestrictedNamespace() {
    namespace = "real-node-it-" + UUID.randomUUID().toString().substring(0, 8);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .addToLabels("pod-security.kubernetes.io/enforce", "restricted")
                .endMetadata()
                .build())
        .create();
    // The ServiceAccount admission plugin refuses Pods until the namespace's default account
    // exists.
    client
        .serviceAccounts()
        .inNamespace(namespace)
        .withName("default")
        .waitUntilCondition(account -> account != null, WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @AfterEach
  void deleteNamespace() {
    client.namespaces().withName(namespace).delete();
  }

  @Test
  void aRestrictedPodRunsStreamsItsLogLiveReachesTheApiserverAndSucceeds() throws Exception {
    String script =
        """
        echo "tick 1"
        sleep 3
        sa=/var/run/secrets/kubernetes.io/serviceaccount
        printf 'GET /api HTTP/1.1\\r\\nHost: %s\\r\\nAuthorization: Bearer %s\\r\\nConnection: close\\r\\n\\r\\n' \
            "$KUBERNETES_SERVICE_HOST" "$(cat $sa/token)" \
          | openssl s_client -quiet -verify_return_error -CAfile $sa/ca.crt \
              -verify_ip "$KUBERNETES_SERVICE_HOST" \
              -connect "$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT" 2>&1 \
          | tr -d '\\r' | grep -E '^HTTP/|error|errno' | sed 's/^/api: /'
        echo "tick 2"
        """;
    long t0 = System.nanoTime();
    client.pods().inNamespace(namespace).resource(restrictedPod("works", script)).create();

    Pod running = awaitPod("works", pod -> !"Pending".equals(phase(pod)));
    long started = System.nanoTime();
    List<String> lines = new ArrayList<>();
    String phaseAtFirstLine;
    try (LogWatch logs = client.pods().inNamespace(namespace).withName("works").watchLog();
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(logs.getOutput(), StandardCharsets.UTF_8))) {
      lines.add(reader.readLine());
      phaseAtFirstLine = phase(client.pods().inNamespace(namespace).withName("works").get());
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    Pod done =
        awaitPod("works", pod -> "Succeeded".equals(phase(pod)) || "Failed".equals(phase(pod)));

    LOG.log(
        System.Logger.Level.INFO,
        "Pod created to running on the real node (image present) in {0} ms",
        (started - t0) / 1_000_000);
    assertThat(running.getSpec().getNodeName()).isEqualTo(node.nodeName());
    assertThat(lines.get(0)).isEqualTo("tick 1");
    assertThat(phaseAtFirstLine).as("phase when the first log line arrived").isEqualTo("Running");
    assertThat(lines)
        .as("the log streamed to its end")
        .contains("tick 2")
        .contains("api: HTTP/1.1 200 OK");
    assertThat(phase(done)).as("pod log: %s", lines).isEqualTo("Succeeded");
  }

  @Test
  void aPodReachesAServerTheTestListensForOnTheNodeAddress() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(node.address(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = "hello from the test JVM\n".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://" + node.address() + ":" + server.getAddress().getPort() + "/";
      client
          .pods()
          .inNamespace(namespace)
          .resource(restrictedPod("fetch", "wget -q -O - " + url))
          .create();

      Pod done =
          awaitPod("fetch", pod -> "Succeeded".equals(phase(pod)) || "Failed".equals(phase(pod)));

      String log = client.pods().inNamespace(namespace).withName("fetch").getLog();
      assertThat(log).isEqualTo("hello from the test JVM\n");
      assertThat(phase(done)).isEqualTo("Succeeded");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aPrivilegedPodIsRefusedByPodSecurity() {
    Pod privileged =
        new PodBuilder()
            .withNewMetadata()
            .withName("privileged")
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .addNewContainer()
            .withName("main")
            .withImage(LocalNode.BUSYBOX_IMAGE)
            .withImagePullPolicy("Never")
            .withCommand("true")
            .withNewSecurityContext()
            .withPrivileged(true)
            .endSecurityContext()
            .endContainer()
            .endSpec()
            .build();

    assertThatThrownBy(() -> client.pods().inNamespace(namespace).resource(privileged).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
        .hasMessageContaining("violates PodSecurity \"restricted:latest\"")
        .hasMessageContaining("privileged");
  }

  private static Pod restrictedPod(String name, String script) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(65534L)
        .withRunAsGroup(65534L)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("main")
        .withImage(LocalNode.BUSYBOX_IMAGE)
        .withImagePullPolicy("Never")
        .withCommand("sh", "-c", script)
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .endContainer()
        .endSpec()
        .build();
  }

  private Pod awaitPod(String name, java.util.function.Predicate<Pod> condition) {
    return client
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .waitUntilCondition(
            pod -> pod != null && condition.test(pod), WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  private static String phase(Pod pod) {
    return pod == null || pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }
}
