package io.gastown.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a merge run's output (refinery-merge.sh prints one JSON line per branch): what
 * happened to a work branch. Also the {@value #CONDITION} condition a polecat gets from it. The one
 * home of that output's format: the status reporter and the tests of the script read it here.
 *
 * @param result {@value #MERGED}, {@value #ALREADY_MERGED}, {@value #FAILED} or {@value #SKIPPED}
 * @param commit the target's commit after the merge ({@code merged}, {@code already-merged})
 * @param reason why it failed or was skipped
 */
public record MergeResult(String branch, String result, String commit, String reason) {
  public static final String MERGED = "merged";
  public static final String ALREADY_MERGED = "already-merged";
  public static final String FAILED = "failed";
  public static final String SKIPPED = "skipped";

  /** The Polecat condition a merge run sets: True once its branch is in the target. */
  public static final String CONDITION = "Merged";

  public static final String REASON_MERGED = "MergeComplete";
  public static final String REASON_ALREADY_MERGED = "AlreadyMerged";

  /** The branch conflicts with the target: final for this polecat (rerun it on the new target). */
  public static final String REASON_CONFLICT = "MergeConflict";

  /** The test command failed on the branch: final for this polecat. */
  public static final String REASON_TEST_FAILED = "TestFailed";

  /** Anything else (fetch or push failed): the next run tries the branch again. */
  public static final String REASON_FAILED = "MergeFailed";

  /** The result lines of a run's output; other lines (progress, a truncated last line) skipped. */
  public static List<MergeResult> parse(String output) {
    List<MergeResult> results = new ArrayList<>();
    if (output == null) {
      return results;
    }
    for (String line : output.lines().toList()) {
      if (!line.startsWith("{\"branch\":")) {
        continue;
      }
      try {
        JsonNode node = Serialization.jsonMapper().readTree(line);
        results.add(
            new MergeResult(
                node.path("branch").asText(),
                node.path("result").asText(),
                node.hasNonNull("commit") ? node.get("commit").asText() : null,
                node.hasNonNull("reason") ? node.get("reason").asText() : null));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        // a line cut short: the next run reports that branch again
      }
    }
    return results;
  }

  public boolean landed() {
    return MERGED.equals(result) || ALREADY_MERGED.equals(result);
  }

  public boolean failed() {
    return FAILED.equals(result);
  }

  /**
   * The reason of the polecat's {@value #CONDITION} condition, or null for a branch the run left
   * for later. The failure reasons are told apart by the script's wording.
   */
  public String conditionReason() {
    return switch (result) {
      case MERGED -> REASON_MERGED;
      case ALREADY_MERGED -> REASON_ALREADY_MERGED;
      case FAILED ->
          reason != null && reason.startsWith("conflicts with ")
              ? REASON_CONFLICT
              : reason != null && reason.startsWith("test command failed")
                  ? REASON_TEST_FAILED
                  : REASON_FAILED;
      default -> null;
    };
  }

  /** Whether a polecat with this condition reason is out of the queue for good. */
  public static boolean settles(String conditionReason) {
    return REASON_MERGED.equals(conditionReason)
        || REASON_ALREADY_MERGED.equals(conditionReason)
        || REASON_CONFLICT.equals(conditionReason)
        || REASON_TEST_FAILED.equals(conditionReason);
  }
}
