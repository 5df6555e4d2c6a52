package io.gastown.validation;

/**
 * One reason an object is invalid: the field path (e.g. {@code spec.kubernetes.gitBranch}), the
 * offending value as text (null when the field is missing) and the rule it breaks, in words a user
 * can act on.
 */
public record Violation(String path, String value, String rule) {

  @Override
  public String toString() {
    return value == null ? path + ": " + rule : path + ": " + rule + " (got " + value + ")";
  }
}
