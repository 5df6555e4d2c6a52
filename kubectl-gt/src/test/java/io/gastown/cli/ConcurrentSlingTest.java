package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.cli.cluster.Cli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 20 people sling at once, each from their own clone, into one bare remote: nothing is lost, no
 * name is doubled.
 */
class ConcurrentSlingTest {
  static final int WRITERS = 20;

  @TempDir Path directory;

  @Test
  void twentyConcurrentSlingsAllLandWithDistinctNames() throws Exception {
    Path bare = directory.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    GitOpsFixture first =
        new GitOpsFixture(directory.resolve("home"), directory.resolve("clone-0"));
    first.ok("init", "--remote", bare.toString());
    first.ok(
        "rig", "create", "shop", "--git-url", "git@github.com:acme/shop.git", "--prefix", "sh");

    List<GitOpsFixture> clones = new ArrayList<>();
    for (int i = 1; i <= WRITERS; i++) {
      GitOpsFixture clone =
          new GitOpsFixture(directory.resolve("home"), directory.resolve("clone-" + i));
      clone.ok("init", "--remote", bare.toString());
      clones.add(clone);
    }

    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Cli>> results = new ArrayList<>();
    for (int i = 0; i < WRITERS; i++) {
      GitOpsFixture clone = clones.get(i);
      String bead = "sh-" + (i + 1);
      results.add(
          pool.submit(
              () -> {
                start.await();
                return clone.gt("sling", bead, "shop");
              }));
    }
    start.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    for (Future<Cli> result : results) {
      assertThat(result.get().exit()).as(result.get().toString()).isZero();
    }

    try (Git remote = Git.open(bare.toFile())) {
      List<String> slings = new ArrayList<>();
      for (RevCommit commit : remote.log().call()) {
        if (commit.getShortMessage().startsWith("sling ")) {
          slings.add(commit.getShortMessage());
        }
      }
      assertThat(slings).hasSize(WRITERS);
      Map<String, String> nameByBead = new HashMap<>();
      for (String message : slings) { // "sling sh-7 to shop as nux"
        String[] words = message.split(" ");
        nameByBead.put(words[1], words[5]);
      }
      assertThat(nameByBead).hasSize(WRITERS);
      assertThat(nameByBead.values()).doesNotHaveDuplicates();

      List<String> files = new ArrayList<>();
      try (TreeWalk walk = new TreeWalk(remote.getRepository())) {
        walk.addTree(
            remote.getRepository().parseCommit(remote.getRepository().resolve("main")).getTree());
        walk.setRecursive(true);
        walk.setFilter(PathFilter.create("rigs/shop/polecats"));
        while (walk.next()) {
          files.add(walk.getPathString());
        }
      }
      assertThat(files).hasSize(WRITERS);
      assertThat(files)
          .containsExactlyInAnyOrderElementsOf(
              nameByBead.values().stream().map(n -> "rigs/shop/polecats/" + n + ".yaml").toList());
    }
  }
}
