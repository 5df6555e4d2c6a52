package io.gastown.cli.cluster;

import picocli.CommandLine.Option;

/** {@code --no-headers} for list commands (table and wide output). */
public class ListOptions {
  @Option(names = "--no-headers", description = "Print table rows without the header line.")
  boolean noHeaders;

  public boolean noHeaders() {
    return noHeaders;
  }
}
