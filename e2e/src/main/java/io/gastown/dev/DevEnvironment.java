package io.gastown.dev;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.cli.GlobalOptions;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.RepositoryLocation;
import io.gastown.testing.LocalArgoCd;
import io.gastown.testing.StandaloneControlPlane;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The local environment of {@code hack/dev.sh up}, in one process: the control plane binaries
 * (etcd, kube-apiserver with the CRDs, kube-controller-manager, kube-scheduler, kwok with a fake
 * node), the webhook and the status reporter ({@link LocalGasTown}), and real Argo CD ({@link
 * LocalArgoCd}: Redis, repo-server, application controller, ApplicationSet controller, API server)
 * with the project's ApplicationSet over the GitOps repository (GT_GITOPS_REPO, else kubectl gt's
 * default), read over file:// as Argo CD's own e2e tests do.
 *
 * <p>{@code java io.gastown.dev.DevEnvironment STATE_DIR}. Writes into STATE_DIR: {@code
 * kubeconfig}, {@code control-plane/logs/*.log} and, once everything is up, {@code ready}. Stops
 * everything it started on SIGTERM, also while it is still starting.
 */
public final class DevEnvironment {
  private static final Duration TIMEOUT =
      Duration.ofSeconds(Long.getLong("gastown.controlplane.timeout", 180));

  private DevEnvironment() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: DevEnvironment STATE_DIR");
      System.exit(2);
    }
    Path state = Path.of(args[0]).toAbsolutePath();
    Files.createDirectories(state);
    Files.deleteIfExists(state.resolve("ready"));
    Path repositoryRoot =
        Path.of(System.getProperty("gastown.root", ".")).toAbsolutePath().normalize();
    GtEnvironment environment = GtEnvironment.system();
    Path gitops = RepositoryLocation.resolve(new GlobalOptions(), environment);

    Deque<AutoCloseable> started = new ArrayDeque<>();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  synchronized (started) {
                    while (!started.isEmpty()) {
                      try {
                        started.pop().close();
                      } catch (Exception e) {
                        System.err.println("while stopping: " + e);
                      }
                    }
                  }
                  stopped.countDown();
                },
                "dev-shutdown"));

    try {
      up(state, repositoryRoot, environment, gitops, started);
    } catch (Exception e) {
      System.err.println("gastown dev environment: could not start: " + e);
      e.printStackTrace();
      System.exit(1); // runs the shutdown hook, which stops what did start
    }
    stopped.await();
  }

  private static void up(
      Path state,
      Path repositoryRoot,
      GtEnvironment environment,
      Path gitops,
      Deque<AutoCloseable> started)
      throws Exception {
    StandaloneControlPlane plane =
        keep(started, StandaloneControlPlane.start(state.resolve("control-plane"), TIMEOUT));
    Path kubeconfig = state.resolve("kubeconfig");
    Files.copy(plane.info().kubeconfig(), kubeconfig, StandardCopyOption.REPLACE_EXISTING);
    LocalGasTown town =
        keep(
            started,
            LocalGasTown.start(kubeconfig, repositoryRoot, state.resolve("webhook"), TIMEOUT));
    KubernetesClient admin = keep(started, plane.newClient());
    LocalArgoCd argo =
        keep(
            started,
            LocalArgoCd.start(
                plane.info(),
                admin,
                repositoryRoot,
                gitops.toUri().toString(),
                LocalPlugin.generateCommand(),
                state.resolve("argocd"),
                TIMEOUT));

    Files.writeString(
        state.resolve("ready"),
        String.join(
                "\n",
                List.of(
                    "kubeconfig: " + kubeconfig,
                    "apiserver: "
                        + plane.info().apiServerUrl()
                        + " (Kubernetes "
                        + plane.info().kubernetesVersion()
                        + ")",
                    "gitops repository: " + gitops,
                    "webhook: https://127.0.0.1:"
                        + town.webhookPort()
                        + " (registered with the apiserver)",
                    "status reporter: http://127.0.0.1:" + town.reporterPort() + "/metrics",
                    "argo cd: API server "
                        + argo.apiServer()
                        + " (argocd --server "
                        + argo.apiServer()
                        + " --plaintext), "
                        + "namespace "
                        + LocalArgoCd.NAMESPACE
                        + ", CLI "
                        + argo.cli(),
                    "logs: " + state.resolve("dev.log") + ", " + plane.info().logDirectory()))
            + "\n",
        StandardCharsets.UTF_8);
    System.out.println("gastown dev environment up; " + Files.readString(state.resolve("ready")));
    System.out.flush();
  }

  /** Remembers what was started, for the shutdown hook, which stops it newest first. */
  private static <T extends AutoCloseable> T keep(Deque<AutoCloseable> started, T resource) {
    synchronized (started) {
      started.push(resource);
    }
    return resource;
  }
}
