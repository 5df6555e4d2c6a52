package io.gastown.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a command reads from its surroundings, injectable so tests run commands in-process without
 * touching the user's home or environment.
 */
public record GtEnvironment(Map<String, String> variables, Path home) {
  public static final String GITOPS_REPO = "GT_GITOPS_REPO";

  public static GtEnvironment system() {
    return new GtEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  public static GtEnvironment of(Map<String, String> variables, Path home) {
    return new GtEnvironment(Map.copyOf(variables), home);
  }

  public String get(String name) {
    String value = variables.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
