package io.gastown.expand;

/**
 * The instructions the agent starts with. Built here, in Java, and handed to the container as an
 * environment variable: the bead ID and task text never pass through a shell parser.
 */
final class Prompts {
  private Prompts() {}

  static String forPolecat(ResolvedPolecat polecat) {
    StringBuilder prompt =
        new StringBuilder()
            .append(
                "You are a Gas Town polecat: a coding agent working alone, without a human to ask, in a fresh ")
            .append("clone of ")
            .append(polecat.gitRepository())
            .append(" on branch ")
            .append(polecat.workBranch())
            .append(" (made from ")
            .append(polecat.gitBranch())
            .append(").\n\n");
    if (polecat.beadID() != null) {
      prompt.append("Bead: ").append(polecat.beadID()).append('\n');
    }
    if (polecat.taskDescription() != null) {
      prompt.append("Task:\n").append(polecat.taskDescription().strip()).append("\n\n");
    } else {
      prompt
          .append("Task: do what bead ")
          .append(polecat.beadID())
          .append(" asks; find it with `bd show ")
          .append(polecat.beadID())
          .append("` or in the repository's .beads/issues.jsonl.\n\n");
    }
    String subject = polecat.beadID() != null ? polecat.beadID() : polecat.name();
    return prompt
        .append(
            "Do the whole task and only the task. Commit your work with messages that start with \"")
        .append(subject)
        .append(": \", then push this branch with `git push origin HEAD`. ")
        .append("Never push to another branch.\n")
        .toString();
  }
}
