package io.gastown.cli.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Completes a command line the way cobra's {@code __complete} does: from the words before the
 * cursor and the word being typed, finds the command, then offers its subcommands, options, option
 * values or positional values. Values that live in the cluster (rigs, polecats, convoys,
 * namespaces, contexts) come from a {@link Lookup}.
 */
public final class Completer {
  /** cobra's ShellCompDirective bits. */
  public static final int DEFAULT = 0;

  public static final int NO_SPACE = 2;
  public static final int NO_FILE = 4;

  /**
   * Values from outside the command tree; every method may return an empty list (no cluster, no
   * permission).
   */
  public interface Lookup {
    List<String> contexts(Map<String, String> kubeFlags);

    List<String> namespaces(Map<String, String> kubeFlags);

    List<String> rigs(Map<String, String> kubeFlags);

    /** {@code <rig>/<name>} of the rig's polecats. */
    List<String> polecats(String rig, Map<String, String> kubeFlags);

    List<String> convoys(Map<String, String> kubeFlags);
  }

  /** A candidate with its description (may be empty), and the directive for the shell. */
  public record Result(List<String[]> candidates, int directive) {
    /** cobra's output: {@code value<TAB>description} lines, then {@code :directive}. */
    public String render() {
      StringBuilder out = new StringBuilder();
      for (String[] c : candidates) {
        out.append(c[0]);
        if (!c[1].isBlank()) {
          out.append('\t').append(c[1].replace('\n', ' '));
        }
        out.append('\n');
      }
      return out.append(':').append(directive).append('\n').toString();
    }
  }

  private final CommandLine root;
  private final Lookup lookup;

  public Completer(CommandLine root, Lookup lookup) {
    this.root = root;
    this.lookup = lookup;
  }

  /**
   * {@code args}: the words after the command name; the last is the one being completed (maybe
   * empty).
   */
  public Result complete(List<String> args) {
    List<String> words = args.isEmpty() ? List.of() : args.subList(0, args.size() - 1);
    String typed = args.isEmpty() ? "" : args.get(args.size() - 1);
    CommandSpec spec = root.getCommandSpec();
    Map<String, String> kubeFlags = new java.util.HashMap<>();
    OptionSpec pending = null;
    int positional = 0;
    for (String word : words) {
      if (pending != null) {
        kubeFlags.put(pending.longestName(), word);
        pending = null;
        continue;
      }
      if (word.startsWith("-") && word.length() > 1) {
        String name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
        OptionSpec option = spec.findOption(name);
        if (option != null && option.arity().min() > 0) {
          if (word.contains("=")) {
            kubeFlags.put(option.longestName(), word.substring(word.indexOf('=') + 1));
          } else {
            pending = option;
          }
        }
        continue;
      }
      CommandLine sub = positional == 0 ? spec.subcommands().get(word) : null;
      if (sub != null) {
        spec = sub.getCommandSpec();
        continue;
      }
      positional++;
    }
    if (pending != null) {
      return optionValues(pending, typed, kubeFlags);
    }
    if (typed.startsWith("-")) {
      return options(spec, typed);
    }
    List<String[]> candidates = new ArrayList<>();
    if (positional == 0) {
      spec.subcommands()
          .forEach(
              (name, sub) -> {
                CommandSpec s = sub.getCommandSpec();
                if (!s.usageMessage().hidden() && name.equals(s.name()) && name.startsWith(typed)) {
                  candidates.add(new String[] {name, first(s.usageMessage().description())});
                }
              });
    }
    int directive = NO_FILE;
    for (PositionalParamSpec p : spec.positionalParameters()) {
      if (p.index().contains(positional)) {
        Result values = positionalValues(p, typed, kubeFlags);
        candidates.addAll(values.candidates());
        directive = values.directive();
      }
    }
    return new Result(candidates, directive);
  }

  private Result options(CommandSpec spec, String typed) {
    List<String[]> candidates = new ArrayList<>();
    for (OptionSpec option : spec.options()) {
      if (option.hidden()) {
        continue;
      }
      for (String name : option.names()) {
        if (name.startsWith(typed)) {
          candidates.add(new String[] {name, first(option.description())});
        }
      }
    }
    return new Result(candidates, NO_FILE);
  }

  private Result optionValues(OptionSpec option, String typed, Map<String, String> kubeFlags) {
    String name = option.longestName();
    List<String> values =
        switch (name) {
          case "--context" -> lookup.contexts(kubeFlags);
          case "--namespace" -> lookup.namespaces(kubeFlags);
          case "--rig" -> lookup.rigs(kubeFlags);
          default -> null;
        };
    if (values == null && option.completionCandidates() != null) {
      values = new ArrayList<>();
      option.completionCandidates().forEach(values::add);
    }
    if (values == null) {
      return new Result(List.of(), isPath(option) ? DEFAULT : NO_FILE);
    }
    return new Result(matching(values, typed, v -> ""), NO_FILE);
  }

  private Result positionalValues(
      PositionalParamSpec p, String typed, Map<String, String> kubeFlags) {
    String label = p.paramLabel();
    if (p.completionCandidates() != null) {
      List<String> values = new ArrayList<>();
      p.completionCandidates().forEach(values::add);
      return new Result(matching(values, typed, v -> ""), NO_FILE);
    }
    switch (label) {
      case "RIG":
        return new Result(matching(lookup.rigs(kubeFlags), typed, v -> "rig"), NO_FILE);
      case "RIG/NAME":
        if (typed.contains("/")) {
          String rig = typed.substring(0, typed.indexOf('/'));
          return new Result(
              matching(lookup.polecats(rig, kubeFlags), typed, v -> "polecat"), NO_FILE);
        }
        return new Result(
            matching(lookup.rigs(kubeFlags).stream().map(r -> r + "/").toList(), typed, v -> "rig"),
            NO_FILE | NO_SPACE);
      case "CONVOY":
        return new Result(matching(lookup.convoys(kubeFlags), typed, v -> "convoy"), NO_FILE);
      default:
        return new Result(List.of(), isPath(p) ? DEFAULT : NO_FILE);
    }
  }

  /** A file argument (also a list of them): the shell completes file names. */
  private static boolean isPath(ArgSpec arg) {
    List<Class<?>> types = new ArrayList<>(List.of(arg.auxiliaryTypes()));
    types.add(arg.type());
    return types.contains(java.nio.file.Path.class) || types.contains(java.io.File.class);
  }

  private static List<String[]> matching(
      List<String> values, String typed, Function<String, String> description) {
    return values.stream()
        .filter(v -> v.startsWith(typed))
        .sorted()
        .distinct()
        .map(v -> new String[] {v, description.apply(v)})
        .toList();
  }

  private static String first(String[] lines) {
    return lines == null || lines.length == 0 ? "" : lines[0];
  }
}
