package io.gastown.deploy;

import io.gastown.testing.Golden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** Small helpers for built manifests: find objects, read nested fields, walk every key. */
final class Manifests {
  private Manifests() {}

  static Path root() {
    return Golden.root();
  }

  static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.get("kind")) && name.equals(get(o, "metadata.name")))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no "
                        + kind
                        + " "
                        + name
                        + " in the output; kinds there: "
                        + objects.stream()
                            .map(o -> o.get("kind") + "/" + get(o, "metadata.name"))
                            .toList()));
  }

  static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  /**
   * A nested field by dotted path; list elements by index ("spec.webhooks.0.name"). Null when
   * absent.
   */
  static Object get(Object node, String path) {
    Object current = node;
    for (String part : path.split("\\.")) {
      if (current instanceof Map<?, ?> map) {
        current = map.get(part);
      } else if (current instanceof List<?> list && part.matches("\\d+")) {
        int i = Integer.parseInt(part);
        current = i < list.size() ? list.get(i) : null;
      } else {
        return null;
      }
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String path) {
    return (Map<String, Object>) get(node, path);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object node, String path) {
    Object value = get(node, path);
    return value == null ? List.of() : (List<Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object node, String path) {
    return (List<Map<String, Object>>) (List<?>) list(node, path);
  }

  /** Calls {@code visitor} with (path, value) for every map entry anywhere below {@code node}. */
  static void walk(Object node, String path, BiConsumer<String, Object> visitor) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String child = path.isEmpty() ? e.getKey().toString() : path + "." + e.getKey();
        visitor.accept(child, e.getValue());
        walk(e.getValue(), child, visitor);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "." + i, visitor);
      }
    }
  }

  /** Every key path (kind/name: path) whose last segment is {@code key}. */
  static List<String> pathsOfKey(List<Map<String, Object>> objects, String key) {
    List<String> found = new ArrayList<>();
    for (Map<String, Object> object : objects) {
      walk(
          object,
          "",
          (path, value) -> {
            if (path.equals(key) || path.endsWith("." + key)) {
              found.add(
                  object.get("kind")
                      + "/"
                      + get(object, "metadata.name")
                      + ": "
                      + path
                      + "="
                      + value);
            }
          });
    }
    return found;
  }

  /** Copies a directory tree (for building the dev overlay with generated certificates). */
  static void copyTree(Path from, Path to) {
    try {
      Files.walkFileTree(
          from,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              Files.createDirectories(to.resolve(from.relativize(dir).toString()));
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.copy(file, to.resolve(from.relativize(file).toString()));
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
