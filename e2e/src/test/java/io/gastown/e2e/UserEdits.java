package io.gastown.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/** Changes a person makes to the GitOps repository by hand: edit a file, commit it. */
public final class UserEdits {
  static final PersonIdent USER = new PersonIdent("Evaluating User", "user@example.com");

  private UserEdits() {}

  /**
   * Adds annotations to the pod template of a polecat's Job and commits, e.g. kwok's {@code
   * gastown.io/simulate: fail}: in the local environment, how a pod is to end.
   */
  public static void annotateJobPods(
      Path repository, String rig, String polecat, Map<String, String> annotations, String message)
      throws Exception {
    String file = GitOpsLayout.polecatFile(rig, polecat);
    Path path = repository.resolve(file);
    List<JsonNode> documents = Manifests.readAll(Files.readString(path));
    JsonNode job =
        documents.stream()
            .filter(d -> d.path("kind").asText().equals("Job"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(file + " has no Job"));
    ObjectNode podAnnotations =
        ((ObjectNode) job.path("spec").path("template")).with("metadata").with("annotations");
    annotations.forEach(podAnnotations::put);
    Files.writeString(path, Manifests.toYaml(documents));
    try (Git git = Git.open(repository.toFile())) {
      git.add().addFilepattern(file).call();
      git.commit().setMessage(message).setAuthor(USER).setCommitter(USER).setSign(false).call();
    }
  }

  /**
   * Writes files (path relative to the repository root to text) and commits them, as a person does
   * by hand.
   */
  public static void commitFiles(Path repository, Map<String, String> files, String message)
      throws Exception {
    try (Git git = Git.open(repository.toFile())) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = repository.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
        git.add().addFilepattern(file.getKey()).call();
      }
      git.commit().setMessage(message).setAuthor(USER).setCommitter(USER).setSign(false).call();
    }
  }

  /**
   * Pushes the branch to origin, as {@code git push} does after commits made with {@code
   * --no-push}.
   */
  public static void push(Path repository) throws Exception {
    try (Git git = Git.open(repository.toFile())) {
      git.push().setRemote("origin").call();
    }
  }
}
