package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Themed name pools for polecats. */
public enum NamepoolTheme {
  @JsonProperty("mad-max")
  MAD_MAX("mad-max"),
  @JsonProperty("minerals")
  MINERALS("minerals"),
  @JsonProperty("wasteland")
  WASTELAND("wasteland");

  private final String value;

  NamepoolTheme(String value) {
    this.value = value;
  }

  @JsonValue
  public String value() {
    return value;
  }

  @JsonCreator
  public static NamepoolTheme fromValue(String value) {
    for (NamepoolTheme theme : values()) {
      if (theme.value.equals(value)) {
        return theme;
      }
    }
    throw new IllegalArgumentException(
        "unknown theme '" + value + "': use one of mad-max, minerals, wasteland");
  }

  @Override
  public String toString() {
    return value;
  }
}
