package io.gastown.generate;

import java.util.List;

/**
 * The files of one rig directory ({@code rigs/<rig>/} of the GitOps repository), as Argo CD hands
 * it to the plugin and as {@code kubectl gt render} reads it. Paths are relative to the rig
 * directory and use '/'.
 */
public interface RigFiles {
  boolean exists(String path);

  /** The file's text (UTF-8). */
  String read(String path);

  /**
   * The files of the layout that exist ({@code rig.yaml}, {@code convoys/*.yaml}, {@code
   * polecats/*.yaml}), in the order the rig's kustomization lists them.
   */
  List<String> layoutFiles();
}
