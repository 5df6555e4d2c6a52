package io.gastown.dev;

import io.gastown.cli.GtCommand;
import io.gastown.cli.GtEnvironment;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * {@code kubectl gt dev sync --watch --kubeconfig KUBECONFIG} on a thread of its own, run exactly as the command
 * line runs it (picocli, the given environment): the local stand-in for Argo CD's automated sync.
 */
public final class SyncWatcher implements AutoCloseable {
  private final Thread thread;

  private SyncWatcher(Thread thread) {
    this.thread = thread;
  }

  /** Starts watching the GitOps repository the environment names (GT_GITOPS_REPO, else kubectl gt's default). */
  public static SyncWatcher start(GtEnvironment environment, Path kubeconfig, String interval, PrintWriter out,
      PrintWriter err) {
    Thread thread = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        CommandLine command = GtCommand.commandLine(environment);
        command.setOut(out);
        command.setErr(err);
        command.execute("dev", "sync", "--watch", "--interval", interval, "--kubeconfig", kubeconfig.toString());
        // It returns only when interrupted, or when it could not start (e.g. a bad kubeconfig): try again later.
        try {
          Thread.sleep(5000);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "dev-sync-watch");
    thread.setDaemon(true);
    thread.start();
    return new SyncWatcher(thread);
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
