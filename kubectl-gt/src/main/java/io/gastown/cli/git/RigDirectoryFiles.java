package io.gastown.cli.git;

import io.gastown.generate.RigFiles;
import io.gastown.render.GitOpsLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A rig directory on disk: a checkout's {@code rigs/<rig>/}, or the directory Argo CD hands its
 * plugin.
 */
public final class RigDirectoryFiles implements RigFiles {
  private final Path directory;

  private RigDirectoryFiles(Path directory) {
    this.directory = directory;
  }

  public static RigDirectoryFiles of(Path directory) {
    return new RigDirectoryFiles(directory);
  }

  @Override
  public boolean exists(String path) {
    return Files.isRegularFile(directory.resolve(path));
  }

  @Override
  public String read(String path) {
    try {
      return Files.readString(directory.resolve(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  @Override
  public List<String> layoutFiles() {
    List<String> files = new ArrayList<>();
    if (exists(GitOpsLayout.RIG_FILE)) {
      files.add(GitOpsLayout.RIG_FILE);
    }
    names(GitOpsLayout.CONVOYS).forEach(id -> files.add(GitOpsLayout.CONVOYS + "/" + id + ".yaml"));
    names(GitOpsLayout.POLECATS)
        .forEach(name -> files.add(GitOpsLayout.POLECATS + "/" + name + ".yaml"));
    return files;
  }

  /** Names of the {@code .yaml} files of a subdirectory, by file name; hidden files left out. */
  List<String> names(String subdirectory) {
    Path path = directory.resolve(subdirectory);
    if (!Files.isDirectory(path)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(path)) {
      return files
          .filter(Files::isRegularFile)
          .map(f -> f.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .sorted()
          .map(GitOpsLayout::nameOf)
          .flatMap(Optional::stream)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
