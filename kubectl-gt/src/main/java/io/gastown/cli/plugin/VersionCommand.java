package io.gastown.cli.plugin;

import io.gastown.cli.GtCommand;
import io.gastown.cli.GtSubcommand;
import io.gastown.cli.OutputFormat;
import io.gastown.model.Serialization;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code kubectl gt version}. Reads nothing but the jar. */
@Command(
    name = "version",
    mixinStandardHelpOptions = true,
    description = "Print the version of kubectl-gt and of the Java runtime it runs on.",
    footerHeading = "%nExamples:%n",
    footer = {"  kubectl gt version", "  kubectl gt version -o json"})
public class VersionCommand extends GtSubcommand {
  @Override
  protected int run() {
    Map<String, String> version = new LinkedHashMap<>();
    version.put("version", GtCommand.Version.version());
    version.put(
        "java", System.getProperty("java.runtime.version", System.getProperty("java.version")));
    version.put("javaVendor", System.getProperty("java.vendor", "unknown"));
    OutputFormat format = global().output(OutputFormat.table);
    switch (format) {
      case json -> out().println(Serialization.toJson(version));
      case yaml -> out().print(Serialization.toYaml(version));
      default -> {
        out().println("kubectl-gt " + version.get("version"));
        out().println("Java: " + version.get("java") + " (" + version.get("javaVendor") + ")");
      }
    }
    return 0;
  }
}
