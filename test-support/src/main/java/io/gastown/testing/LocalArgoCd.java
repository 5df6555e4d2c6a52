package io.gastown.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Real Argo CD against a control plane, as Argo CD's own e2e harness runs it: Redis and four
 * components of one build of Argo CD's multi-call binary ({@code hack/argocd.sh}), started as local
 * processes on loopback ports chosen at run time, each told its component by {@code
 * ARGOCD_BINARY_NAME}: the repo-server (with {@code kustomize} from {@code hack/kustomize.sh} on
 * its PATH), the application controller, the ApplicationSet controller and the API server ({@code
 * --insecure --disable-auth}: there is no UI to log in to here, see docs/development.md); and the
 * project's Config Management Plugin as Argo CD runs it beside the repo-server: Argo CD's {@code
 * argocd-cmp-server} reading the project's {@code argocd/cmp/plugin.yaml}, its generate command
 * replaced by the one given (the generator on this host's JVM instead of the image's {@code
 * gastown-cmp}), serving the plugin on a unix socket in the directory the repo-server looks in
 * ({@code ARGOCD_PLUGINSOCKFILEPATH}).
 *
 * <p>Into namespace {@value #NAMESPACE} it installs what an operator installs: Argo CD's CRDs and
 * config objects from Argo CD's own install manifests in the same module ({@code manifests/crds},
 * {@code manifests/base/config}), then the project's {@code argocd/argocd-cm-patch.yaml}
 * (server-side apply, as argocd/kustomization.yaml tells) and the project's {@code argocd/}
 * kustomization built with {@code params.yaml} pointing at the GitOps repository given. The
 * gastown-system Application is left out: the webhook and the status reporter run on this host
 * ({@code LocalGasTown}), not from the system repository.
 */
public final class LocalArgoCd implements AutoCloseable {
  public static final String NAMESPACE = "argocd";
  public static final ResourceDefinitionContext APPLICATIONS =
      context("Application", "applications");
  public static final ResourceDefinitionContext APPLICATION_SETS =
      context("ApplicationSet", "applicationsets");
  static final String FIELD_MANAGER = "gastown-operator";
  private static final String SYSTEM_APPLICATION = "gastown-system";

  /** The project's Config Management Plugin: its file and its name (metadata.name, no version). */
  static final String PLUGIN_FILE = "argocd/cmp/plugin.yaml";

  static final String PLUGIN = "gastown-rig";
  private static final System.Logger LOG = System.getLogger(LocalArgoCd.class.getName());
  private static final Pattern FINISHED_GENERATE_MANIFEST =
      Pattern.compile("grpc\\.method=GenerateManifest\\b.*\\bgrpc\\.time_ms=\"?([0-9.]+)");
  private static final Duration POLL = Duration.ofMillis(200);

  private final Path runDirectory;
  private final Path logDirectory;
  private final Duration timeout;
  private final KubernetesClient admin;
  private final Deque<ManagedProcess> processes = new ArrayDeque<>();
  private final HttpClient http = HttpClient.newHttpClient();
  private Path binary;
  private int apiPort;
  private boolean closed;

  private LocalArgoCd(KubernetesClient admin, Path runDirectory, Duration timeout) {
    this.admin = admin;
    this.runDirectory = runDirectory;
    this.logDirectory = runDirectory.resolve("logs");
    this.timeout = timeout;
  }

  /**
   * Installs Argo CD's objects, starts Redis and the components and applies the project's Argo CD
   * objects for the GitOps repository at {@code gitopsRepoUrl} (e.g. {@code
   * file:///tmp/x/gitops.git}, revision {@code main}). Returns once every component answers its
   * health check.
   *
   * @param pluginGenerateCommand the plugin's generate command on this host (argv), run by
   *     argocd-cmp-server in a rig's directory
   * @param admin a cluster-admin client of the control plane; the caller keeps and closes it
   */
  public static LocalArgoCd start(
      ControlPlaneInfo plane,
      KubernetesClient admin,
      Path repositoryRoot,
      String gitopsRepoUrl,
      List<String> pluginGenerateCommand,
      Path runDirectory,
      Duration timeout) {
    LocalArgoCd argo = new LocalArgoCd(admin, runDirectory, timeout);
    try {
      argo.startAll(plane, repositoryRoot, gitopsRepoUrl, pluginGenerateCommand);
      return argo;
    } catch (RuntimeException e) {
      argo.close();
      throw e;
    }
  }

  /**
   * {@code 127.0.0.1:<port>} of argocd-server (gRPC and REST, plaintext), for the argocd CLI's
   * --server.
   */
  public String apiServer() {
    return "127.0.0.1:" + apiPort;
  }

  /** The multi-call binary; run as {@code argocd} it is Argo CD's CLI. */
  public Path cli() {
    return binary;
  }

  /**
   * Runs Argo CD's CLI against the API server, as a user would ({@code argocd --server ...
   * --plaintext ARGS}), and returns what it printed; throws with its output when it exits non-zero.
   */
  public String argocd(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--server",
                apiServer(),
                "--plaintext",
                "--config",
                runDirectory.resolve("cli-config").toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  /** Resident memory (KiB) of each process, by component name, in start order. */
  public Map<String, Long> residentMemory() {
    Map<String, Long> memory = new LinkedHashMap<>();
    processes.descendingIterator().forEachRemaining(p -> memory.put(p.name(), p.residentKib()));
    return memory;
  }

  /**
   * How long each manifest generation of the repo-server took ({@code GenerateManifest} calls, as
   * its gRPC logging interceptor reports them in {@code grpc.time_ms}), oldest first: everything
   * logged so far.
   */
  public List<Duration> manifestGenerations() {
    Path log = logDirectory.resolve("argocd-repo-server.log");
    List<Duration> durations = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(log)) {
        Matcher call = FINISHED_GENERATE_MANIFEST.matcher(line);
        if (line.contains("finished call") && call.find()) {
          durations.add(
              Duration.ofNanos(Math.round(Double.parseDouble(call.group(1)) * 1_000_000)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
    return durations;
  }

  /** The end of each component's log, for a failing test's message. */
  public String logTails(int lines) {
    StringBuilder text = new StringBuilder();
    for (ManagedProcess process : processes) {
      text.append("--- ")
          .append(process.name())
          .append('\n')
          .append(process.logTail(lines))
          .append('\n');
    }
    return text.toString();
  }

  private void startAll(
      ControlPlaneInfo plane,
      Path repositoryRoot,
      String gitopsRepoUrl,
      List<String> pluginGenerateCommand) {
    long t0 = System.nanoTime();
    LocalControlPlane.deleteRecursively(runDirectory);
    LocalControlPlane.createDirectories(logDirectory);
    binary = Path.of(tool(repositoryRoot, "hack/argocd.sh"));
    Path kustomize = Path.of(tool(repositoryRoot, "hack/kustomize.sh"));
    Path manifests = binary.resolveSibling("manifests");
    String redis = onPath("redis-server", "run hack/packages.sh (installs Debian's redis-server)");

    installArgoCdObjects(manifests, repositoryRoot);
    removeApplicationsOfEarlierRuns();
    long installed = System.nanoTime();

    int redisPort = LocalControlPlane.freePort();
    ManagedProcess redisServer =
        launch(
            "redis",
            List.of(
                redis,
                "--bind",
                "127.0.0.1",
                "--port",
                String.valueOf(redisPort),
                "--save",
                "",
                "--appendonly",
                "no"),
            Map.of());
    await("redis on port " + redisPort, List.of(redisServer), () -> redisPing(redisPort));
    String redisAddress = "127.0.0.1:" + redisPort;

    Path tmp = LocalControlPlane.createDirectories(runDirectory.resolve("tmp"));
    Map<String, String> common = new LinkedHashMap<>();
    common.put("KUBECONFIG", plane.kubeconfig().toString());
    common.put("ARGOCD_FAKE_IN_CLUSTER", "true");
    common.put("ARGOCD_GPG_ENABLED", "false");
    common.put("TMPDIR", tmp.toString());
    common.put(
        "ARGOCD_TLS_DATA_PATH",
        LocalControlPlane.createDirectories(runDirectory.resolve("tls")).toString());
    common.put(
        "ARGOCD_SSH_DATA_PATH",
        LocalControlPlane.createDirectories(runDirectory.resolve("ssh")).toString());
    common.put(
        "ARGOCD_GNUPGHOME",
        LocalControlPlane.createDirectories(runDirectory.resolve("gnupg")).toString());

    Path plugins = LocalControlPlane.createDirectories(runDirectory.resolve("plugins"));
    Map<String, String> cmpEnv = new LinkedHashMap<>(common);
    cmpEnv.put("ARGOCD_BINARY_NAME", "argocd-cmp-server");
    cmpEnv.put("ARGOCD_PLUGINSOCKFILEPATH", plugins.toString());
    cmpEnv.put(
        "ARGOCD_CMP_WORKDIR",
        LocalControlPlane.createDirectories(runDirectory.resolve("cmp-work")).toString());
    ManagedProcess cmpServer =
        launch(
            "argocd-cmp-server",
            List.of(
                binary.toString(),
                "--config-dir-path",
                pluginConfig(repositoryRoot, pluginGenerateCommand).toString(),
                "--logformat",
                "text",
                "--loglevel",
                "info"),
            cmpEnv);
    Path socket = plugins.resolve(PLUGIN + ".sock");
    await("argocd-cmp-server's socket " + socket, List.of(cmpServer), () -> Files.exists(socket));

    int repoPort = LocalControlPlane.freePort();
    int repoMetrics = LocalControlPlane.freePort();
    Map<String, String> repoEnv = new LinkedHashMap<>(common);
    repoEnv.put("ARGOCD_BINARY_NAME", "argocd-repo-server");
    repoEnv.put("ARGOCD_ASK_PASS_SOCK", runDirectory.resolve("askpass.sock").toString());
    repoEnv.put("ARGOCD_PLUGINSOCKFILEPATH", plugins.toString());
    repoEnv.put("PATH", kustomize + ":" + System.getenv("PATH"));
    ManagedProcess repoServer =
        launch(
            "argocd-repo-server",
            List.of(
                binary.toString(),
                "--address",
                "127.0.0.1",
                "--port",
                String.valueOf(repoPort),
                "--metrics-address",
                "127.0.0.1",
                "--metrics-port",
                String.valueOf(repoMetrics),
                "--redis",
                redisAddress,
                "--disable-tls",
                "--logformat",
                "text",
                "--loglevel",
                "info",
                "--parallelismlimit",
                "4"),
            repoEnv);
    String repoAddress = "127.0.0.1:" + repoPort;

    int controllerMetrics = LocalControlPlane.freePort();
    Map<String, String> controllerEnv = new LinkedHashMap<>(common);
    controllerEnv.put("ARGOCD_BINARY_NAME", "argocd-application-controller");
    controllerEnv.put("ARGOCD_RECONCILIATION_JITTER", "0");
    ManagedProcess controller =
        launch(
            "argocd-application-controller",
            List.of(
                binary.toString(),
                "--kubeconfig",
                plane.kubeconfig().toString(),
                "--namespace",
                NAMESPACE,
                "--redis",
                redisAddress,
                "--repo-server",
                repoAddress,
                "--repo-server-plaintext",
                "--metrics-port",
                String.valueOf(controllerMetrics),
                "--status-processors",
                "4",
                "--operation-processors",
                "4",
                "--kubectl-parallelism-limit",
                "4",
                "--logformat",
                "text",
                "--loglevel",
                "info"),
            controllerEnv);

    int appsetMetrics = LocalControlPlane.freePort();
    Map<String, String> appsetEnv = new LinkedHashMap<>(common);
    appsetEnv.put("ARGOCD_BINARY_NAME", "argocd-applicationset-controller");
    ManagedProcess appset =
        launch(
            "argocd-applicationset-controller",
            List.of(
                binary.toString(),
                "--kubeconfig",
                plane.kubeconfig().toString(),
                "--namespace",
                NAMESPACE,
                "--argocd-repo-server",
                repoAddress,
                "--repo-server-plaintext",
                "--metrics-addr",
                "127.0.0.1:" + appsetMetrics,
                "--probe-addr",
                "127.0.0.1:" + LocalControlPlane.freePort(),
                "--webhook-addr",
                "127.0.0.1:" + LocalControlPlane.freePort(),
                "--concurrent-reconciliations",
                "2",
                "--logformat",
                "text"),
            appsetEnv);

    apiPort = LocalControlPlane.freePort();
    Map<String, String> serverEnv = new LinkedHashMap<>(common);
    serverEnv.put("ARGOCD_BINARY_NAME", "argocd-server");
    ManagedProcess server =
        launch(
            "argocd-server",
            List.of(
                binary.toString(),
                "--kubeconfig",
                plane.kubeconfig().toString(),
                "--namespace",
                NAMESPACE,
                "--insecure",
                "--disable-auth",
                "--address",
                "127.0.0.1",
                "--port",
                String.valueOf(apiPort),
                "--metrics-address",
                "127.0.0.1",
                "--metrics-port",
                String.valueOf(LocalControlPlane.freePort()),
                "--redis",
                redisAddress,
                "--repo-server",
                repoAddress,
                "--repo-server-plaintext",
                "--staticassets",
                LocalControlPlane.createDirectories(runDirectory.resolve("static")).toString(),
                "--logformat",
                "text"),
            serverEnv);

    List<ManagedProcess> all = List.copyOf(processes);
    await(
        "argocd-repo-server",
        all,
        () ->
            LocalControlPlane.httpOk(
                http, "http://127.0.0.1:" + repoMetrics + "/healthz?full=true"));
    await(
        "argocd-application-controller",
        all,
        () -> LocalControlPlane.httpOk(http, "http://127.0.0.1:" + controllerMetrics + "/healthz"));
    await(
        "argocd-applicationset-controller",
        all,
        () -> LocalControlPlane.httpOk(http, "http://127.0.0.1:" + appsetMetrics + "/metrics"));
    await(
        "argocd-server",
        all,
        () -> LocalControlPlane.httpOk(http, "http://" + apiServer() + "/healthz"));
    long running = System.nanoTime();

    applyProjectObjects(repositoryRoot, kustomize.resolve("kustomize"), gitopsRepoUrl);
    LOG.log(
        Level.INFO,
        "Argo CD ({0}) up in {1} (objects {2}, processes {3}); API server {4}, logs in {5}",
        binary,
        seconds(System.nanoTime() - t0),
        seconds(installed - t0),
        seconds(running - installed),
        apiServer(),
        logDirectory);
  }

  /**
   * The project's argocd/cmp/plugin.yaml with its generate command replaced by the local one, in a
   * directory of its own (argocd-cmp-server reads {@code <dir>/plugin.yaml}).
   */
  private Path pluginConfig(Path repositoryRoot, List<String> generateCommand) {
    String plugin = readString(repositoryRoot.resolve(PLUGIN_FILE));
    String json =
        "["
            + String.join(
                ", ",
                generateCommand.stream()
                    .map(a -> "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                    .toList())
            + "]";
    String local =
        plugin.replaceFirst(
            "(?m)^    command: \\[gastown-cmp\\]$",
            Matcher.quoteReplacement("    command: " + json));
    if (local.equals(plugin)) {
      throw new IllegalStateException(
          PLUGIN_FILE + " has no line '    command: [gastown-cmp]' to run locally");
    }
    Path directory = LocalControlPlane.createDirectories(runDirectory.resolve("cmp-config"));
    writeString(directory.resolve("plugin.yaml"), local);
    return directory;
  }

  /**
   * Argo CD's CRDs and config objects, verbatim from its install manifests, then the project's
   * argocd-cm keys.
   */
  private void installArgoCdObjects(Path manifests, Path repositoryRoot) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .fieldManager(FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
    List<String> crds = new ArrayList<>();
    for (HasMetadata item : load(yamlFiles(manifests.resolve("crds")))) {
      // The ApplicationSet CRD is larger than the last-applied annotation allows: server-side apply
      // only.
      admin.resource(item).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
      crds.add(item.getMetadata().getName());
    }
    for (String crd : crds) {
      admin
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(crd)
          .waitUntilCondition(
              LocalControlPlane::established, timeout.toSeconds(), TimeUnit.SECONDS);
    }
    for (HasMetadata item : load(yamlFiles(manifests.resolve("config")))) {
      admin
          .resource(item)
          .inNamespace(NAMESPACE)
          .fieldManager(FIELD_MANAGER)
          .forceConflicts()
          .serverSideApply();
    }
    for (HasMetadata item : load(List.of(repositoryRoot.resolve("argocd/argocd-cm-patch.yaml")))) {
      admin
          .resource(item)
          .inNamespace(NAMESPACE)
          .fieldManager("gastown")
          .forceConflicts()
          .serverSideApply();
    }
  }

  /**
   * Applications and ApplicationSets left by an earlier run on the same control plane would be
   * reconciled against a repository that is gone; they hold no finalizer, so deleting them leaves
   * their resources alone.
   */
  private void removeApplicationsOfEarlierRuns() {
    admin.genericKubernetesResources(APPLICATION_SETS).inNamespace(NAMESPACE).delete();
    admin.genericKubernetesResources(APPLICATIONS).inNamespace(NAMESPACE).delete();
  }

  /**
   * The project's argocd/ kustomization with params.yaml set to the GitOps repository, built by the
   * same kustomize Argo CD uses, applied as an operator would; without the system Application (see
   * the class comment).
   */
  private void applyProjectObjects(Path repositoryRoot, Path kustomize, String gitopsRepoUrl) {
    Path copy = runDirectory.resolve("argocd");
    copyTree(repositoryRoot.resolve("argocd"), copy);
    Path params = copy.resolve("base/params.yaml");
    String text =
        readString(params)
            .replaceAll("(?m)^(  gitopsRepoURL:).*$", "$1 " + gitopsRepoUrl)
            .replaceAll("(?m)^(  gitopsRevision:).*$", "$1 main");
    writeString(params, text);
    String built = run(List.of(kustomize.toString(), "build", copy.toString()));
    for (HasMetadata item :
        admin.load(new ByteArrayInputStream(built.getBytes(StandardCharsets.UTF_8))).items()) {
      if (item.getKind().equals("Application")
          && item.getMetadata().getName().equals(SYSTEM_APPLICATION)) {
        continue;
      }
      admin.resource(item).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }
  }

  /** The Application Argo CD generated for a rig directory, or null. */
  public GenericKubernetesResource application(String name) {
    return admin
        .genericKubernetesResources(APPLICATIONS)
        .inNamespace(NAMESPACE)
        .withName(name)
        .get();
  }

  /**
   * Stops the components, newest first; the Argo CD objects stay (the next run replaces them).
   * Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!processes.isEmpty()) {
      processes.pop().stop();
    }
  }

  private ManagedProcess launch(
      String name, List<String> command, Map<String, String> environment) {
    ManagedProcess process = ManagedProcess.start(name, logDirectory, command, environment);
    processes.push(process);
    return process;
  }

  private void await(String what, List<ManagedProcess> watched, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      watched.forEach(ManagedProcess::checkAlive);
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "timed out after "
                + timeout.toSeconds()
                + " s waiting for "
                + what
                + "; logs in "
                + logDirectory
                + "\n"
                + logTails(20));
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + what, e);
      }
    }
  }

  private static boolean redisPing(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(1000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] answer = new byte[7];
      int read = socket.getInputStream().read(answer);
      return read > 0 && new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Runs a provisioning script of the repository, which prints the tool's path on its last line.
   */
  private static String tool(Path repositoryRoot, String script) {
    String output = run(List.of("bash", repositoryRoot.resolve(script).toString())).strip();
    return output.substring(output.lastIndexOf('\n') + 1);
  }

  private static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  private static String onPath(String program, String fix) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(directory, program);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IllegalStateException(program + " is not on PATH: " + fix);
  }

  private List<HasMetadata> load(List<Path> files) {
    List<HasMetadata> items = new ArrayList<>();
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        items.addAll(admin.load(in).items());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return items;
  }

  /** The manifests of a directory, kustomization.yaml left out, in name order. */
  private static List<Path> yamlFiles(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(
              f ->
                  f.toString().endsWith(".yaml")
                      && !f.getFileName().toString().equals("kustomization.yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + " (built by hack/argocd.sh)", e);
    }
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + from, e);
    }
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeString(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("argoproj.io")
        .withVersion("v1alpha1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  private static String seconds(long nanos) {
    return String.format("%.1f s", nanos / 1e9);
  }
}
