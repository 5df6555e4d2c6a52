package io.gastown.cli.cluster;

import io.gastown.cli.GtSubcommand;
import io.gastown.cli.OutputFormat;
import io.gastown.cli.RepositoryLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import picocli.CommandLine.Mixin;

/**
 * Base of the commands that read the cluster: the kubectl flags, one {@link ClusterSession} per run
 * (opened on first use, closed at the end) and the fallback to the GitOps repository when there is
 * no cluster.
 */
public abstract class ClusterCommand extends GtSubcommand {
  @Mixin protected KubeOptions kube = new KubeOptions();

  private ClusterSession session;

  /** The command's work against the cluster. */
  protected abstract int fromCluster() throws Exception;

  /**
   * The same view from the GitOps repository, for when the cluster cannot be reached; the default
   * says that this command needs a cluster.
   */
  protected int fromRepository(DeclaredState declared) {
    throw new UnsupportedOperationException();
  }

  protected boolean readsRepository() {
    return true;
  }

  @Override
  protected final int run() throws Exception {
    try {
      return fromCluster();
    } catch (ClusterUnavailableException e) {
      DeclaredState declared = readsRepository() ? declaredState() : null;
      if (declared == null) {
        throw e;
      }
      err().println("warning: " + e.getMessage());
      err()
          .println(
              "warning: showing what the GitOps repository "
                  + declared.root()
                  + " declares instead (no status: nothing was read from a cluster)");
      return fromRepository(declared);
    } finally {
      if (session != null) {
        session.close();
      }
    }
  }

  protected ClusterSession session() {
    if (session == null) {
      session = kube.connect(environment());
    }
    return session;
  }

  /** For tests that drive a command with their own client. */
  public void useSession(ClusterSession session) {
    this.session = session;
  }

  protected OutputFormat format() {
    return global().output(OutputFormat.table);
  }

  protected Instant now() {
    return Instant.now();
  }

  protected void print(String text) {
    out().print(text);
    out().flush();
  }

  /**
   * The GitOps repository (as the write commands find it), if it exists and has a rigs/ directory.
   */
  private DeclaredState declaredState() {
    Path repo = RepositoryLocation.resolve(global(), environment());
    return Files.isDirectory(repo.resolve("rigs")) ? new DeclaredState(repo) : null;
  }
}
