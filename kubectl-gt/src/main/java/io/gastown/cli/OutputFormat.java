package io.gastown.cli;

/**
 * Values of {@code -o/--output}. Commands that print data choose their default; table is for
 * people, wide is a table with more columns, name prints {@code <kind>.<group>/<name>} per object
 * (as kubectl does).
 */
public enum OutputFormat {
  table,
  wide,
  yaml,
  json,
  name
}
