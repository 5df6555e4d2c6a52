package io.gastown.cli;

import io.gastown.cli.git.Remotes;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.RepositoryReadme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kubectl gt init}: create the GitOps repository, or clone an existing one. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {
      "  kubectl gt init                       # at ~/.local/share/gastown/gitops",
      "  kubectl gt init --repo ~/gitops",
      "  kubectl gt init --remote git@github.com:acme/gitops.git --repo ~/gitops"
    },
    description = {
      "Create the GitOps repository at --repo (a local git repository with a README and rigs/), "
          + "or clone it from --remote (an empty remote gets the README and rigs/ in a first commit)."
    })
public class InitCommand extends GtSubcommand {
  static final String BRANCH = "main";
  static final String KEEP = GitOpsLayout.RIGS + "/.gitkeep";

  @Option(
      names = "--remote",
      paramLabel = "URL",
      description =
          "Clone this repository instead of creating a new one (SSH or HTTPS; GT_GIT_TOKEN for HTTPS).")
  String remote;

  @Override
  protected int run() throws IOException {
    Path location = RepositoryLocation.resolve(global(), environment());
    if (Files.exists(location.resolve(".git"))) {
      throw GtException.repo(
          location
              + " is already a git repository: use it as it is (--repo "
              + location
              + "), or choose another --repo");
    }
    if (Files.isDirectory(location) && !isEmpty(location)) {
      throw GtException.repo(
          location + " exists and is not empty: choose an empty or new --repo directory");
    }
    boolean created = !Files.exists(location);
    try {
      String message = remote == null ? createLocal(location) : cloneRemote(location);
      out().println(message);
      if (global().repo() != null && environment().get(GtEnvironment.GITOPS_REPO) == null) {
        out()
            .println(
                "Use it in later commands with --repo "
                    + location
                    + ", or: export "
                    + GtEnvironment.GITOPS_REPO
                    + "="
                    + location);
      }
      return ExitCode.OK;
    } catch (RuntimeException | IOException e) {
      removePartialRepository(location, created);
      throw e;
    }
  }

  private String createLocal(Path location) throws IOException {
    Files.createDirectories(location);
    try (Git git = Git.init().setDirectory(location.toFile()).setInitialBranch(BRANCH).call()) {
      firstCommit(git, location);
    } catch (GitAPIException e) {
      throw GtException.repo(
          "cannot create a git repository at " + location + ": " + e.getMessage(), e);
    }
    return "Initialized the GitOps repository at "
        + location
        + " (no remote: commits stay local until you add one "
        + "with git remote add origin URL).";
  }

  private String cloneRemote(Path location) {
    String shown = Inputs.redactUserInfo(remote);
    try (Git git =
        Remotes.authenticate(
                Git.cloneRepository().setURI(remote).setDirectory(location.toFile()), environment())
            .call()) {
      if (git.getRepository().resolve(Constants.HEAD) != null) {
        return "Cloned the GitOps repository " + shown + " into " + location + ".";
      }
      // An empty remote: give it the README and rigs/ on main.
      RefUpdate head = git.getRepository().updateRef(Constants.HEAD);
      head.link(Constants.R_HEADS + BRANCH);
      firstCommit(git, location);
      Iterable<PushResult> results =
          Remotes.authenticate(
                  git.push()
                      .setRemote(Remotes.ORIGIN)
                      .setRefSpecs(
                          new RefSpec(
                              Constants.R_HEADS + BRANCH + ":" + Constants.R_HEADS + BRANCH)),
                  environment())
              .call();
      for (PushResult result : results) {
        RemoteRefUpdate update = result.getRemoteUpdate(Constants.R_HEADS + BRANCH);
        if (update != null && update.getStatus() != RemoteRefUpdate.Status.OK) {
          throw GtException.repo(
              "cannot push the first commit to " + shown + " (" + update.getStatus() + ")");
        }
      }
      return "Initialized the empty GitOps repository "
          + shown
          + " (cloned into "
          + location
          + ", pushed main).";
    } catch (GitAPIException | IOException e) {
      throw GtException.repo(
          "cannot clone "
              + shown
              + " ("
              + e.getMessage()
              + "): check the URL and your "
              + "credentials (SSH key, or GT_GIT_TOKEN for HTTPS)",
          e);
    }
  }

  private void firstCommit(Git git, Path location) throws IOException, GitAPIException {
    Files.write(location.resolve(GitOpsLayout.README), RepositoryReadme.render().content());
    Files.createDirectories(location.resolve(GitOpsLayout.RIGS));
    Files.write(location.resolve(KEEP), new byte[0]);
    git.add().addFilepattern(GitOpsLayout.README).addFilepattern(KEEP).call();
    PersonIdent author = Authors.resolve(global().author(), git.getRepository());
    git.commit()
        .setMessage("init: Gas Town GitOps repository")
        .setAuthor(author)
        .setCommitter(author)
        .setSign(false)
        .call();
  }

  private static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  /** No partial writes: a failed init leaves no half-made repository behind. */
  private static void removePartialRepository(Path location, boolean created) {
    try (Stream<Path> paths = Files.walk(location)) {
      paths
          .sorted(Comparator.reverseOrder())
          .filter(p -> created || !p.equals(location))
          .forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // Nothing was there, or it is gone already.
    }
  }
}
