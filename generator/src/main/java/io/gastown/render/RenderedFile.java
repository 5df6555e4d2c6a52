package io.gastown.render;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One file of the GitOps repository: its path relative to the repository root and its exact bytes.
 */
public record RenderedFile(String path, byte[] content) {

  public static RenderedFile of(String path, String text) {
    return new RenderedFile(path, text.getBytes(StandardCharsets.UTF_8));
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RenderedFile file
        && path.equals(file.path)
        && Arrays.equals(content, file.content);
  }

  @Override
  public int hashCode() {
    return 31 * path.hashCode() + Arrays.hashCode(content);
  }

  @Override
  public String toString() {
    return path + " (" + content.length + " bytes)";
  }
}
