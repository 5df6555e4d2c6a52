package io.gastown.cli;

/** Values of {@code -o/--output}. Commands that print data choose their default; table is for people. */
public enum OutputFormat {
  table, yaml, json
}
