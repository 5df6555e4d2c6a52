package io.gastown.cli.polecat;

import io.gastown.cli.GtException;
import io.gastown.cli.Inputs;
import io.gastown.model.NamepoolTheme;
import picocli.CommandLine.Option;

/** How a new polecat is named: {@code sling}, {@code polecat rerun}. */
public class NameOptions {
  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The new polecat's name (instead of a themed one).")
  String name;

  @Option(
      names = "--theme",
      paramLabel = "THEME",
      description =
          "Name pool: mad-max, minerals or wasteland. Default: the rig's namepoolTheme, else mad-max.")
  String theme;

  /** The name asked for, checked, or null for a themed one. */
  String name() {
    if (name != null) {
      Inputs.polecatName(name, "--name");
    }
    return name;
  }

  /** The name pool asked for, checked, or null for the rig's; never given with {@code --name}. */
  NamepoolTheme theme() {
    NamepoolTheme chosen = Inputs.theme(theme, "--theme");
    if (name != null && theme != null) {
      throw GtException.invalid("--name and --theme both choose the name: give one of them");
    }
    return chosen;
  }
}
