package io.gastown.e2e;

import io.gastown.render.GitOpsLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The files of a GitOps repository at HEAD, as Argo CD sees them, and the commit. */
record HeadFiles(String commit, SortedSet<String> paths) {

  /** Empty while the repository has no commit (or does not exist yet). */
  static Optional<HeadFiles> of(Path repository) {
    if (!repository.resolve(".git").toFile().exists()
        && !repository.resolve("HEAD").toFile().exists()) {
      return Optional.empty();
    }
    try (Git git = Git.open(repository.toFile());
        RevWalk walk = new RevWalk(git.getRepository())) {
      ObjectId head = git.getRepository().resolve("HEAD");
      if (head == null) {
        return Optional.empty();
      }
      SortedSet<String> paths = new TreeSet<>();
      try (TreeWalk tree = new TreeWalk(git.getRepository())) {
        tree.addTree(walk.parseCommit(head).getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          paths.add(tree.getPathString());
        }
      }
      return Optional.of(new HeadFiles(head.name(), paths));
    } catch (IOException e) {
      throw new AssertionError("cannot read " + repository, e);
    }
  }

  /** The rigs: directories under rigs/ with a rig.yaml. */
  SortedSet<String> rigs() {
    SortedSet<String> rigs = new TreeSet<>();
    paths.stream()
        .filter(p -> p.endsWith("/" + GitOpsLayout.RIG_FILE))
        .forEach(p -> GitOpsLayout.rigOf(p).ifPresent(rigs::add));
    return rigs;
  }

  /** The names of the rig's polecat files. */
  SortedSet<String> polecats(String rig) {
    String prefix = GitOpsLayout.polecatDirectory(rig) + "/";
    SortedSet<String> names = new TreeSet<>();
    paths.stream()
        .filter(p -> p.startsWith(prefix) && p.endsWith(".yaml"))
        .forEach(p -> names.add(p.substring(prefix.length(), p.length() - ".yaml".length())));
    return names;
  }
}
