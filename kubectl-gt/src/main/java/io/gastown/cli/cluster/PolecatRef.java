package io.gastown.cli.cluster;

import io.gastown.cli.GtException;

/** A polecat named as {@code <rig>/<name>} on the command line. */
public record PolecatRef(String rig, String name) {
  public static PolecatRef parse(String text) {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
      throw GtException.invalid(
          "'"
              + text
              + "' is not RIG/NAME; name the polecat with its rig, e.g. my-rig/furiosa"
              + " (kubectl gt polecat list shows them)");
    }
    return new PolecatRef(text.substring(0, slash), text.substring(slash + 1));
  }

  @Override
  public String toString() {
    return rig + "/" + name;
  }
}
