package io.gastown.cli.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gastown.cli.ExitCode;
import io.gastown.cli.GtException;
import io.gastown.cli.cluster.ClusterException.Reason;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns a failed request into one message a user can act on: what failed, why, and the fix. Pure,
 * except that it reads the exception.
 */
public final class ClusterErrors {
  /** Where the CRDs come from; the message for a missing CRD names both ways to install them. */
  static final String INSTALL_HINT =
      "install the Gas Town CRDs: kubectl apply -k kustomize/base "
          + "(or sync the Argo CD application gastown-system: argocd app sync gastown-system)";

  private static final Pattern USER = Pattern.compile("User \"([^\"]*)\"");

  private ClusterErrors() {}

  public static GtException translate(KubernetesClientException e, Access access, String where) {
    Throwable network = networkCause(e);
    if (network != null) {
      return unreachable(where, network);
    }
    SSLException tls = tlsCause(e);
    if (tls != null) {
      return new GtException(
          ExitCode.CLUSTER_ERROR,
          "TLS with the cluster at "
              + where
              + " failed: "
              + tls.getMessage()
              + "; check the certificate-authority of the kubeconfig's cluster");
    }
    Status status = e.getStatus();
    String serverMessage =
        status != null && status.getMessage() != null ? status.getMessage() : e.getMessage();
    return switch (e.getCode()) {
      case 401 ->
          new ClusterException(
              Reason.UNAUTHORIZED,
              "the cluster at "
                  + where
                  + " rejected the credentials "
                  + "(401 Unauthorized); log in again or refresh the kubeconfig's user",
              e);
      case 403 -> forbidden(access, serverMessage, e);
      case 404 -> notFound(access, status, e);
      default ->
          new ClusterException(
              Reason.OTHER,
              "cannot "
                  + access.verb()
                  + " "
                  + access.qualifiedResource()
                  + (access.name() != null ? " " + access.name() : "")
                  + " "
                  + access.scope()
                  + ": "
                  + serverMessage,
              e);
    };
  }

  static ClusterUnavailableException unreachable(String where, Throwable cause) {
    String reason =
        cause.getMessage() == null || cause.getMessage().isBlank()
            ? cause.getClass().getSimpleName()
            : cause.getMessage();
    return new ClusterUnavailableException(
        "cannot reach the cluster at "
            + where
            + ": "
            + reason
            + "; check that it is running and that --context/--kubeconfig name the right one",
        cause);
  }

  private static GtException forbidden(Access access, String serverMessage, Throwable cause) {
    Matcher user = USER.matcher(serverMessage == null ? "" : serverMessage);
    String who = user.find() ? "user \"" + user.group(1) + "\"" : "you";
    String grant =
        "verb '"
            + access.verb()
            + "' on resource '"
            + access.resource()
            + "'"
            + (access.group().isEmpty()
                ? " (core API group)"
                : " in API group '" + access.group() + "'");
    String scope =
        access.namespace() != null ? "namespace " + access.namespace() : "the whole cluster";
    return new ClusterException(
        Reason.FORBIDDEN,
        "forbidden: "
            + who
            + " may not "
            + access.verb()
            + " "
            + access.qualifiedResource()
            + " "
            + access.scope()
            + "; ask a cluster admin for a "
            + (access.namespace() != null
                ? "Role (with a RoleBinding in " + access.namespace() + ")"
                : "ClusterRole")
            + " granting "
            + grant
            + " for "
            + scope,
        cause);
  }

  /**
   * A 404 for a named object that exists as a type says which object; a 404 without details means
   * the apiserver does not serve the resource at all: the CRD is missing.
   */
  private static GtException notFound(Access access, Status status, Throwable cause) {
    boolean objectMissing =
        access.name() != null
            && status != null
            && status.getDetails() != null
            && status.getDetails().getName() != null;
    if (objectMissing) {
      return new ClusterException(
          Reason.NOT_FOUND,
          access.singular() + " " + access.name() + " not found " + access.scope(),
          cause);
    }
    if (access.group().isEmpty()) {
      return new ClusterException(
          Reason.OTHER, "the cluster does not serve " + access.qualifiedResource(), cause);
    }
    return new ClusterException(
        Reason.MISSING_CRD,
        "the cluster does not know "
            + access.qualifiedResource()
            + " (the CustomResourceDefinition is missing); "
            + INSTALL_HINT,
        cause);
  }

  private static SSLException tlsCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException ssl) {
        return ssl;
      }
    }
    return null;
  }

  /** The network failure under a client exception, or null when the server answered. */
  static Throwable networkCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException
          || t instanceof HttpConnectTimeoutException
          || t instanceof HttpTimeoutException) {
        return t;
      }
      if (t instanceof IOException
          && t.getCause() == null
          && e instanceof KubernetesClientException k
          && k.getCode() == 0
          && t.getMessage() != null
          && t.getMessage().contains("Connection")) {
        return t;
      }
    }
    return null;
  }
}
