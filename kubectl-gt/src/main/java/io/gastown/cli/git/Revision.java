package io.gastown.cli.git;

import org.eclipse.jgit.lib.ObjectId;

/**
 * A commit of the GitOps repository as the user named it ({@code --from v1}, {@code HEAD~2}, a
 * short SHA) and what it resolved to.
 */
public record Revision(String given, ObjectId commit) {
  /** The commit's abbreviated SHA (7 digits), as git log --oneline shows it. */
  public String abbreviated() {
    return commit.abbreviate(7).name();
  }

  /** {@code 1a2b3c4}, or {@code v1 (1a2b3c4)} when the user named it otherwise. */
  @Override
  public String toString() {
    return commit.name().startsWith(given.toLowerCase(java.util.Locale.ROOT))
        ? abbreviated()
        : given + " (" + abbreviated() + ")";
  }
}
