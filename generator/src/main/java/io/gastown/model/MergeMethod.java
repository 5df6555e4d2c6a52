package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a Refinery lands a work branch on its target. */
public enum MergeMethod {
  /** Replays the branch's commits on the target head: a linear history. */
  REBASE("rebase"),
  /** Records a merge commit of the branch into the target head. */
  MERGE("merge");

  private final String value;

  MergeMethod(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static MergeMethod fromValue(String value) {
    for (MergeMethod method : values()) {
      if (method.value.equals(value)) {
        return method;
      }
    }
    throw new IllegalArgumentException("unknown merge method '" + value + "': use rebase or merge");
  }
}
