package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** The coding agent a polecat runs. */
public enum Agent {
  @JsonProperty("claude-code")
  CLAUDE_CODE("claude-code"),
  @JsonProperty("opencode")
  OPENCODE("opencode"),
  @JsonProperty("aider")
  AIDER("aider"),
  @JsonProperty("custom")
  CUSTOM("custom");

  private final String value;

  Agent(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static Agent fromValue(String value) {
    for (Agent agent : values()) {
      if (agent.value.equals(value)) {
        return agent;
      }
    }
    throw new IllegalArgumentException(
        "unknown agent '" + value + "': use one of claude-code, opencode, aider, custom");
  }

  @Override
  public String toString() {
    return value;
  }
}
