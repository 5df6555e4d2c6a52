package io.gastown.cli.git;

import io.gastown.cli.GtException;
import io.gastown.render.RenderedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * One commit of planned {@link Changes} on top of HEAD, without JGit's porcelain: the files are
 * written to the working tree (in parallel), and the index and the commit are built from the
 * planned bytes. Every file or directory it creates is recorded in {@code created} until the commit
 * lands, so that a failure can remove them.
 */
final class FastCommit {
  /** Changes of this many files or more are written as one pack rather than as loose objects. */
  static final int PACK_THRESHOLD = 50;

  private final Repository repository;
  private final Path root;
  private final List<Path> created;

  FastCommit(Repository repository, Path root, List<Path> created) {
    this.repository = repository;
    this.root = root;
    this.created = created;
  }

  /**
   * Writes the changed files to the working tree and commits exactly those paths. The index and the
   * commit are built directly from the planned bytes (no re-reading and re-hashing of what was just
   * written), and large changes go into one pack instead of one loose object per file: a
   * 1,000-polecat convoy is one pack file.
   */
  RevCommit commit(Plan<?> plan, PersonIdent author) {
    Changes changes = plan.changes();
    try {
      List<RenderedFile> writes = changes.writes();
      writes.stream()
          .map(f -> root.resolve(f.path()))
          .filter(p -> !Files.exists(p))
          .forEach(created::add);
      for (Path directory :
          writes.stream().map(f -> root.resolve(f.path()).getParent()).distinct().toList()) {
        for (Path missing = directory; !Files.exists(missing); missing = missing.getParent()) {
          created.add(missing);
        }
        Files.createDirectories(directory);
      }
      // Creating files is mostly waiting for the file system: do it on every core.
      // No write throws inside the stream: a failure must not leave other writes running while we
      // roll back.
      List<Object> outcomes =
          IntStream.range(0, writes.size())
              .parallel()
              .mapToObj(i -> writeFile(root.resolve(writes.get(i).path()), writes.get(i).content()))
              .toList();
      List<Instant> modified = new ArrayList<>(outcomes.size());
      for (Object outcome : outcomes) {
        if (outcome instanceof IOException e) {
          throw e;
        }
        modified.add((Instant) outcome);
      }
      for (String path : changes.deletes()) {
        Files.deleteIfExists(root.resolve(path));
      }
      ObjectId parent = repository.resolve(Constants.HEAD);
      DirCache index = repository.lockDirCache();
      try (ObjectInserter inserter = inserterFor(repository, changes.writes().size());
          RevWalk walk = new RevWalk(repository)) {
        Map<String, DirCacheEntry> written = new HashMap<>();
        for (int i = 0; i < writes.size(); i++) {
          RenderedFile file = writes.get(i);
          DirCacheEntry entry = new DirCacheEntry(file.path());
          entry.setFileMode(FileMode.REGULAR_FILE);
          entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.content()));
          entry.setLength(file.content().length);
          entry.setLastModified(modified.get(i));
          written.put(file.path(), entry);
        }
        DirCacheBuilder builder = index.builder();
        for (int i = 0; i < index.getEntryCount(); i++) {
          String path = index.getEntry(i).getPathString();
          if (!written.containsKey(path) && !changes.deletes(path)) {
            builder.keep(i, 1);
          }
        }
        written.values().forEach(builder::add);
        builder.finish();

        CommitBuilder commit = new CommitBuilder();
        commit.setTreeId(index.writeTree(inserter));
        commit.setParentId(parent);
        commit.setAuthor(author);
        commit.setCommitter(author);
        commit.setMessage(plan.message().endsWith("\n") ? plan.message() : plan.message() + "\n");
        ObjectId commitId = inserter.insert(commit);
        inserter.flush();

        RefUpdate update = repository.updateRef(Constants.HEAD);
        update.setNewObjectId(commitId);
        update.setExpectedOldObjectId(parent);
        update.setRefLogIdent(author);
        update.setRefLogMessage(
            "commit: " + commit.getMessage().lines().findFirst().orElse(""), false);
        RefUpdate.Result result = update.update(walk);
        if (result != RefUpdate.Result.FAST_FORWARD
            && result != RefUpdate.Result.NEW
            && result != RefUpdate.Result.FORCED) {
          throw GtException.repo(
              "cannot move HEAD of "
                  + root
                  + " to the new commit ("
                  + result
                  + "): another "
                  + "program changed the repository at the same time; run the command again");
        }
        index.write();
        if (!index.commit()) {
          throw GtException.repo(
              "cannot write the index of " + root + ": run `git -C " + root + " status`");
        }
        index = null;
        created.clear(); // committed: from now on a reset puts the working tree back
        return walk.parseCommit(commitId);
      } finally {
        if (index != null) {
          index.unlock();
        }
      }
    } catch (IOException e) {
      throw GtException.repo("cannot commit to " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes the file; returns its modification time, or the IOException (never thrown from a
   * parallel stream).
   */
  private static Object writeFile(Path target, byte[] content) {
    try {
      Files.write(target, content);
      return Files.getLastModifiedTime(target).toInstant();
    } catch (IOException e) {
      return e;
    }
  }

  private static ObjectInserter inserterFor(Repository repository, int objects) {
    if (objects >= PACK_THRESHOLD
        && repository.getObjectDatabase() instanceof ObjectDirectory directory) {
      return directory.newPackInserter();
    }
    return repository.newObjectInserter();
  }
}
