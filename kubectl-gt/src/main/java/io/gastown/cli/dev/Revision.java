package io.gastown.cli.dev;

import io.gastown.cli.GtException;
import io.gastown.render.GitOpsLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The files of one commit of the GitOps repository, as Argo CD sees them: what was committed, not the working
 * tree (an edit nobody committed is not synced).
 */
public record Revision(String commit, Map<String, byte[]> files) {

  /** The commit HEAD points at; empty while the repository has no commit (or does not exist yet). */
  public static Optional<ObjectId> head(Path repository) {
    if (!Files.isDirectory(repository.resolve(".git"))) {
      return Optional.empty();
    }
    try (Git git = Git.open(repository.toFile())) {
      return Optional.ofNullable(git.getRepository().resolve(Constants.HEAD));
    } catch (RepositoryNotFoundException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw GtException.repo("cannot read HEAD of " + repository + ": " + e.getMessage(), e);
    }
  }

  /** Every file of the commit. */
  public static Revision read(Path repository, ObjectId commit) {
    try (Git git = Git.open(repository.toFile()); RevWalk walk = new RevWalk(git.getRepository())) {
      Repository repo = git.getRepository();
      RevCommit parsed = walk.parseCommit(commit);
      Map<String, byte[]> files = new TreeMap<>();
      try (TreeWalk tree = new TreeWalk(repo)) {
        tree.addTree(parsed.getTree());
        tree.setRecursive(true);
        while (tree.next()) {
          files.put(tree.getPathString(), repo.open(tree.getObjectId(0)).getBytes());
        }
      }
      return new Revision(commit.getName(), files);
    } catch (IOException e) {
      throw GtException.repo("cannot read commit " + commit.getName() + " of " + repository + ": " + e.getMessage(), e);
    }
  }

  public String shortCommit() {
    return commit.substring(0, 7);
  }

  /** The rigs: the directories under rigs/ that hold a file. */
  public TreeSet<String> rigs() {
    TreeSet<String> rigs = new TreeSet<>();
    for (String path : files.keySet()) {
      String[] parts = path.split("/");
      if (parts.length >= 3 && parts[0].equals(GitOpsLayout.RIGS)) {
        rigs.add(parts[1]);
      }
    }
    return rigs;
  }

  public boolean exists(String path) {
    return files.containsKey(path);
  }

  public String text(String path) {
    return new String(files.get(path), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Writes the commit's files under {@code directory} (for tools that read a checkout, e.g. kubectl kustomize). */
  public void writeTo(Path directory) throws IOException {
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path target = directory.resolve(file.getKey()).normalize();
      if (!target.startsWith(directory)) {
        throw new IOException("path outside the checkout: " + file.getKey());
      }
      Files.createDirectories(target.getParent());
      Files.write(target, file.getValue());
    }
  }
}
