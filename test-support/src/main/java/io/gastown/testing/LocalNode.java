package io.gastown.testing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Kubernetes node: containerd (runc, CNI bridge), kubelet and kube-proxy, joined to the
 * {@link LocalControlPlane} it was started for. Pods really run: their images must be imported
 * first (no registry is reachable), see {@link #importImage}; {@value #BUSYBOX_IMAGE} always is.
 *
 * <p>Runs only inside the private network namespace of {@code hack/in-netns.sh} (see {@link
 * NodeNetwork}); provisioned by {@code hack/node.sh}. Everything it writes lives under its
 * directory, plus the cgroup {@code /gastown-node-<id>} in each cgroup hierarchy and the shim
 * sockets in {@code /run/containerd} (a private tmpfs of the namespace); {@link #close} removes it
 * all, including containers still running.
 */
public final class LocalNode implements AutoCloseable {
  /** The Node's name; the kubelet authenticates as {@code system:node:gt-node}. */
  public static final String NODE_NAME = "gt-node";

  /** A busybox-static image that every node has: {@code sh}, {@code wget}, {@code nc}, ... */
  public static final String BUSYBOX_IMAGE = "localhost/busybox:local";

  static final String PROVISIONING_SCRIPT = "hack/node.sh";
  static final String POD_SUBNET = "10.244.0.0/24";
  static final String CONTAINERD_NAMESPACE = "k8s.io";
  private static final List<String> NODE_IMAGES = List.of("pause.tar", "busybox.tar");
  private static final Path CNI_PLUGINS = Path.of("/usr/lib/cni");
  private static final Path CGROUPS = Path.of("/sys/fs/cgroup");
  private static final Path SHIM_STATE = Path.of("/run/containerd");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");
  private static final System.Logger LOG = System.getLogger(ControlPlaneExtension.class.getName());
  private static final Duration POLL = Duration.ofMillis(200);

  /**
   * How the node reaches the control plane.
   *
   * @param apiServerUrl the apiserver's URL (loopback: the node shares its network namespace)
   * @param caPem the apiserver's CA
   * @param clientCaFile the CA of client certificates; the kubelet trusts it for the apiserver's
   *     calls (logs, exec)
   * @param kubeletToken bearer token of {@code system:node:gt-node} (group {@code system:nodes})
   * @param proxyToken bearer token of {@code system:kube-proxy}
   */
  record Cluster(
      String apiServerUrl,
      String caPem,
      Path clientCaFile,
      String kubeletToken,
      String proxyToken) {}

  private final NodeNetwork network;
  private final Path directory;
  private final Path logDirectory;
  private final Duration timeout;
  private final Path socket;
  private final String cgroupName;
  private final List<Path> createdShimDirectories = new ArrayList<>();
  private final Deque<ManagedProcess> processes = new ArrayDeque<>();
  private boolean closed;

  private LocalNode(NodeNetwork network, Path directory, Path logDirectory, Duration timeout) {
    this.network = network;
    this.directory = directory;
    this.logDirectory = logDirectory;
    this.timeout = timeout;
    this.socket = directory.resolve("containerd.sock");
    this.cgroupName = cgroupName(System.getenv());
  }

  /**
   * Starts containerd, imports the node images and {@code images}, starts the kubelet and
   * kube-proxy, and waits for the Node to be Ready.
   */
  static LocalNode start(
      ControlPlaneBinaries binaries,
      NodeNetwork network,
      Path directory,
      Path logDirectory,
      Cluster cluster,
      KubernetesClient admin,
      List<Path> images,
      Duration timeout) {
    Path imageDirectory = imageDirectory();
    verifyProvisioned(binaries, imageDirectory);
    LocalNode node = new LocalNode(network, directory, logDirectory, timeout);
    try {
      long t0 = System.nanoTime();
      node.startContainerd();
      long containerdReady = System.nanoTime();
      for (String image : NODE_IMAGES) {
        node.importImage(imageDirectory.resolve(image));
      }
      images.forEach(node::importImage);
      long imported = System.nanoTime();
      node.createCgroups();
      node.startKubelet(binaries, cluster, admin);
      long ready = System.nanoTime();
      node.startKubeProxy(binaries, cluster);
      LOG.log(
          Level.INFO,
          "Node {0} ({1}) Ready in {2} (containerd {3}, images {4}, kubelet to Ready {5},"
              + " kube-proxy {6}); logs in {7}",
          NODE_NAME,
          network.nodeAddress(),
          seconds(System.nanoTime() - t0),
          seconds(containerdReady - t0),
          seconds(imported - containerdReady),
          seconds(ready - imported),
          seconds(System.nanoTime() - ready),
          logDirectory);
      return node;
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
  }

  /**
   * The node's cgroup: named by {@code hack/in-netns.sh} (which removes it when its namespace ends,
   * also after a crash), else random.
   */
  static String cgroupName(Map<String, String> environment) {
    String named = environment.get("GASTOWN_NODE_CGROUP");
    if (named != null && named.matches("[A-Za-z0-9_.-]+")) {
      return named;
    }
    byte[] random = new byte[6];
    new java.security.SecureRandom().nextBytes(random);
    return "gastown-node-" + java.util.HexFormat.of().formatHex(random);
  }

  /** The Node's name, {@value #NODE_NAME}. */
  public String nodeName() {
    return NODE_NAME;
  }

  /**
   * The node's IPv4 address. Pods reach a server that listens on it (e.g. a git server a test
   * starts); it exists only inside the namespace of {@code hack/in-netns.sh}.
   */
  public String address() {
    return network.nodeAddress();
  }

  /** containerd's socket, for {@code ctr --address <socket> --namespace k8s.io ...}. */
  public Path containerdSocket() {
    return socket;
  }

  /**
   * Imports an OCI image-layout tarball (e.g. from {@code hack/oci-image.py} or {@code podman save
   * --format oci-archive}) into the node's image store, under the name in its index; Pods use it
   * with {@code imagePullPolicy: Never} or {@code IfNotPresent}.
   */
  public void importImage(Path ociTar) {
    if (!Files.isRegularFile(ociTar)) {
      throw new IllegalArgumentException(
          "No image tarball at "
              + ociTar
              + "; the node's own images come from bash "
              + PROVISIONING_SCRIPT);
    }
    long t0 = System.nanoTime();
    Result result =
        run(
            List.of(
                "ctr",
                "--address",
                socket.toString(),
                "--namespace",
                CONTAINERD_NAMESPACE,
                "images",
                "import",
                ociTar.toString()),
            timeout);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "ctr could not import "
              + ociTar
              + " (exit "
              + result.exitCode()
              + "): "
              + result.output());
    }
    LOG.log(
        Level.INFO,
        "Imported {0} in {1}: {2}",
        ociTar.getFileName(),
        seconds(System.nanoTime() - t0),
        result.output().strip());
  }

  /**
   * Where {@code hack/node.sh} and the image builds put OCI image tarballs: {@code
   * -Dgastown.images}, else {@code $GASTOWN_IMAGES}, else {@code ~/.cache/gastown-images}.
   */
  public static Path imageDirectory() {
    return imageDirectory(System.getProperties(), System.getenv());
  }

  static Path imageDirectory(java.util.Properties properties, Map<String, String> environment) {
    String configured = properties.getProperty("gastown.images", environment.get("GASTOWN_IMAGES"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(properties.getProperty("user.home"), ".cache", "gastown-images");
  }

  static void verifyProvisioned(ControlPlaneBinaries binaries, Path imageDirectory) {
    List<String> missing = new ArrayList<>();
    for (String name : List.of("kubelet", "kube-proxy")) {
      if (!Files.isExecutable(binaries.path(name))) {
        missing.add(binaries.path(name).toString());
      }
    }
    for (String command : List.of("containerd", "ctr", "runc", "iptables", "umount")) {
      if (onPath(command) == null) {
        missing.add(command + " (on PATH)");
      }
    }
    for (String plugin : List.of("bridge", "host-local", "loopback", "portmap")) {
      if (!Files.isExecutable(CNI_PLUGINS.resolve(plugin))) {
        missing.add(CNI_PLUGINS.resolve(plugin).toString());
      }
    }
    for (String image : NODE_IMAGES) {
      if (!Files.isRegularFile(imageDirectory.resolve(image))) {
        missing.add(imageDirectory.resolve(image).toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The real node is not provisioned, missing: "
              + String.join(", ", missing)
              + ". Provision it with: bash "
              + PROVISIONING_SCRIPT
              + " (GASTOWN_CACHE and GASTOWN_IMAGES must be the same for both)");
    }
  }

  private static Path onPath(String command) {
    String path = Objects.requireNonNullElse(System.getenv("PATH"), "") + ":/usr/sbin:/sbin";
    for (String entry : path.split(":")) {
      if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, command))) {
        return Path.of(entry, command);
      }
    }
    return null;
  }

  private void startContainerd() {
    LocalControlPlane.deleteRecursively(directory);
    LocalControlPlane.createDirectories(directory.resolve("cni"));
    for (String name : List.of("s", "fifo", "runc")) {
      Path shimDirectory = SHIM_STATE.resolve(name);
      if (!Files.exists(shimDirectory)) {
        createdShimDirectories.add(shimDirectory);
      }
    }
    Map<String, String> values =
        Map.of("DIR", directory.toString(), "SOCKET", socket.toString(), "POD_SUBNET", POD_SUBNET);
    Path config = directory.resolve("containerd.toml");
    UncheckedFiles.write(config, render(template("containerd.toml"), values));
    UncheckedFiles.write(
        directory.resolve("cni").resolve("10-gastown.conflist"),
        render(template("10-gastown.conflist"), values));
    ManagedProcess containerd =
        launch("containerd", List.of("containerd", "--config", config.toString()));
    waitFor(
        "containerd to answer on " + socket,
        List.of(containerd),
        () ->
            Files.exists(socket)
                && run(
                            List.of("ctr", "--address", socket.toString(), "version"),
                            Duration.ofSeconds(5))
                        .exitCode()
                    == 0);
  }

  /**
   * One cgroup per node in every hierarchy, the kubelet's {@code cgroupRoot}: the kubelet refuses a
   * root that does not exist, and two nodes under the same root would remove each other's pods.
   */
  private void createCgroups() {
    for (Path hierarchy : cgroupHierarchies()) {
      Path cgroup = hierarchy.resolve(cgroupName);
      LocalControlPlane.createDirectories(cgroup);
      for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
        Path parent = hierarchy.resolve(file);
        if (Files.exists(parent)) {
          UncheckedFiles.write(cgroup.resolve(file), UncheckedFiles.read(parent).strip());
        }
      }
    }
  }

  private static List<Path> cgroupHierarchies() {
    try (Stream<Path> entries = Files.list(CGROUPS)) {
      return entries.filter(Files::isDirectory).filter(p -> !Files.isSymbolicLink(p)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void startKubelet(
      ControlPlaneBinaries binaries, Cluster cluster, KubernetesClient admin) {
    Path kubeletDirectory = LocalControlPlane.createDirectories(directory.resolve("kubelet"));
    LocalControlPlane.createDirectories(directory.resolve("pod-logs"));
    UncheckedFiles.write(directory.resolve("resolv.conf"), "");
    Path kubeconfig = kubeletDirectory.resolve("kubeconfig");
    UncheckedFiles.write(
        kubeconfig,
        Kubeconfig.renderToken(cluster.apiServerUrl(), cluster.caPem(), cluster.kubeletToken()));
    Map<String, String> values = new HashMap<>();
    values.put("DIR", directory.toString());
    values.put("SOCKET", socket.toString());
    values.put("NODE_ADDRESS", network.nodeAddress());
    values.put("PORT", String.valueOf(LocalControlPlane.freePort()));
    values.put("HEALTHZ_PORT", String.valueOf(LocalControlPlane.freePort()));
    values.put("CLIENT_CA", cluster.clientCaFile().toString());
    values.put("CGROUP_ROOT", "/" + cgroupName);
    Path config = kubeletDirectory.resolve("config.yaml");
    UncheckedFiles.write(config, render(template("kubelet.yaml"), values));
    List<ManagedProcess> watched = new ArrayList<>(processes);
    watched.add(
        launch(
            "kubelet",
            List.of(
                binaries.path("kubelet").toString(),
                "--config=" + config,
                "--kubeconfig=" + kubeconfig,
                "--root-dir=" + kubeletDirectory.resolve("root"),
                "--hostname-override=" + NODE_NAME,
                "--node-ip=" + network.nodeAddress(),
                "--v=1")));
    waitFor(
        "node " + NODE_NAME + " to be Ready",
        watched,
        () -> ready(quietly(() -> admin.nodes().withName(NODE_NAME).get())));
  }

  private void startKubeProxy(ControlPlaneBinaries binaries, Cluster cluster) {
    Path proxyDirectory = LocalControlPlane.createDirectories(directory.resolve("kube-proxy"));
    Path kubeconfig = proxyDirectory.resolve("kubeconfig");
    UncheckedFiles.write(
        kubeconfig,
        Kubeconfig.renderToken(cluster.apiServerUrl(), cluster.caPem(), cluster.proxyToken()));
    int healthzPort = LocalControlPlane.freePort();
    Map<String, String> values =
        Map.of(
            "KUBECONFIG", kubeconfig.toString(),
            "NODE_NAME", NODE_NAME,
            "NODE_ADDRESS", network.nodeAddress(),
            "CLUSTER_CIDR", LocalControlPlane.POD_CIDR,
            "HEALTHZ_PORT", String.valueOf(healthzPort),
            "METRICS_PORT", String.valueOf(LocalControlPlane.freePort()));
    Path config = proxyDirectory.resolve("config.yaml");
    UncheckedFiles.write(config, render(template("kube-proxy.yaml"), values));
    ManagedProcess proxy =
        launch(
            "kube-proxy",
            List.of(binaries.path("kube-proxy").toString(), "--config=" + config, "--v=1"));
    HttpClient http = HttpClient.newHttpClient();
    // healthz answers 200 once the first full sync of the rules is done.
    waitFor(
        "kube-proxy to sync its rules",
        List.of(proxy),
        () -> LocalControlPlane.httpOk(http, "http://127.0.0.1:" + healthzPort + "/healthz"));
  }

  static boolean ready(Node node) {
    return node != null
        && node.getStatus() != null
        && node.getStatus().getConditions() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /**
   * Stops kube-proxy and the kubelet, kills what still runs in the node's pods and their shims,
   * stops containerd, unmounts what is mounted under the node's directory and removes the
   * directory, the cgroups and the shim directories it created. Idempotent; logs stay.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (processes.size() > 1) {
      processes.pop().stop();
    }
    killPods();
    killShims();
    while (!processes.isEmpty()) {
      processes.pop().stop();
    }
    unmountAll();
    removeCgroups();
    for (Path shimDirectory : createdShimDirectories) {
      quietlyDelete(shimDirectory);
    }
    quietlyDelete(directory);
  }

  private void killPods() {
    Path pids = CGROUPS.resolve("pids").resolve(cgroupName);
    if (!Files.isDirectory(pids)) {
      return;
    }
    try (Stream<Path> files = Files.walk(pids)) {
      for (Path procs : files.filter(p -> p.endsWith("cgroup.procs")).toList()) {
        for (String pid : UncheckedFiles.read(procs).split("\\s+")) {
          if (!pid.isBlank()) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.log(Level.WARNING, "Could not list the processes of the node's pods: {0}", e.toString());
    }
  }

  /** containerd's shims outlive it by design; the ones serving this node's socket go with it. */
  private void killShims() {
    String address = socket.toString();
    ProcessHandle.allProcesses()
        .filter(
            process ->
                process.info().command().orElse("").endsWith("containerd-shim-runc-v2")
                    && process.info().arguments().map(List::of).orElse(List.of()).contains(address))
        .forEach(
            shim -> {
              shim.destroyForcibly();
              shim.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> shim).join();
            });
  }

  private void unmountAll() {
    String prefix = directory.toString() + "/";
    List<String> mounts = new ArrayList<>();
    for (String line : UncheckedFiles.read(Path.of("/proc/self/mountinfo")).split("\n")) {
      String[] fields = line.split(" ");
      if (fields.length > 4) {
        String mountPoint = unescape(fields[4]);
        if (mountPoint.startsWith(prefix)) {
          mounts.add(mountPoint);
        }
      }
    }
    mounts.sort(Comparator.comparingInt(String::length).reversed());
    for (String mountPoint : mounts) {
      Result result = run(List.of("umount", "--lazy", mountPoint), Duration.ofSeconds(10));
      if (result.exitCode() != 0) {
        LOG.log(Level.WARNING, "Could not unmount {0}: {1}", mountPoint, result.output());
      }
    }
  }

  private static String unescape(String mountInfoPath) {
    Matcher octal = Pattern.compile("\\\\([0-7]{3})").matcher(mountInfoPath);
    return octal.replaceAll(m -> String.valueOf((char) Integer.parseInt(m.group(1), 8)));
  }

  private void removeCgroups() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    for (Path hierarchy : cgroupHierarchies()) {
      Path cgroup = hierarchy.resolve(cgroupName);
      if (!Files.isDirectory(cgroup)) {
        continue;
      }
      // cgroup directories hold only pseudo-files: remove the directories, deepest first, and
      // retry while the last processes are exiting.
      while (true) {
        try (Stream<Path> tree = Files.walk(cgroup)) {
          for (Path dir :
              tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(dir);
          }
          break;
        } catch (IOException | UncheckedIOException e) {
          if (System.nanoTime() > deadline) {
            LOG.log(Level.WARNING, "Could not remove cgroup {0}: {1}", cgroup, e.toString());
            break;
          }
          sleep();
        }
      }
    }
  }

  private static void quietlyDelete(Path path) {
    try {
      LocalControlPlane.deleteRecursively(path);
    } catch (UncheckedIOException e) {
      LOG.log(Level.WARNING, "Could not delete {0}: {1}", path, e.toString());
    }
  }

  /** Fills the {@code {{NAME}}} placeholders; a placeholder without a value is a bug here. */
  static String render(String template, Map<String, String> values) {
    return PLACEHOLDER
        .matcher(template)
        .replaceAll(
            m -> {
              String value = values.get(m.group(1));
              if (value == null) {
                throw new IllegalArgumentException("no value for {{" + m.group(1) + "}}");
              }
              return Matcher.quoteReplacement(value);
            });
  }

  private static String template(String name) {
    try (InputStream in = LocalNode.class.getResourceAsStream("node/" + name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ManagedProcess launch(String name, List<String> command) {
    ManagedProcess process = ManagedProcess.start(name, logDirectory, command);
    processes.push(process);
    return process;
  }

  private void waitFor(String what, List<ManagedProcess> watched, BooleanSupplier condition) {
    ManagedProcess.await(what, watched, condition, timeout, POLL);
  }

  record Result(int exitCode, String output) {}

  static Result run(List<String> command, Duration limit) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      var output = process.getInputStream();
      byte[] bytes = output.readAllBytes();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(-1, command.get(0) + " timed out");
      }
      return new Result(process.exitValue(), new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    }
  }

  private static <T> T quietly(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String seconds(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }
}
