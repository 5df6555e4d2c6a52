package io.gastown.cli;

/**
 * The exit codes of every kubectl-gt command; docs/user-guide.md and {@code kubectl gt --help}
 * (GtCommand's exitCodeList) list them: keep the three in step.
 */
public final class ExitCode {
  public static final int OK = 0;

  /** A bug or an unexpected failure (I/O error, ...): the message says what happened. */
  public static final int UNEXPECTED = 1;

  /** Bad command line: unknown option, missing argument (picocli's own code for invalid input). */
  public static final int USAGE = 2;

  /**
   * Something named does not exist: a rig, a polecat, a convoy, the repository, a template file.
   */
  public static final int NOT_FOUND = 3;

  /**
   * Input that would make invalid manifests: bead ID, name, branch, theme, agent, a Secret, a name
   * in use, a template with problems.
   */
  public static final int INVALID_INPUT = 4;

  /**
   * The GitOps repository cannot be used: uncommitted changes, not a git repository, fetch/clone
   * failed.
   */
  public static final int REPO_ERROR = 5;

  /** The push was rejected every time, even after fetching and retrying. */
  public static final int PUSH_REJECTED = 6;

  /** The cluster could not be reached or refused the request (commands that read the cluster). */
  public static final int CLUSTER_ERROR = 7;

  /** {@code sling --wait/--wait-ready}: the polecat did not get there before --timeout. */
  public static final int WAIT_TIMEOUT = 8;

  /** {@code sling --wait/--wait-ready}: the polecat or its pod failed (the message says why). */
  public static final int POLECAT_FAILED = 9;

  private ExitCode() {}
}
