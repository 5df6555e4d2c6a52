package io.gastown.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gastown.cli.cluster.ArgoCdRefresh;
import io.gastown.cli.git.Changes;
import io.gastown.cli.git.GitOpsRepository;
import io.gastown.cli.git.Plan;
import io.gastown.cli.git.Planner;
import io.gastown.cli.git.WriteResult;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import io.gastown.render.RenderedFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine.Mixin;

/**
 * A command that writes the GitOps repository: plan on the current content, then commit (and push
 * unless {@code --no-push}), or with {@code --dry-run} only print ({@link WriteOptions}).
 * Subclasses supply the planner and the sentence that reports the result.
 */
public abstract class WriteCommand<R> extends GtSubcommand {
  /** The planner: reads the repository, validates, renders. Runs again after a rejected push. */
  protected abstract Planner<R> planner();

  /** One line for people, e.g. "Polecat furiosa slung to rig shop for bead sh-1". */
  protected abstract String summary(R result);

  @Mixin protected WriteOptions write = new WriteOptions();

  @Override
  protected int run() throws Exception {
    Planner<R> planner = planner(); // checks the command line before the repository is touched
    Path location = RepositoryLocation.resolve(global(), environment());
    try (GitOpsRepository repository = GitOpsRepository.open(location, environment())) {
      if (write.dryRun()) {
        Plan<R> plan = repository.preview(planner);
        OutputFormat format = global().output(OutputFormat.yaml);
        List<Extra> extras = dryRunExtras(plan, format);
        printManifests(plan.changes().writes(), format, extras);
        err().println("dry run: " + summary(plan.result()) + " (nothing written)");
        return ExitCode.OK;
      }
      PersonIdent author = Authors.resolve(global().author(), repository.git().getRepository());
      WriteResult<R> result = repository.write(planner, author, write.push());
      int reported = report(result);
      if (write
          .push()) { // pushed, or no remote (Argo CD may read this repository itself); --no-push
        // tells nobody
        ArgoCdRefresh.refresh(environment(), rigsOf(result.plan().changes()))
            .forEach(warning -> err().println("warning: " + warning));
      }
      return reported != ExitCode.OK ? reported : afterWrite(result);
    }
  }

  /** The rigs whose directories the changes touch. */
  static SortedSet<String> rigsOf(Changes changes) {
    SortedSet<String> rigs = new TreeSet<>();
    changes.writes().forEach(file -> GitOpsLayout.rigOf(file.path()).ifPresent(rigs::add));
    changes.deletes().forEach(path -> GitOpsLayout.rigOf(path).ifPresent(rigs::add));
    return rigs;
  }

  /**
   * More documents a dry run prints after the manifests (e.g. sling --expanded: the expanded Pod).
   */
  protected List<Extra> dryRunExtras(Plan<R> plan, OutputFormat format) {
    return List.of();
  }

  /** One more document of a dry run, with the comment line that introduces it in YAML. */
  public record Extra(String comment, JsonNode document) {}

  /**
   * A hook for commands that do more after a successful write (e.g. wait for the cluster); returns
   * the exit code.
   */
  protected int afterWrite(WriteResult<R> result) {
    return ExitCode.OK;
  }

  protected int report(WriteResult<R> result) {
    OutputFormat format = global().output(OutputFormat.table);
    if (format == OutputFormat.yaml || format == OutputFormat.json) {
      printManifests(result.plan().changes().writes(), format);
      return ExitCode.OK;
    }
    String where =
        result.pushedTo() != null
            ? ", pushed to " + result.pushedTo()
            : write.push() ? " (no remote: committed only)" : " (not pushed: --no-push)";
    out().println(summary(result.plan().result()) + ".");
    out()
        .println(
            "Committed "
                + result.commit()
                + where
                + (result.attempts() > 1 ? " after " + result.attempts() + " attempts" : "")
                + ".");
    return ExitCode.OK;
  }

  /**
   * The manifests among the files (kustomizations and READMEs left out), as YAML documents or a
   * JSON List.
   */
  protected void printManifests(List<RenderedFile> files, OutputFormat format) {
    printManifests(files, format, List.of());
  }

  private void printManifests(List<RenderedFile> files, OutputFormat format, List<Extra> extras) {
    List<RenderedFile> manifests =
        files.stream()
            .filter(
                f ->
                    f.path().endsWith(".yaml")
                        && !f.path().endsWith("/" + GitOpsLayout.KUSTOMIZATION))
            .toList();
    if (format == OutputFormat.json) {
      List<JsonNode> documents = new ArrayList<>();
      manifests.forEach(file -> documents.addAll(Manifests.readAll(file.text())));
      extras.forEach(extra -> documents.add(extra.document()));
      out().println(Serialization.toJson(asList(documents)));
      return;
    }
    StringBuilder text = new StringBuilder();
    for (RenderedFile file : manifests) {
      text.append("---\n# ").append(file.path()).append('\n').append(file.text());
    }
    for (Extra extra : extras) {
      text.append("---\n# ")
          .append(extra.comment())
          .append('\n')
          .append(Serialization.toYaml(extra.document()));
    }
    out().print(text);
  }

  /** A kubectl-style List of the objects. */
  static ObjectNode asList(List<JsonNode> items) {
    ObjectNode list = Serialization.jsonMapper().createObjectNode();
    list.put("apiVersion", "v1");
    list.put("kind", "List");
    ArrayNode array = list.putArray("items");
    items.forEach(array::add);
    return list;
  }
}
