package io.gastown.cli.git;

import io.gastown.render.RenderedFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The files one command writes and deletes, by repository-relative path; applied as one commit. */
public final class Changes {
  private final SortedMap<String, RenderedFile> writes = new TreeMap<>();
  private final SortedSet<String> deletes = new TreeSet<>();

  public Changes write(RenderedFile file) {
    deletes.remove(file.path());
    writes.put(file.path(), file);
    return this;
  }

  public Changes delete(String path) {
    writes.remove(path);
    deletes.add(path);
    return this;
  }

  public List<RenderedFile> writes() {
    return Collections.unmodifiableList(new ArrayList<>(writes.values()));
  }

  public SortedSet<String> deletes() {
    return Collections.unmodifiableSortedSet(deletes);
  }

  public boolean isEmpty() {
    return writes.isEmpty() && deletes.isEmpty();
  }

  /** Paths written or deleted under a directory (e.g. {@code rigs/shop/}). */
  public List<String> writtenUnder(String directory) {
    return writes.keySet().stream().filter(p -> p.startsWith(directory + "/")).toList();
  }

  public boolean deletes(String path) {
    return deletes.contains(path);
  }
}
