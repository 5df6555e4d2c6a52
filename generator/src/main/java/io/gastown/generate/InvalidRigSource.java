package io.gastown.generate;

import java.util.List;

/**
 * A rig directory the generator cannot turn into manifests: every problem names the file, the field
 * and the fix. Nothing of the rig is generated, so Argo CD neither syncs nor prunes anything of it
 * until git is fixed.
 */
public final class InvalidRigSource extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<String> problems;

  InvalidRigSource(String directory, List<String> problems) {
    super(
        directory
            + " is not generated (nothing of it is synced or pruned until this is fixed in git):\n"
            + String.join("\n", problems),
        null,
        false,
        false);
    this.problems = List.copyOf(problems);
  }

  /** One sentence per problem: file, field, what is wrong and the fix. */
  public List<String> problems() {
    return problems;
  }
}
