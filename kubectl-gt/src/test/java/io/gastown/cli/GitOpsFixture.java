package io.gastown.cli;

import io.gastown.cli.cluster.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;

/** A GitOps repository in a temporary directory and kubectl gt run in-process against it. */
final class GitOpsFixture {
  static final String AUTHOR = "--author=Test Author <test@example.com>";
  static final String IMAGE = "ghcr.io/gastown/polecat-agent:0.1.0";

  final Path home;
  final Path repo;
  final Map<String, String> env;

  GitOpsFixture(Path directory) {
    this(directory.resolve("home"), directory.resolve("gitops"));
  }

  GitOpsFixture(Path home, Path repo) {
    this.home = home;
    this.repo = repo;
    this.env = Map.of(GtEnvironment.GITOPS_REPO, repo.toString(), RigDirectory.AGENT_IMAGE, IMAGE);
  }

  /** Runs kubectl gt with the fixture's environment (and a fixed --author unless one is given). */
  Cli gt(String... args) {
    List<String> all = new ArrayList<>(Arrays.asList(args));
    if (all.stream().noneMatch(a -> a.startsWith("--author"))) {
      all.add(AUTHOR);
    }
    return Cli.run(env, home, all.toArray(String[]::new));
  }

  Cli ok(String... args) {
    Cli result = gt(args);
    if (result.exit() != 0) {
      throw new AssertionError("kubectl gt " + String.join(" ", args) + " failed:\n" + result);
    }
    return result;
  }

  /** init, and a rig "shop" with prefix sh. */
  GitOpsFixture withShop() {
    ok("init");
    ok("rig", "create", "shop", "--git-url", "git@github.com:acme/shop.git", "--prefix", "sh");
    return this;
  }

  ObjectId head() throws IOException {
    try (Git git = Git.open(repo.toFile())) {
      return git.getRepository().resolve("HEAD");
    }
  }

  boolean clean() throws Exception {
    try (Git git = Git.open(repo.toFile())) {
      return git.status().call().isClean();
    }
  }

  /** Every file of the working tree (not .git), relative and sorted. */
  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith(".git/"))
          .sorted()
          .toList();
    }
  }
}
