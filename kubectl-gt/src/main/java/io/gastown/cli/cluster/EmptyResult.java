package io.gastown.cli.cluster;

import io.gastown.cli.OutputFormat;

/**
 * kubectl's rule for an empty list: tables say "No ... found" on stderr; json/yaml print an empty
 * list.
 */
public final class EmptyResult {
  private EmptyResult() {}

  public static boolean reportOnStderr(OutputFormat format) {
    return format == OutputFormat.table || format == OutputFormat.wide;
  }
}
