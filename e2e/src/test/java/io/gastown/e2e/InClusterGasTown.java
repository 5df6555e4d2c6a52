package io.gastown.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.expand.PlatformConfig;
import io.gastown.testing.LocalImages;
import io.gastown.testing.LocalNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Gas Town as it is installed on a cluster with a node, the way {@code docs/operations.md} says:
 * the system and agent images imported into the node's containerd (built by {@code hack/images.sh},
 * no registry), then {@code kustomize/overlays/dev-in-cluster} with a fresh dev CA ({@code
 * hack/dev-certs.sh}) built with the project's kustomize and applied server-side: the webhook and
 * the status reporter run as the Deployments of the base, as their ServiceAccounts, and the
 * apiserver calls the webhook through its Service.
 */
final class InClusterGasTown {
  static final String SYSTEM_NAMESPACE = "gastown-system";
  static final String OVERLAY = "kustomize/overlays/dev-in-cluster";
  static final List<String> DEPLOYMENTS = List.of("gastown-webhook", "gastown-status-reporter");

  private InClusterGasTown() {}

  /**
   * Imports the images, applies the overlay and waits for both Deployments to be available; the
   * applied objects.
   */
  static List<HasMetadata> deploy(
      Path root, KubernetesClient admin, LocalNode node, Path work, Duration timeout)
      throws Exception {
    List<String> manifests = build(root, work);
    String yaml = String.join("\n---\n", manifests);
    importImages(node, images(yaml));
    List<HasMetadata> applied =
        admin
            .resourceList(yaml)
            .fieldManager("gastown-e2e-install")
            .forceConflicts()
            .serverSideApply();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (String name : DEPLOYMENTS) {
      while (!available(
          admin.apps().deployments().inNamespace(SYSTEM_NAMESPACE).withName(name).get())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "deployment "
                  + SYSTEM_NAMESPACE
                  + "/"
                  + name
                  + " not available after "
                  + timeout.toSeconds()
                  + " s; its pods: "
                  + podsAndLogTails(admin));
        }
        Thread.sleep(200);
      }
    }
    return applied;
  }

  /** Each system pod's phase and readiness, and the last lines of its log. */
  static String podsAndLogTails(KubernetesClient admin) {
    StringBuilder text = new StringBuilder();
    for (var pod : admin.pods().inNamespace(SYSTEM_NAMESPACE).list().getItems()) {
      text.append("\n")
          .append(pod.getMetadata().getName())
          .append(' ')
          .append(pod.getStatus().getPhase())
          .append(
              pod.getStatus().getConditions().stream()
                  .filter(c -> c.getType().equals("Ready"))
                  .map(c -> " Ready=" + c.getStatus())
                  .findFirst()
                  .orElse(""));
      try {
        text.append("\n  ")
            .append(
                String.join(
                    "\n  ",
                    admin
                        .pods()
                        .resource(pod)
                        .tailingLines(8)
                        .getLog()
                        .lines()
                        .map(l -> l.length() > 300 ? l.substring(0, 300) + "..." : l)
                        .toList()));
      } catch (RuntimeException e) {
        text.append(" (no log: ").append(e.getMessage()).append(')');
      }
    }
    return text.toString();
  }

  private static boolean available(Deployment deployment) {
    return deployment != null
        && deployment.getStatus() != null
        && deployment.getStatus().getAvailableReplicas() != null
        && deployment.getStatus().getAvailableReplicas() >= 1
        && deployment.getStatus().getUpdatedReplicas() != null
        && deployment.getStatus().getUpdatedReplicas() >= 1;
  }

  /**
   * {@code kustomize build} of the overlay in a copy of kustomize/ whose dev-ca component got fresh
   * certificates from hack/dev-certs.sh (the checked-in tree is never written to).
   */
  private static List<String> build(Path root, Path work) throws Exception {
    Path copy = work.resolve("kustomize");
    copyTree(root.resolve("kustomize"), copy);
    run(
        List.of(
            "bash",
            root.resolve("hack/dev-certs.sh").toString(),
            copy.resolve("components/dev-ca/certs").toString()),
        Map.of("FORCE", "1"));
    String kustomizeDir =
        run(List.of("bash", root.resolve("hack/kustomize.sh").toString()), Map.of()).strip();
    String built =
        run(
            List.of(
                Path.of(kustomizeDir, "kustomize").toString(),
                "build",
                copy.getParent().resolve(OVERLAY).toString()),
            Map.of());
    return List.of(built);
  }

  /**
   * The images the overlay's Deployments run, and the polecat agent image of the platform config.
   */
  private static List<String> images(String yaml) {
    List<String> images = new ArrayList<>();
    for (String line : yaml.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("image: ")) {
        String image = trimmed.substring("image: ".length()).strip();
        if (!images.contains(image)) {
          images.add(image);
        }
      }
    }
    images.add(PlatformConfig.DEFAULT_IMAGE);
    return images;
  }

  /** Imports each image from hack/images.sh's cache. */
  static void importImages(LocalNode node, List<String> references) {
    LocalImages images = LocalImages.locate();
    for (String reference : references) {
      node.importImage(images.tarball(reference));
    }
  }

  private static String run(List<String> command, Map<String, String> environment)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.redirectErrorStream(false);
    Process process = builder.start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new AssertionError(String.join(" ", command) + " failed:\n" + out + err);
    }
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else if (!path.toString().contains("/certs/")) {
          Files.copy(path, target);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
