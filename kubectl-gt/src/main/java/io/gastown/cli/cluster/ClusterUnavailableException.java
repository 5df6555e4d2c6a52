package io.gastown.cli.cluster;

import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;

/**
 * There is no cluster to ask: no kubeconfig, or the apiserver cannot be reached. Commands that read
 * can then show what the GitOps repository declares instead.
 */
public class ClusterUnavailableException extends GtException {
  private static final long serialVersionUID = 1L;

  public ClusterUnavailableException(String message, Throwable cause) {
    super(ExitCode.CLUSTER_ERROR, message, cause);
  }
}
