package io.gastown.cli.polecat;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.PrettyLoggable;
import io.gastown.cli.GtException;
import io.gastown.cli.cluster.Access;
import io.gastown.cli.cluster.ClusterCommand;
import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.PolecatLookup;
import io.gastown.cli.cluster.PolecatPods;
import io.gastown.cli.cluster.PolecatRef;
import io.gastown.model.Polecat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubectl gt polecat logs <rig>/<name>}. */
@Command(
    name = "logs",
    mixinStandardHelpOptions = true,
    description =
        "Print the logs of a polecat's pod (the agent container unless -c names another).",
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt polecat logs my-rig/furiosa",
      "  kubectl gt polecat logs my-rig/furiosa -f --tail 100",
      "  kubectl gt polecat logs my-rig/furiosa -c git-init      # the clone step"
    })
public class PolecatLogsCommand extends ClusterCommand {
  @Parameters(
      index = "0",
      paramLabel = "RIG/NAME",
      description = "The polecat, e.g. my-rig/furiosa.")
  String polecat;

  @Option(
      names = {"-f", "--follow"},
      description = "Keep printing new lines until the pod ends (or Ctrl-C).")
  boolean follow;

  @Option(
      names = "--tail",
      paramLabel = "LINES",
      defaultValue = "-1",
      description = "Only the last LINES lines (default: all).")
  int tail;

  @Option(
      names = {"-c", "--container"},
      paramLabel = "CONTAINER",
      description = "The container (default: the pod's default container, the agent).")
  String container;

  @Override
  protected boolean readsRepository() {
    return false;
  }

  @Override
  protected int fromCluster() throws IOException {
    PolecatRef ref = PolecatRef.parse(polecat);
    ClusterSession session = session();
    Polecat found = PolecatLookup.get(session, ref);
    String namespace = found.getMetadata().getNamespace();
    Pod pod =
        PolecatPods.find(session, namespace, found)
            .orElseThrow(
                () ->
                    GtException.notFound(
                        "polecat "
                            + ref
                            + " has no pod yet"
                            + (found.getStatus() != null && found.getStatus().getMessage() != null
                                ? " (" + found.getStatus().getMessage() + ")"
                                : "")
                            + "; kubectl gt polecat status "
                            + ref
                            + " says why"));
    String chosen = container != null ? container : PolecatPods.defaultContainer(pod);
    checkContainer(pod, chosen);
    checkStarted(pod, chosen);
    String podName = pod.getMetadata().getName();
    err()
        .println(
            "Logs of pod "
                + podName
                + ", container "
                + chosen
                + (follow ? " (following; Ctrl-C stops)" : "")
                + ":");
    err().flush();
    Access access = Access.core("get", "pods/log", namespace, podName);
    PodResource resource = session.client().pods().inNamespace(namespace).withName(podName);
    PrettyLoggable logs =
        tail >= 0 ? resource.inContainer(chosen).tailingLines(tail) : resource.inContainer(chosen);
    if (follow) {
      try (LogWatch watch = session.call(access, logs::watchLog)) {
        copy(watch.getOutput());
      }
    } else {
      try (InputStream in = session.call(access, logs::getLogInputStream)) {
        copy(in);
      }
    }
    return 0;
  }

  private void copy(InputStream in) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      out().println(line);
      out().flush();
    }
  }

  private static void checkContainer(Pod pod, String name) {
    List<String> names = new ArrayList<>();
    Stream.concat(
            pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream())
        .forEach(c -> names.add(c.getName()));
    if (!names.contains(name)) {
      throw GtException.invalid(
          "pod "
              + pod.getMetadata().getName()
              + " has no container "
              + name
              + "; its containers: "
              + String.join(", ", names));
    }
  }

  /** A container that never started has no logs yet; say why instead of waiting. */
  private static void checkStarted(Pod pod, String name) {
    if (pod.getStatus() == null) {
      return;
    }
    Stream.concat(
            pod.getStatus().getInitContainerStatuses().stream(),
            pod.getStatus().getContainerStatuses().stream())
        .filter(s -> name.equals(s.getName()))
        .findFirst()
        .filter(PolecatLogsCommand::neverStarted)
        .ifPresent(
            s -> {
              var waiting = s.getState().getWaiting();
              throw GtException.notFound(
                  "container "
                      + name
                      + " of pod "
                      + pod.getMetadata().getName()
                      + " has not started yet: "
                      + waiting.getReason()
                      + (waiting.getMessage() != null ? " (" + waiting.getMessage() + ")" : ""));
            });
  }

  private static boolean neverStarted(ContainerStatus status) {
    return status.getState() != null
        && status.getState().getWaiting() != null
        && status.getLastState() != null
        && status.getLastState().getTerminated() == null
        && status.getLastState().getRunning() == null
        && status.getState().getWaiting().getReason() != null;
  }
}
