package io.gastown.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.ExitCode;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.GtException;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The manifests of a rig's directory as Argo CD builds them: {@code kustomize build rigs/<rig>}. A kustomization
 * that only lists files (what kubectl gt writes) is built here, by reading those files in order, which is what
 * kustomize does with it; anything else (patches, generators, bases) goes through {@code kubectl kustomize}. A
 * directory without a kustomization is a plain directory of manifests, as in Argo CD.
 */
public final class RigBuild {
  static final Set<String> PLAIN_KEYS = Set.of("apiVersion", "kind", "resources");

  private RigBuild() {
  }

  public static List<JsonNode> build(Revision revision, String rig, GtEnvironment environment) {
    String directory = GitOpsLayout.rigDirectory(rig);
    String kustomization = GitOpsLayout.kustomization(rig);
    if (!revision.exists(kustomization)) {
      return plainDirectory(revision, directory);
    }
    List<String> resources = plainResources(revision, directory, kustomization);
    if (resources == null) {
      return kustomize(revision, directory, environment);
    }
    List<JsonNode> documents = new ArrayList<>();
    for (String resource : resources) {
      documents.addAll(read(revision, directory + "/" + resource));
    }
    return documents;
  }

  /**
   * The files a kustomization lists when it does nothing else (only apiVersion, kind and resources, each a file of
   * the directory); null when kustomize itself must build it.
   */
  static List<String> plainResources(Revision revision, String directory, String kustomization) {
    List<JsonNode> documents = read(revision, kustomization);
    if (documents.size() != 1) {
      return null;
    }
    JsonNode root = documents.get(0);
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      if (!PLAIN_KEYS.contains(names.next())) {
        return null;
      }
    }
    List<String> resources = new ArrayList<>();
    for (JsonNode resource : root.path("resources")) {
      String path = resource.asText("");
      if (path.isEmpty() || path.contains("..") || path.contains("://") || path.startsWith("/")
          || !revision.exists(directory + "/" + path)) {
        return null;
      }
      resources.add(path);
    }
    return resources;
  }

  private static List<JsonNode> plainDirectory(Revision revision, String directory) {
    List<JsonNode> documents = new ArrayList<>();
    for (String path : revision.files().keySet()) {
      String name = path.startsWith(directory + "/") ? path.substring(directory.length() + 1) : null;
      if (name != null && !name.contains("/") && name.matches(".*\\.(ya?ml|json)")) {
        documents.addAll(read(revision, path));
      }
    }
    return documents;
  }

  private static List<JsonNode> read(Revision revision, String path) {
    try {
      return Manifests.readAll(revision.text(path));
    } catch (UncheckedIOException e) {
      throw GtException.repo(path + " at " + revision.shortCommit() + " is not valid YAML ("
          + e.getCause().getMessage() + "): fix it in a new commit");
    }
  }

  private static List<JsonNode> kustomize(Revision revision, String directory, GtEnvironment environment) {
    Path kubectl = kubectl(environment, directory);
    Path checkout = null;
    try {
      checkout = Files.createTempDirectory("gt-dev-sync");
      revision.writeTo(checkout);
      Path out = checkout.resolve(".kustomize.out");
      Path err = checkout.resolve(".kustomize.err");
      Process process = new ProcessBuilder(kubectl.toString(), "kustomize", checkout.resolve(directory).toString())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw GtException.repo("kubectl kustomize " + directory + " took more than 120 s");
      }
      if (process.exitValue() != 0) {
        throw GtException.repo("kubectl kustomize " + directory + " at " + revision.shortCommit() + " failed: "
            + Files.readString(err, StandardCharsets.UTF_8).strip());
      }
      return Manifests.readAll(Files.readString(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GtException.repo("interrupted while building " + directory);
    } finally {
      deleteQuietly(checkout);
    }
  }

  /** $KUBECTL, else kubectl on PATH. */
  static Path kubectl(GtEnvironment environment, String directory) {
    String configured = environment.get("KUBECTL");
    if (configured != null) {
      return Path.of(configured);
    }
    String path = environment.get("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        Path candidate = Path.of(entry, "kubectl");
        if (!entry.isBlank() && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new GtException(ExitCode.REPO_ERROR, directory + "/" + GitOpsLayout.KUSTOMIZATION + " does more than list "
        + "files, so kustomize must build it: put kubectl on PATH, or set KUBECTL to a kubectl >= 1.27");
  }

  private static void deleteQuietly(Path directory) {
    if (directory == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary directory; the OS cleans it up eventually.
    }
  }
}
