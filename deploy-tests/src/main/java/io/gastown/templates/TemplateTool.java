package io.gastown.templates;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command line for the YAML templates (templates/validate.sh, templates/render.sh):
 * <pre>
 *   validate [--crds DIR] [--values FILE] [--set NAME=VALUE]... TEMPLATE...
 *   render   [--crds DIR] [--values FILE] [--set NAME=VALUE]... TEMPLATE
 *   vars     TEMPLATE...
 * </pre>
 * Exit codes: 0 fine, 1 problems found (every one is listed on stderr), 2 bad usage.
 */
public final class TemplateTool {
  private TemplateTool() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || !List.of("validate", "render", "vars").contains(args[0])) {
      err.println("usage: validate|render|vars [--crds DIR] [--values FILE] [--set NAME=VALUE]... TEMPLATE...");
      return 2;
    }
    String command = args[0];
    Path crds = Path.of("kustomize/base/crds");
    Map<String, String> values = new LinkedHashMap<>();
    List<Path> templates = new ArrayList<>();
    try {
      for (int i = 1; i < args.length; i++) {
        switch (args[i]) {
          case "--crds" -> crds = Path.of(requireValue(args, ++i, "--crds"));
          case "--set" -> put(values, requireValue(args, ++i, "--set"), "--set");
          case "--values" -> {
            for (String line : Files.readAllLines(Path.of(requireValue(args, ++i, "--values")))) {
              if (!line.isBlank() && !line.stripLeading().startsWith("#")) {
                put(values, line, "--values");
              }
            }
          }
          default -> templates.add(Path.of(args[i]));
        }
      }
      if (templates.isEmpty() || command.equals("render") && templates.size() != 1) {
        err.println(command + ": name " + (command.equals("render") ? "exactly one template" : "at least one template"));
        return 2;
      }
      if (command.equals("vars")) {
        for (Path template : templates) {
          out.println(template + ": " + String.join(" ", TemplateRenderer.variables(Files.readString(template))));
        }
        return 0;
      }
      TemplateValidator validator = new TemplateValidator(CrdSchemas.load(crds));
      boolean ok = true;
      for (Path template : templates) {
        TemplateValidator.Result result = validator.validate(template.toString(), Files.readString(template), values);
        for (String problem : result.problems()) {
          err.println(template + ": " + problem);
        }
        ok &= result.ok();
        if (result.ok() && command.equals("render")) {
          out.print(result.rendered());
        }
      }
      if (command.equals("validate")) {
        (ok ? out : err).println(ok ? "valid: " + templates.size() + " template(s)" : "invalid");
      }
      return ok ? 0 : 1;
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("cannot read " + e.getMessage());
      return 2;
    }
  }

  private static String requireValue(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  private static void put(Map<String, String> values, String assignment, String source) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException(source + ": expected NAME=VALUE, got '" + assignment + "'");
    }
    values.put(assignment.substring(0, eq).strip(), assignment.substring(eq + 1));
  }
}
