package io.gastown.cli.wait;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.GtException;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.KubeOptions;
import io.gastown.cli.cluster.PolecatRef;
import io.gastown.cli.cluster.RigNamespaces;
import io.gastown.model.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --wait}, {@code --wait-ready} and {@code --timeout} for {@code kubectl gt sling} (with the
 * kubectl flags the wait needs). After its push, sling calls {@link #afterPush}; without the flags
 * that does nothing and never touches the cluster.
 */
public class WaitOptions {
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  @Option(
      names = "--wait",
      description =
          "After the push, wait until the Polecat's status phase is Working "
              + "(Argo CD synced it and the status reporter saw its pod run).")
  boolean waitWorking;

  @Option(
      names = "--wait-ready",
      description =
          "After the push, wait until the polecat's pod is running (a pod that "
              + "already finished successfully counts); on failure or timeout, say why (the Polecat's message, the pod's "
              + "waiting reason) and exit non-zero.")
  boolean waitReady;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5m",
      description =
          "How long --wait/--wait-ready wait, e.g. 90s, 5m, 1h. Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Mixin KubeOptions kube = new KubeOptions();

  /** The kubectl flags (sling's; also used by --expanded). */
  public KubeOptions kube() {
    return kube;
  }

  public boolean requested() {
    return waitWorking || waitReady;
  }

  /**
   * Waits for the polecat the command just wrote, if a wait was asked for; returns the exit code (0
   * when no wait). {@code namespace} is where the polecat was written (null: the rig's namespace,
   * or -n).
   */
  public int afterPush(
      GtEnvironment environment,
      PolecatRef polecat,
      String namespace,
      PrintWriter out,
      PrintWriter err) {
    if (!requested()) {
      return ExitCode.OK;
    }
    Duration limit = Durations.parse("--timeout", timeout);
    try (ClusterSession session = kube.connect(environment)) {
      String where =
          kube.namespace() != null
              ? kube.namespace()
              : namespace != null ? namespace : RigNamespaces.defaultFor(polecat.rig());
      PolecatWaiter.Goal goal =
          waitReady ? PolecatWaiter.Goal.POD_RUNNING : PolecatWaiter.Goal.WORKING;
      out.println(
          "Waiting up to "
              + Durations.format(limit)
              + " for polecat "
              + polecat
              + " "
              + (goal == PolecatWaiter.Goal.WORKING ? "to be Working" : "to have a running pod")
              + " (namespace "
              + where
              + ")...");
      out.flush();
      Progress progress = Progress.to(out, System.console() != null);
      Verdict verdict =
          new PolecatWaiter(session, where, polecat.name(), progress, POLL_INTERVAL)
              .await(goal, limit);
      return exitCode(verdict, limit, err);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GtException(
          ExitCode.WAIT_TIMEOUT, "interrupted while waiting for polecat " + polecat);
    }
  }

  static int exitCode(Verdict verdict, Duration limit, PrintWriter err) {
    switch (verdict.state()) {
      case REACHED:
        return ExitCode.OK;
      case FAILED:
        err.println("error: " + verdict.message());
        err.flush();
        return ExitCode.POLECAT_FAILED;
      default:
        err.println(
            "error: timed out after "
                + Durations.format(limit)
                + ": "
                + verdict.message()
                + "; wait longer with --timeout, or look with kubectl gt polecat status");
        err.flush();
        return ExitCode.WAIT_TIMEOUT;
    }
  }
}
