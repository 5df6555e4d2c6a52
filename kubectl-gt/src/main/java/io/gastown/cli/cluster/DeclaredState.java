package io.gastown.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;
import io.gastown.model.Convoy;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the GitOps repository declares: the Rigs, Polecats and Convoys in {@code rigs/<rig>/}
 * (rig.yaml, polecats/*.yaml, convoys/*.yaml), read from the working tree. Shown when there is no
 * cluster to ask; these objects have no status.
 */
public final class DeclaredState {
  private final Path root;

  public DeclaredState(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public List<Rig> rigs() {
    return read("rig.yaml", Rig.class);
  }

  public List<Polecat> polecats() {
    return read("polecats", Polecat.class);
  }

  public List<Convoy> convoys() {
    return read("convoys", Convoy.class);
  }

  public List<Refinery> refineries() {
    return read(GitOpsLayout.REFINERY_FILE, Refinery.class);
  }

  /** Objects of one kind from rigs/*&#47;{@code place} (a file, or a directory of *.yaml files). */
  private <T extends HasMetadata> List<T> read(String place, Class<T> type) {
    Path rigs = root.resolve("rigs");
    if (!Files.isDirectory(rigs)) {
      return List.of();
    }
    String kind = type.getSimpleName();
    List<T> found = new ArrayList<>();
    for (Path file : files(rigs, place)) {
      for (JsonNode document : documents(file)) {
        if (kind.equals(document.path("kind").asText())) {
          try {
            found.add(Serialization.yamlMapper().treeToValue(document, type));
          } catch (IOException e) {
            throw new GtException(
                ExitCode.REPO_ERROR,
                root.relativize(file) + ": not a valid " + kind + ": " + e.getMessage(),
                e);
          }
        }
      }
    }
    return found;
  }

  private static List<Path> files(Path rigs, String place) {
    try (Stream<Path> dirs = Files.list(rigs)) {
      List<Path> files = new ArrayList<>();
      for (Path rig : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path target = rig.resolve(place);
        if (Files.isRegularFile(target)) {
          files.add(target);
        } else if (Files.isDirectory(target)) {
          try (Stream<Path> yaml = Files.list(target)) {
            yaml.filter(p -> p.getFileName().toString().endsWith(".yaml"))
                .sorted()
                .forEach(files::add);
          }
        }
      }
      return files;
    } catch (IOException e) {
      throw new GtException(ExitCode.REPO_ERROR, "cannot read " + rigs + ": " + e.getMessage(), e);
    }
  }

  private List<JsonNode> documents(Path file) {
    try (MappingIterator<JsonNode> docs =
        Serialization.yamlMapper().readerFor(JsonNode.class).readValues(file.toFile())) {
      List<JsonNode> list = new ArrayList<>();
      while (docs.hasNext()) {
        JsonNode node = docs.next();
        if (node != null && node.isObject()) {
          list.add(node);
        }
      }
      return list;
    } catch (IOException e) {
      throw new GtException(
          ExitCode.REPO_ERROR, root.relativize(file) + " is not valid YAML: " + e.getMessage(), e);
    }
  }
}
