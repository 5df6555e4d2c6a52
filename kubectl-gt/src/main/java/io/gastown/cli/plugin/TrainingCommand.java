package io.gastown.cli.plugin;

import io.gastown.cli.GtEnvironment;
import io.gastown.cli.GtSubcommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kubectl-gt __cds-training DIR}: runs the common commands once, in this JVM, inside DIR (a
 * throw-away GitOps repository, and a kubeconfig whose apiserver does not answer), so that the
 * install script can record every class they load into one class-data archive ({@code
 * -XX:ArchiveClassesAtExit}): the write path (JGit, rendering) and the read path (kubeconfig,
 * fabric8 client, the fallback to the repository, every output format). Touches nothing outside
 * DIR. Hidden from help.
 */
@Command(
    name = "__cds-training",
    hidden = true,
    description =
        "Run the common commands in DIR once, for the class-data archive made at install time.")
public class TrainingCommand extends GtSubcommand {
  static final String AUTHOR = "--author=kubectl-gt installer <installer@localhost>";

  @Parameters(index = "0", paramLabel = "DIR", description = "An empty directory to work in.")
  Path dir;

  @Override
  protected int run() throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path repo = dir.resolve("gitops");
    Path kubeconfig =
        Files.writeString(
            dir.resolve("kubeconfig"),
            """
        apiVersion: v1
        kind: Config
        clusters:
        - name: none
          cluster:
            server: https://127.0.0.1:1
        users:
        - name: none
          user:
            token: training
        contexts:
        - name: none
          context: {cluster: none, user: none, namespace: gt-train}
        current-context: none
        """);
    GtEnvironment environment = GtEnvironment.of(Map.of("KUBECONFIG", kubeconfig.toString()), home);
    List<List<String>> commands =
        List.of(
            List.of("init"),
            List.of(
                "rig",
                "create",
                "train",
                "--git-url",
                "git@example.com:train/train.git",
                "--prefix",
                "tr"),
            List.of("sling", "tr-1", "train"),
            List.of("convoy", "create", "training", "tr-2", "tr-3", "--rig", "train"),
            List.of("render", "train"),
            List.of("rig", "list"),
            List.of("rig", "status", "train", "-o", "yaml"),
            List.of("polecat", "list", "train", "-o", "wide"),
            List.of("polecat", "list", "-A", "-o", "json"),
            List.of("convoy", "list", "-A"),
            List.of("auth", "status"),
            List.of("version"),
            List.of("polecat", "--help"));
    List<String> failed = new ArrayList<>();
    for (List<String> command : commands) {
      List<String> args = new ArrayList<>(command);
      args.addAll(List.of("--repo", repo.toString(), AUTHOR));
      if (command.contains("--help") || command.equals(List.of("version"))) {
        args = new ArrayList<>(command);
      }
      CommandLine commandLine = newTree(environment);
      commandLine.setOut(new PrintWriter(Writer.nullWriter()));
      commandLine.setErr(new PrintWriter(Writer.nullWriter()));
      int exit = commandLine.execute(args.toArray(String[]::new));
      if (exit != 0 && !command.get(0).equals("auth")) {
        failed.add(String.join(" ", command) + " (exit " + exit + ")");
      }
    }
    if (!failed.isEmpty()) {
      err()
          .println(
              "training: some commands failed (the archive still helps): "
                  + String.join(", ", failed));
    }
    return 0;
  }
}
