package io.gastown.cli.git;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.GtException;
import io.gastown.model.Rig;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * What the GitOps repository holds now (its clean working tree), and the polecat names it ever
 * held.
 */
public final class RepositoryState {
  private final Path root;
  private final Repository repository;

  RepositoryState(Path root, Repository repository) {
    this.root = root;
    this.repository = repository;
  }

  /** A state of a plain directory (no history): for reading a repository without committing. */
  public static RepositoryState ofDirectory(Path root) {
    return new RepositoryState(root, null);
  }

  public Path root() {
    return root;
  }

  /** Names of the rigs, sorted. */
  public List<String> rigs() {
    return list(GitOpsLayout.RIGS, true).stream()
        .filter(rig -> Files.isRegularFile(root.resolve(GitOpsLayout.rigFile(rig))))
        .toList();
  }

  public Optional<Rig> rig(String name) {
    Path file = root.resolve(GitOpsLayout.rigFile(name));
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Rig rig;
    try {
      rig = Manifests.first(Manifests.readAll(read(GitOpsLayout.rigFile(name))), "Rig", Rig.class);
    } catch (UncheckedIOException e) {
      throw GtException.repo(
          GitOpsLayout.rigFile(name)
              + " is not valid YAML ("
              + e.getCause().getMessage()
              + "): fix it with git, or restore it with git checkout");
    }
    if (rig == null || rig.getSpec() == null) {
      throw GtException.repo(GitOpsLayout.rigFile(name) + " holds no Rig: restore it with git");
    }
    return Optional.of(rig);
  }

  /** Names of the rig's polecats (from the file names), sorted. */
  public List<String> polecats(String rig) {
    return names(GitOpsLayout.polecatDirectory(rig));
  }

  public List<String> convoys(String rig) {
    return names(GitOpsLayout.convoyDirectory(rig));
  }

  public boolean exists(String path) {
    return Files.exists(root.resolve(path));
  }

  public String read(String path) {
    try {
      return Files.readString(root.resolve(path), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<JsonNode> documents(String path) {
    return Manifests.readAll(read(path));
  }

  /** The rig's manifest files, relative to its directory: what its kustomization lists. */
  public List<String> rigResources(String rig) {
    return RigDirectoryFiles.of(root.resolve(GitOpsLayout.rigDirectory(rig))).layoutFiles();
  }

  /**
   * Every polecat name the rig has had: the current ones and those removed in earlier commits
   * (themed names are never reused, so a new polecat is never confused with an old one in logs,
   * branches or Argo CD history).
   */
  public Set<String> polecatNamesEverUsed(String rig) {
    Set<String> names = new HashSet<>(polecats(rig));
    if (repository == null) {
      return names;
    }
    String directory = GitOpsLayout.polecatDirectory(rig);
    try (RevWalk walk = new RevWalk(repository);
        DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      ObjectId head = repository.resolve("HEAD");
      if (head == null) {
        return names;
      }
      diff.setRepository(repository);
      diff.setPathFilter(PathFilter.create(directory));
      walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(directory), TreeFilter.ANY_DIFF));
      walk.markStart(walk.parseCommit(head));
      for (RevCommit commit : walk) {
        for (RevCommit parent : commit.getParents()) {
          RevCommit parsed = walk.parseCommit(parent);
          for (DiffEntry entry : diff.scan(parsed.getTree(), commit.getTree())) {
            if (entry.getChangeType() == DiffEntry.ChangeType.DELETE) {
              GitOpsLayout.nameOf(entry.getOldPath()).ifPresent(names::add);
            }
          }
        }
      }
    } catch (IOException e) {
      throw GtException.repo("cannot read the history of " + directory + ": " + e.getMessage(), e);
    }
    return names;
  }

  /**
   * The commit a revision names: a SHA (also abbreviated), a tag, a branch, {@code HEAD~2}, ...;
   * exit code 3 when it names none, 4 when it is not a revision or not a commit.
   *
   * @param what how the command line calls it, e.g. {@code --from}
   */
  public Revision revision(String given, String what) {
    if (repository == null) {
      throw GtException.repo(root + " has no git history: run the command in a git repository");
    }
    ObjectId commit;
    try {
      ObjectId id = repository.resolve(given);
      if (id == null) {
        throw GtException.notFound(
            what
                + " '"
                + given
                + "' names no commit of "
                + root
                + ": give a SHA, tag, branch or HEAD~N that `git -C "
                + root
                + " log --oneline` shows");
      }
      try (RevWalk walk = new RevWalk(repository)) {
        commit = walk.parseCommit(id).getId();
      }
    } catch (AmbiguousObjectException e) {
      throw GtException.invalid(
          what + " '" + given + "' is an ambiguous abbreviated SHA: give more of its digits");
    } catch (RevisionSyntaxException e) {
      throw GtException.invalid(
          what
              + " '"
              + given
              + "' is not a git revision: give a SHA, tag, branch or HEAD~N, e.g. HEAD~2");
    } catch (IncorrectObjectTypeException e) {
      throw GtException.invalid(
          what + " '" + given + "' names a file or tree, not a commit: give a commit, e.g. HEAD~2");
    } catch (MissingObjectException e) {
      throw GtException.notFound(
          what
              + " '"
              + given
              + "' names no commit of "
              + root
              + " (the object is missing): fetch it, or give a commit that `git -C "
              + root
              + " log --oneline` shows");
    } catch (IOException e) {
      throw GtException.repo("cannot resolve " + what + " '" + given + "': " + e.getMessage(), e);
    }
    return new Revision(given, commit);
  }

  /** The file's text as it was at the revision; empty when it did not exist there. */
  public Optional<String> readAt(Revision revision, String path) {
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk file =
            TreeWalk.forPath(repository, path, walk.parseCommit(revision.commit()).getTree())) {
      if (file == null || (file.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
        return Optional.empty();
      }
      byte[] bytes = repository.open(file.getObjectId(0)).getBytes();
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw GtException.repo(
          "cannot read " + path + " at " + revision + " in " + root + ": " + e.getMessage(), e);
    }
  }

  private List<String> names(String directory) {
    List<String> names = new ArrayList<>();
    for (String file : list(directory, false)) {
      GitOpsLayout.nameOf(file).ifPresent(names::add);
    }
    return names;
  }

  private List<String> list(String directory, boolean directories) {
    Path dir = root.resolve(directory);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      TreeSet<String> names = new TreeSet<>();
      entries
          .filter(p -> directories ? Files.isDirectory(p) : Files.isRegularFile(p))
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .forEach(names::add);
      return new ArrayList<>(names);
    } catch (IOException e) {
      throw GtException.repo("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
