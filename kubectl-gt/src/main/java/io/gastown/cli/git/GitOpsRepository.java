package io.gastown.cli.git;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtEnvironment;
import io.gastown.cli.GtException;
import io.gastown.render.CredentialScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RebaseCommand;
import org.eclipse.jgit.api.RebaseResult;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * The GitOps repository as kubectl gt writes it: every command is one commit of planned {@link
 * Changes}, pushed when the repository has a remote. A rejected push (someone else pushed first) is
 * fetched, the command re-planned on the new content and committed again, a bounded number of
 * times; anything that fails puts the repository back the way it was.
 */
public final class GitOpsRepository implements AutoCloseable {
  public static final int DEFAULT_PUSH_ATTEMPTS = 30;
  static final String PUSH_ATTEMPTS = "GT_PUSH_ATTEMPTS";

  private final Path root;
  private final Git git;
  private final GtEnvironment environment;

  /** Files the current commit attempt created and has not committed yet. */
  private final List<Path> created = new java.util.ArrayList<>();

  private GitOpsRepository(Path root, Git git, GtEnvironment environment) {
    this.root = root;
    this.git = git;
    this.environment = environment;
  }

  /**
   * Opens the repository at {@code root}; exit code 3 when there is none, naming kubectl gt init.
   */
  public static GitOpsRepository open(Path root, GtEnvironment environment) {
    if (!Files.isDirectory(root)) {
      throw GtException.notFound(
          "no GitOps repository at "
              + root
              + ": create one with `kubectl gt init --repo "
              + root
              + "`, or point --repo (or GT_GITOPS_REPO) at yours");
    }
    try {
      Git git = Git.open(root.toFile());
      if (git.getRepository().isBare()) {
        git.close();
        throw GtException.repo(
            root
                + " is a bare repository: clone it (kubectl gt init --remote "
                + root
                + " --repo DIR) and use the clone");
      }
      return new GitOpsRepository(root, git, environment);
    } catch (RepositoryNotFoundException e) {
      throw GtException.notFound(
          root
              + " is not a git repository: create one with `kubectl gt init --repo "
              + root
              + "`, or point --repo (or GT_GITOPS_REPO) at yours");
    } catch (IOException e) {
      throw GtException.repo(
          "cannot open the git repository at " + root + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  public Git git() {
    return git;
  }

  public RepositoryState state() {
    return new RepositoryState(root, git.getRepository());
  }

  /** Plans without writing anything (for --dry-run). */
  public <R> Plan<R> preview(Planner<R> planner) {
    return checked(planner.plan(state()));
  }

  /**
   * Plans, commits and (when {@code push} and the repository has a remote) pushes; retries on
   * rejected pushes. The working tree must be clean; on any failure it is left as it was.
   */
  public <R> WriteResult<R> write(Planner<R> planner, PersonIdent author, boolean push) {
    Repository repository = git.getRepository();
    String branch = currentBranch();
    requireClean();
    ObjectId original = head();
    if (original == null) {
      throw GtException.repo(
          root + " has no commits yet: run `kubectl gt init --repo " + root + "` first");
    }
    boolean remote = push && hasRemote();
    int maxAttempts = maxPushAttempts();
    try {
      boolean ownCommitsOnly = true;
      if (remote) {
        fetch();
        ownCommitsOnly = fastForward(branch);
      }
      for (int attempt = 1; ; attempt++) {
        Plan<R> plan = checked(planner.plan(state()));
        RevCommit commit = new FastCommit(git.getRepository(), root, created).commit(plan, author);
        String abbreviated = commit.abbreviate(7).name();
        if (!remote) {
          return new WriteResult<>(plan, abbreviated, null, attempt);
        }
        RemoteRefUpdate update = push(branch);
        RemoteRefUpdate.Status status = update.getStatus();
        if (status == RemoteRefUpdate.Status.OK || status == RemoteRefUpdate.Status.UP_TO_DATE) {
          return new WriteResult<>(plan, abbreviated, Remotes.ORIGIN + "/" + branch, attempt);
        }
        if (!worthRetrying(update)) {
          throw GtException.repo(
              "the push to "
                  + Remotes.ORIGIN
                  + "/"
                  + branch
                  + " failed ("
                  + status
                  + (update.getMessage() != null ? ": " + update.getMessage() : "")
                  + "): check that you may push to it");
        }
        if (attempt >= maxAttempts) {
          throw new GtException(
              ExitCode.PUSH_REJECTED,
              "the push to "
                  + Remotes.ORIGIN
                  + "/"
                  + branch
                  + " was "
                  + "rejected "
                  + attempt
                  + " times because others pushed first: run the command again");
        }
        fetch();
        catchUp(branch, commit, ownCommitsOnly);
        backOff(attempt);
      }
    } catch (RuntimeException e) {
      rollBack(original);
      throw e;
    }
  }

  @Override
  public void close() {
    git.close();
  }

  String currentBranch() {
    try {
      return git.getRepository().getBranch();
    } catch (IOException e) {
      throw GtException.repo(
          "cannot read the current branch of " + root + ": " + e.getMessage(), e);
    }
  }

  ObjectId head() {
    try {
      return git.getRepository().resolve("HEAD");
    } catch (IOException e) {
      throw GtException.repo("cannot read HEAD of " + root + ": " + e.getMessage(), e);
    }
  }

  public boolean hasRemote() {
    return git.getRepository().getConfig().getSubsections("remote").contains(Remotes.ORIGIN);
  }

  void requireClean() {
    try {
      if (git.status().call().hasUncommittedChanges()) {
        throw GtException.repo(
            root
                + " has uncommitted changes: commit or discard them (git -C "
                + root
                + " status) and run the command again");
      }
    } catch (GitAPIException e) {
      throw GtException.repo("cannot read the status of " + root + ": " + e.getMessage(), e);
    }
  }

  /** The plan's files must not hold credentials: checked before anything is written. */
  private static <R> Plan<R> checked(Plan<R> plan) {
    List<CredentialScan.Finding> findings = CredentialScan.scan(plan.changes().writes());
    if (!findings.isEmpty()) {
      throw GtException.invalid(
          "refusing to write a credential into the GitOps repository ("
              + findings.get(0)
              + "): keep Secrets in the cluster (kubectl gt auth sync, kubectl create secret) and only name them");
    }
    return plan;
  }

  private void fetch() {
    try {
      Remotes.authenticate(git.fetch().setRemote(Remotes.ORIGIN), environment).call();
    } catch (GitAPIException e) {
      throw GtException.repo(
          "cannot fetch from "
              + Remotes.ORIGIN
              + " ("
              + e.getMessage()
              + "): check the network "
              + "and your credentials (SSH key, or GT_GIT_TOKEN for HTTPS), or use --no-push",
          e);
    }
  }

  private RemoteRefUpdate push(String branch) {
    try {
      Iterable<PushResult> results =
          Remotes.authenticate(
                  git.push()
                      .setRemote(Remotes.ORIGIN)
                      .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)),
                  environment)
              .call();
      for (PushResult result : results) {
        RemoteRefUpdate update = result.getRemoteUpdate("refs/heads/" + branch);
        if (update != null) {
          return update;
        }
      }
      throw GtException.repo(
          "the push to " + Remotes.ORIGIN + "/" + branch + " reported nothing for the branch");
    } catch (GitAPIException e) {
      throw GtException.repo(
          "cannot push to "
              + Remotes.ORIGIN
              + " ("
              + e.getMessage()
              + "): check the network and "
              + "your credentials (SSH key, or GT_GIT_TOKEN for HTTPS), or use --no-push",
          e);
    }
  }

  /**
   * Someone else pushed first (non-fast-forward), or was pushing at the same moment (the server
   * could not lock the branch: "lock error", "cannot lock ref"): fetch and try again.
   */
  private static boolean worthRetrying(RemoteRefUpdate update) {
    return switch (update.getStatus()) {
      case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> true;
      case REJECTED_OTHER_REASON ->
          update.getMessage() != null
              && update.getMessage().toLowerCase(java.util.Locale.ROOT).contains("lock");
      default -> false;
    };
  }

  private ObjectId remoteHead(String branch) {
    try {
      return git.getRepository().resolve("refs/remotes/" + Remotes.ORIGIN + "/" + branch);
    } catch (IOException e) {
      throw GtException.repo(
          "cannot read " + Remotes.ORIGIN + "/" + branch + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves to the remote branch when the local one is behind it. Returns whether the local branch
   * has no commits of its own (then a rejected push is simply redone on the remote's content).
   */
  private boolean fastForward(String branch) {
    ObjectId remote = remoteHead(branch);
    if (remote == null) {
      return false; // the remote does not have the branch yet: the first push creates it
    }
    ObjectId local = head();
    if (isAncestor(local, remote)) {
      reset(remote);
      return true;
    }
    return false;
  }

  /** After a rejected push: redo the command on top of the remote's content. */
  private void catchUp(String branch, RevCommit ours, boolean ownCommitsOnly) {
    ObjectId remote = remoteHead(branch);
    if (ownCommitsOnly && remote != null) {
      reset(remote); // drop our commit; the loop plans and commits it again on the fetched content
      return;
    }
    try {
      RebaseResult result = git.rebase().setUpstream(Remotes.ORIGIN + "/" + branch).call();
      if (!result.getStatus().isSuccessful()) {
        git.rebase().setOperation(RebaseCommand.Operation.ABORT).call();
        throw GtException.repo(
            "your unpushed commits in "
                + root
                + " conflict with "
                + Remotes.ORIGIN
                + "/"
                + branch
                + ": run `git -C "
                + root
                + " pull --rebase`, resolve, push, and run the command again");
      }
      // The rebased commits include ours; drop it so the loop re-plans it on the new content.
      reset(git.getRepository().resolve("HEAD~1"));
    } catch (GitAPIException | IOException e) {
      throw GtException.repo(
          "cannot rebase onto " + Remotes.ORIGIN + "/" + branch + ": " + e.getMessage(), e);
    }
  }

  private boolean isAncestor(ObjectId ancestor, ObjectId descendant) {
    try (RevWalk walk = new RevWalk(git.getRepository())) {
      return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
    } catch (IOException e) {
      throw GtException.repo("cannot compare commits in " + root + ": " + e.getMessage(), e);
    }
  }

  private void reset(ObjectId target) {
    try {
      git.reset().setMode(ResetType.HARD).setRef(target.name()).call();
    } catch (GitAPIException e) {
      throw GtException.repo(
          "cannot reset " + root + " to " + target.abbreviate(7).name() + ": " + e.getMessage(), e);
    }
  }

  private void rollBack(ObjectId original) {
    created.sort(
        java.util.Comparator.comparingInt(Path::getNameCount)
            .reversed()); // files and subdirectories first
    for (Path path : created) {
      try {
        Files.deleteIfExists(path); // written but never committed: a reset would leave it behind
      } catch (IOException e) {
        System.err.println("warning: could not remove " + path + "; delete it by hand");
      }
    }
    created.clear();
    try {
      git.reset().setMode(ResetType.HARD).setRef(original.name()).call();
    } catch (GitAPIException | RuntimeException e) {
      // Keep the original failure; say how to recover by hand.
      System.err.println(
          "warning: could not restore "
              + root
              + " to "
              + original.abbreviate(7).name()
              + "; run `git -C "
              + root
              + " reset --hard "
              + original.abbreviate(7).name()
              + "`");
    }
  }

  private int maxPushAttempts() {
    String value = environment.get(PUSH_ATTEMPTS);
    try {
      return value == null ? DEFAULT_PUSH_ATTEMPTS : Math.max(1, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      throw GtException.invalid(
          PUSH_ATTEMPTS + "=" + value + " is not a number: set a positive integer or unset it");
    }
  }

  /** Randomised, growing pauses so that concurrent writers stop colliding. */
  private static void backOff(int attempt) {
    long ceiling = Math.min(Duration.ofMillis(25L << Math.min(attempt, 5)).toMillis(), 800);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(5, ceiling + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw GtException.repo("interrupted while retrying the push");
    }
  }
}
