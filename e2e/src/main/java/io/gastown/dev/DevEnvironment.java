package io.gastown.dev;

import io.gastown.cli.GtEnvironment;
import io.gastown.cli.RepositoryLocation;
import io.gastown.cli.GlobalOptions;
import io.gastown.testing.StandaloneControlPlane;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local environment of {@code hack/dev.sh up}, in one process: the control plane binaries (etcd,
 * kube-apiserver with the CRDs, kube-controller-manager, kube-scheduler, kwok with a fake node), the webhook and
 * the status reporter ({@link LocalGasTown}), and {@code kubectl gt dev sync --watch} on the GitOps repository
 * (GT_GITOPS_REPO, else kubectl gt's default), which syncs every new commit as Argo CD would.
 *
 * <p>{@code java io.gastown.dev.DevEnvironment STATE_DIR}. Writes into STATE_DIR: {@code kubeconfig},
 * {@code control-plane/logs/*.log}, {@code pids} (this process and every process it started, for
 * {@code hack/dev.sh down}) and, once everything is up, {@code ready}. Stops everything on SIGTERM.
 */
public final class DevEnvironment {
  private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("gastown.controlplane.timeout", 180));

  private DevEnvironment() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DevEnvironment STATE_DIR");
      System.exit(2);
    }
    Path state = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(state);
    Files.deleteIfExists(state.resolve("ready"));
    Path repositoryRoot = Path.of(System.getProperty("gastown.root", ".")).toAbsolutePath().normalize();
    GtEnvironment environment = GtEnvironment.system();
    Path gitops = RepositoryLocation.resolve(new GlobalOptions(), environment);

    StandaloneControlPlane plane = StandaloneControlPlane.start(state.resolve("control-plane"), TIMEOUT);
    LocalGasTown town;
    try {
      Path kubeconfig = state.resolve("kubeconfig");
      Files.copy(plane.info().kubeconfig(), kubeconfig, StandardCopyOption.REPLACE_EXISTING);
      town = LocalGasTown.start(kubeconfig, repositoryRoot, state.resolve("webhook"), TIMEOUT);
      SyncWatcher sync = SyncWatcher.start(environment, kubeconfig, "1s",
          new PrintWriter(System.out, true, StandardCharsets.UTF_8),
          new PrintWriter(System.err, true, StandardCharsets.UTF_8));

      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        sync.close();
        town.close();
        plane.close();
        stopped.countDown();
      }, "dev-shutdown"));

      writePids(state);
      Files.writeString(state.resolve("ready"), String.join("\n", List.of(
          "kubeconfig: " + kubeconfig,
          "apiserver: " + plane.info().apiServerUrl() + " (Kubernetes " + plane.info().kubernetesVersion() + ")",
          "gitops repository: " + gitops,
          "webhook: https://127.0.0.1:" + town.webhookPort() + " (registered with the apiserver)",
          "status reporter: http://127.0.0.1:" + town.reporterPort() + "/metrics",
          "logs: " + state.resolve("dev.log") + ", " + plane.info().logDirectory())) + "\n",
          StandardCharsets.UTF_8);
      System.out.println("gastown dev environment up; " + Files.readString(state.resolve("ready")));
      System.out.flush();
      stopped.await();
    } catch (RuntimeException | IOException e) {
      plane.close();
      throw e;
    }
  }

  /** This process and its children (the control plane binaries), one pid per line, for hack/dev.sh down. */
  private static void writePids(Path state) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(ProcessHandle.current().pid() + " " + command(ProcessHandle.current()));
    ProcessHandle.current().descendants()
        .forEach(child -> lines.add(child.pid() + " " + command(child)));
    try {
      Files.write(state.resolve("pids"), lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String command(ProcessHandle process) {
    return process.info().command().orElse("?");
  }
}
