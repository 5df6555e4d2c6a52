package io.gastown.testing;

import io.fabric8.kubeapitest.cert.CertManager;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * etcd and kube-apiserver on loopback ports chosen at run time, the project's CRDs installed, and
 * on request kube-controller-manager, kube-scheduler and kwok with one fake node.
 *
 * <p>The processes are started here rather than through kube-api-test's {@code KubeAPIServer}: that
 * class sends the process output to SLF4J, binds etcd to 0.0.0.0 and appends its own flags after
 * the caller's. Here every process logs to its own file under {@code target/control-plane/logs},
 * everything listens on 127.0.0.1 only, and the flags are in one place. kube-api-test's {@link
 * CertManager} makes the certificates.
 */
final class LocalControlPlane implements AutoCloseable {
  static final String NODE_NAME = "kwok-node-0";
  static final String POD_CIDR = "10.244.0.0/16";
  static final String SERVICE_CIDR = "10.96.0.0/16";

  /** The {@code kubernetes} Service's ClusterIP: the first address of {@link #SERVICE_CIDR}. */
  static final String KUBERNETES_SERVICE_IP = "10.96.0.1";

  private static final System.Logger LOG = System.getLogger(ControlPlaneExtension.class.getName());
  private static final String KWOK_NODE_ANNOTATION = "kwok.x-k8s.io/node";

  /**
   * kube-controller-manager's client rate limit, as managed clusters run it (Huawei Cloud CCE's
   * defaults: 100 requests/s, burst 100). At the upstream defaults (20/s, burst 30) the Job
   * controller's seven or so calls per Job (Pod create, events, status updates, the tracking
   * finalizer's removal) empty the bucket at five Jobs a second, and each Job's Pod then waits 50
   * ms more than the last one's (docs/benchmarks.md, AdmissionPathBenchmark).
   */
  static final String CONTROLLER_MANAGER_QPS = "--kube-api-qps=100";

  static final String CONTROLLER_MANAGER_BURST = "--kube-api-burst=100";

  private static final List<String> CONTROLLERS =
      List.of(
          "job-controller",
          "cronjob-controller",
          "garbage-collector-controller",
          "ttl-after-finished-controller",
          "pod-garbage-collector-controller",
          "namespace-controller");

  /**
   * What the real node adds: the controllers that give Pods service accounts, Services endpoints.
   */
  private static final List<String> REAL_NODE_CONTROLLERS =
      List.of(
          "serviceaccount-controller",
          "serviceaccount-token-controller",
          "root-ca-certificate-publisher-controller",
          "endpoints-controller",
          "endpointslice-controller",
          "endpointslice-mirroring-controller",
          "replicaset-controller",
          "deployment-controller");

  private static final Duration POLL = Duration.ofMillis(100);

  private final ControlPlaneBinaries binaries;
  private final Path runDirectory;
  private final Path logDirectory;
  private final Duration timeout;
  private final NodeNetwork realNodeNetwork;
  private final Deque<ManagedProcess> processes = new ArrayDeque<>();
  private Path kubeconfig;
  private String apiServerUrl;
  private KubernetesClient admin;
  private List<String> installedCrds = List.of();
  private boolean nodesStarted;
  private CertManager certs;
  private Path servingCertificate;
  private Path servingKey;
  private Path servingCa;
  private String kubeletToken;
  private String proxyToken;
  private LocalNode realNode;
  private boolean closed;

  private LocalControlPlane(
      ControlPlaneBinaries binaries,
      Path runDirectory,
      Duration timeout,
      NodeNetwork realNodeNetwork) {
    this.binaries = binaries;
    this.realNodeNetwork = realNodeNetwork;
    this.runDirectory = runDirectory;
    this.logDirectory = runDirectory.resolve("logs");
    this.timeout = timeout;
  }

  /** Starts etcd and kube-apiserver and installs the CRDs found under {@code repositoryRoot}. */
  static LocalControlPlane start(
      ControlPlaneBinaries binaries, Path runDirectory, Path repositoryRoot, Duration timeout) {
    return start(binaries, runDirectory, repositoryRoot, timeout, null);
  }

  /**
   * Like {@link #start(ControlPlaneBinaries, Path, Path, Duration)}; with a {@code
   * realNodeNetwork}, ready for a real node there (see {@link #ensureRealNode}): the apiserver
   * listens on all addresses of that private namespace and advertises the node address (the {@code
   * kubernetes} Service's endpoint, which Pods reach through kube-proxy), authorizes with Node and
   * RBAC, admits Pods with their ServiceAccount, and knows the node's and kube-proxy's tokens.
   */
  static LocalControlPlane start(
      ControlPlaneBinaries binaries,
      Path runDirectory,
      Path repositoryRoot,
      Duration timeout,
      NodeNetwork realNodeNetwork) {
    binaries.verify();
    LocalControlPlane plane =
        new LocalControlPlane(binaries, runDirectory, timeout, realNodeNetwork);
    try {
      plane.startApiServer();
      plane.installCrds(repositoryRoot);
      return plane;
    } catch (RuntimeException e) {
      plane.close();
      throw e;
    }
  }

  synchronized ControlPlaneInfo info() {
    return new ControlPlaneInfo(
        kubeconfig,
        apiServerUrl,
        binaries.kubernetesVersion(),
        logDirectory,
        installedCrds,
        realNode != null ? LocalNode.NODE_NAME : nodesStarted ? NODE_NAME : null);
  }

  /** A new cluster-admin client; the caller closes it. */
  KubernetesClient newClient() {
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startApiServer() {
    long t0 = System.nanoTime();
    recreate(runDirectory);
    createDirectories(logDirectory);
    Path pki = createDirectories(runDirectory.resolve("pki"));
    certs = new CertManager(pki.toString());
    certs.createCertificatesIfNeeded();
    if (realNodeNetwork == null) {
      servingCertificate = Path.of(certs.getAPIServerCertPath());
      servingKey = Path.of(certs.getAPIServerKeyPath());
      servingCa = servingCertificate;
    } else {
      writeRealNodeServingCertificate(pki);
    }
    long certsReady = System.nanoTime();

    int etcdPort = freePort();
    int etcdPeerPort = freePort();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + etcdPeerPort;
    ManagedProcess etcd =
        launch(
            "etcd",
            List.of(
                binaries.path("etcd").toString(),
                "--name=test",
                "--data-dir=" + runDirectory.resolve("etcd-data"),
                "--listen-client-urls=" + etcdUrl,
                "--advertise-client-urls=" + etcdUrl,
                "--listen-peer-urls=" + peerUrl,
                "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=test=" + peerUrl,
                "--unsafe-no-fsync=true",
                "--log-level=warn"));
    HttpClient http = HttpClient.newHttpClient();
    waitFor("etcd to be healthy", List.of(etcd), () -> httpOk(http, etcdUrl + "/health"));
    long etcdReady = System.nanoTime();

    int port = freePort();
    apiServerUrl = "https://127.0.0.1:" + port;
    List<String> flags = new ArrayList<>();
    flags.add(binaries.path("kube-apiserver").toString());
    flags.add("--etcd-servers=" + etcdUrl);
    flags.add("--secure-port=" + port);
    flags.add("--cert-dir=" + pki);
    flags.add("--tls-cert-file=" + servingCertificate);
    flags.add("--tls-private-key-file=" + servingKey);
    flags.add("--client-ca-file=" + certs.getClientCertPath());
    flags.add("--service-account-issuer=https://kubernetes.default.svc.cluster.local");
    flags.add("--service-account-key-file=" + certs.getAPIServerKeyPath());
    flags.add("--service-account-signing-key-file=" + certs.getAPIServerKeyPath());
    flags.add("--service-cluster-ip-range=" + SERVICE_CIDR);
    flags.add("--allow-privileged=true");
    // -Dgastown.apiserverProfiling=true serves /debug/pprof, for a benchmark's CPU profile.
    flags.add("--profiling=" + Boolean.getBoolean("gastown.apiserverProfiling"));
    Path tokens = null;
    if (realNodeNetwork != null) {
      kubeletToken = randomToken();
      proxyToken = randomToken();
      tokens = pki.resolve("tokens.csv");
      UncheckedFiles.write(
          tokens,
          kubeletToken
              + ",system:node:"
              + LocalNode.NODE_NAME
              + ",node-"
              + LocalNode.NODE_NAME
              + ",system:nodes\n"
              + proxyToken
              + ",system:kube-proxy,kube-proxy\n");
    }
    flags.addAll(
        modeFlags(
            realNodeNetwork,
            tokens,
            Path.of(certs.getClientCertPath()),
            Path.of(certs.getClientKeyPath())));
    ManagedProcess apiServer = launch("kube-apiserver", flags);

    kubeconfig = runDirectory.resolve("kubeconfig");
    UncheckedFiles.write(
        kubeconfig,
        Kubeconfig.render(
            apiServerUrl,
            UncheckedFiles.read(servingCa),
            UncheckedFiles.read(Path.of(certs.getClientCertPath())),
            UncheckedFiles.read(Path.of(certs.getClientKeyPath()))));
    admin = newClient();
    waitFor(
        "kube-apiserver to be ready",
        List.of(etcd, apiServer),
        () -> "ok".equals(quietly(() -> admin.raw("/readyz"))));
    waitFor(
        "the default namespace",
        List.of(etcd, apiServer),
        () -> quietly(() -> admin.namespaces().withName("default").get()) != null);
    long done = System.nanoTime();
    LOG.log(
        Level.INFO,
        "Kubernetes {0} control plane at {1} started in {2} (certificates {3}, etcd {4},"
            + " kube-apiserver {5}); kubeconfig {6}, logs in {7}",
        binaries.kubernetesVersion(),
        apiServerUrl,
        seconds(done - t0),
        seconds(certsReady - t0),
        seconds(etcdReady - certsReady),
        seconds(done - etcdReady),
        kubeconfig,
        logDirectory);
  }

  private void installCrds(Path repositoryRoot) {
    List<Path> files = CrdManifests.find(repositoryRoot);
    if (files.isEmpty()) {
      LOG.log(
          Level.WARNING,
          "No CRDs in {0}: the control plane runs without the project's CRDs",
          repositoryRoot.resolve(CrdManifests.DIRECTORY));
      return;
    }
    long t0 = System.nanoTime();
    List<String> names = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (var item : admin.load(in).items()) {
          if (item instanceof CustomResourceDefinition crd) {
            apply(crd, repositoryRoot.relativize(file));
            names.add(crd.getMetadata().getName());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String name : names) {
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .waitUntilCondition(
              LocalControlPlane::established, timeout.toSeconds(), TimeUnit.SECONDS);
    }
    installedCrds = List.copyOf(names);
    LOG.log(
        Level.INFO,
        "{0} CRDs installed and Established in {1}",
        names.size(),
        seconds(System.nanoTime() - t0));
  }

  private void apply(CustomResourceDefinition crd, Path file) {
    try {
      admin.resource(crd).forceConflicts().serverSideApply();
    } catch (KubernetesClientException e) {
      String reason = e.getStatus() != null ? e.getStatus().getMessage() : e.getMessage();
      throw new IllegalStateException(
          "kube-apiserver rejected the CRD in " + file + ": " + reason, e);
    }
  }

  static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * Starts kube-controller-manager, kube-scheduler and kwok, and waits for a Ready fake node.
   * Idempotent.
   */
  synchronized void ensureNodes() {
    if (nodesStarted) {
      return;
    }
    if (realNodeNetwork != null) {
      throw new IllegalStateException(
          "This JVM's control plane runs a real node; kwok tests run in the normal test JVM");
    }
    long t0 = System.nanoTime();
    List<ManagedProcess> watched = new ArrayList<>(processes);
    watched.add(
        launch(
            "kube-controller-manager",
            List.of(
                binaries.path("kube-controller-manager").toString(),
                "--kubeconfig=" + kubeconfig,
                "--secure-port=0",
                "--leader-elect=true",
                "--use-service-account-credentials=false",
                CONTROLLER_MANAGER_QPS,
                CONTROLLER_MANAGER_BURST,
                "--controllers=" + String.join(",", CONTROLLERS))));
    watched.add(
        launch(
            "kube-scheduler",
            List.of(
                binaries.path("kube-scheduler").toString(),
                "--kubeconfig=" + kubeconfig,
                "--secure-port=0",
                "--leader-elect=true")));
    Path stages = runDirectory.resolve("kwok-stages.yaml");
    try (InputStream in =
        Objects.requireNonNull(getClass().getResourceAsStream("kwok-stages.yaml"))) {
      Files.copy(in, stages);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    watched.add(
        launch(
            "kwok",
            List.of(
                binaries.path("kwok").toString(),
                "--kubeconfig=" + kubeconfig,
                "--config=" + stages,
                "--manage-nodes-with-annotation-selector=" + KWOK_NODE_ANNOTATION + "=fake",
                "--cidr=" + POD_CIDR)));

    admin
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(NODE_NAME)
                .addToAnnotations(KWOK_NODE_ANNOTATION, "fake")
                .addToLabels("kubernetes.io/hostname", NODE_NAME)
                .addToLabels("kubernetes.io/os", "linux")
                .addToLabels("type", "kwok")
                .endMetadata()
                .build())
        .serverSideApply();
    waitFor(
        "kwok to make node " + NODE_NAME + " Ready",
        watched,
        () -> {
          var node = quietly(() -> admin.nodes().withName(NODE_NAME).get());
          return node != null
              && node.getStatus() != null
              && node.getStatus().getConditions() != null
              && node.getStatus().getConditions().stream()
                  .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
        });
    for (String component : List.of("kube-controller-manager", "kube-scheduler")) {
      waitFor(
          component + " to hold its leader lease",
          watched,
          () ->
              quietly(() -> admin.leases().inNamespace("kube-system").withName(component).get())
                  != null);
    }
    nodesStarted = true;
    LOG.log(
        Level.INFO,
        "kube-controller-manager, kube-scheduler and kwok (node {0}) ready in {1}",
        NODE_NAME,
        seconds(System.nanoTime() - t0));
  }

  /**
   * Starts kube-controller-manager (with the controllers Pods on a real node need), kube-scheduler
   * and the real node ({@link LocalNode}), and waits for the node to be Ready. Idempotent. Only for
   * a control plane started with a {@link NodeNetwork}.
   */
  synchronized LocalNode ensureRealNode() {
    if (realNode != null) {
      return realNode;
    }
    if (realNodeNetwork == null) {
      throw new IllegalStateException(
          "This JVM's control plane was started for kwok, not for a real node: real-node tests"
              + " (*NodeIT, *NodeE2E) run in their own JVM, see hack/test.sh");
    }
    if (nodesStarted) {
      throw new IllegalStateException(
          "kwok's fake node and the real node do not share a control plane");
    }
    long t0 = System.nanoTime();
    List<String> controllers = new ArrayList<>(CONTROLLERS);
    controllers.addAll(REAL_NODE_CONTROLLERS);
    List<ManagedProcess> watched = new ArrayList<>(processes);
    watched.add(
        launch(
            "kube-controller-manager",
            List.of(
                binaries.path("kube-controller-manager").toString(),
                "--kubeconfig=" + kubeconfig,
                "--secure-port=0",
                "--leader-elect=true",
                "--use-service-account-credentials=false",
                CONTROLLER_MANAGER_QPS,
                CONTROLLER_MANAGER_BURST,
                "--root-ca-file=" + servingCa,
                "--service-account-private-key-file=" + certs.getAPIServerKeyPath(),
                "--controllers=" + String.join(",", controllers))));
    watched.add(
        launch(
            "kube-scheduler",
            List.of(
                binaries.path("kube-scheduler").toString(),
                "--kubeconfig=" + kubeconfig,
                "--secure-port=0",
                "--leader-elect=true")));
    for (String component : List.of("kube-controller-manager", "kube-scheduler")) {
      waitFor(
          component + " to hold its leader lease",
          watched,
          () ->
              quietly(() -> admin.leases().inNamespace("kube-system").withName(component).get())
                  != null);
    }
    long controllersReady = System.nanoTime();
    realNode =
        LocalNode.start(
            binaries,
            realNodeNetwork,
            runDirectory.resolve("node"),
            logDirectory,
            new LocalNode.Cluster(
                apiServerUrl,
                UncheckedFiles.read(servingCa),
                Path.of(certs.getClientCertPath()),
                kubeletToken,
                proxyToken),
            admin,
            List.of(),
            timeout);
    LOG.log(
        Level.INFO,
        "kube-controller-manager and kube-scheduler ready in {0}, real node in {1}",
        seconds(controllersReady - t0),
        seconds(System.nanoTime() - controllersReady));
    return realNode;
  }

  /**
   * The apiserver flags that differ between the kwok control plane ({@code realNodeNetwork} null)
   * and the real node's.
   */
  static List<String> modeFlags(
      NodeNetwork realNodeNetwork, Path tokenFile, Path clientCertificate, Path clientKey) {
    if (realNodeNetwork == null) {
      return List.of(
          "--bind-address=127.0.0.1",
          "--advertise-address=127.0.0.1",
          // No Endpoints for the kubernetes Service: it would name 127.0.0.1, and nothing runs
          // in-cluster.
          "--endpoint-reconciler-type=none",
          "--authorization-mode=RBAC",
          // ServiceAccount: Pods need no token (there is no token controller).
          // TaintNodesByCondition: the not-ready taint it puts on new Nodes is removed only by
          // node-lifecycle-controller, which is not run.
          "--disable-admission-plugins=ServiceAccount,TaintNodesByCondition");
    }
    return List.of(
        // The namespace holds only lo and the node address (NodeNetwork checked it).
        "--bind-address=0.0.0.0",
        "--advertise-address=" + realNodeNetwork.nodeAddress(),
        "--token-auth-file=" + tokenFile,
        "--authorization-mode=Node,RBAC",
        "--enable-admission-plugins=NodeRestriction",
        "--disable-admission-plugins=TaintNodesByCondition",
        // The node's name resolves nowhere; its InternalIP is the node address.
        "--kubelet-preferred-address-types=InternalIP,Hostname",
        "--kubelet-client-certificate=" + clientCertificate,
        "--kubelet-client-key=" + clientKey);
  }

  /**
   * kube-api-test's serving certificate names only 127.0.0.1 and the {@code kubernetes} Service's
   * DNS names; Pods (fabric8's in-cluster config, for one) call the Service's ClusterIP and check
   * it, so the real node's apiserver gets a certificate for that and the node address too, and a CA
   * apart from it (what Pods get as {@code kube-root-ca.crt}).
   */
  private void writeRealNodeServingCertificate(Path pki) {
    TestPki ca = TestPki.ca("gastown-test kube-apiserver CA", TestPki.Algorithm.RSA);
    TestPki serving =
        ca.issue(
            "kube-apiserver",
            List.of(
                realNodeNetwork.nodeAddress(),
                KUBERNETES_SERVICE_IP,
                "kubernetes",
                "kubernetes.default",
                "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local"));
    servingCertificate = pki.resolve("serving.crt");
    servingKey = pki.resolve("serving.key");
    servingCa = pki.resolve("serving-ca.crt");
    UncheckedFiles.write(servingCertificate, serving.certificatePem());
    UncheckedFiles.write(servingKey, serving.keyPem(TestPki.KeyFormat.PKCS8));
    UncheckedFiles.write(servingCa, ca.certificatePem());
  }

  private static String randomToken() {
    byte[] bytes = new byte[24];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** Stops the processes, newest first, and deletes etcd's data; the logs stay. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (realNode != null) {
      realNode.close();
    }
    if (admin != null) {
      admin.close();
    }
    while (!processes.isEmpty()) {
      processes.pop().stop();
    }
    deleteRecursively(runDirectory.resolve("etcd-data"));
  }

  private ManagedProcess launch(String name, List<String> command) {
    ManagedProcess process = ManagedProcess.start(name, logDirectory, command);
    processes.push(process);
    return process;
  }

  private void waitFor(String what, List<ManagedProcess> watched, BooleanSupplier condition) {
    ManagedProcess.await(what, watched, condition, timeout, POLL);
  }

  static boolean httpOk(HttpClient http, String url) {
    try {
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The value, or null while the server is not answering yet. */
  private static <T> T quietly(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return null;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String seconds(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }

  private static void recreate(Path directory) {
    deleteRecursively(directory);
    createDirectories(directory);
  }

  static Path createDirectories(Path directory) {
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
