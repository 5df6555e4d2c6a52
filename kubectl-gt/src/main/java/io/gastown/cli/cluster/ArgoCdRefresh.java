package io.gastown.cli.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.gastown.cli.GtEnvironment;
import io.gastown.render.GitOpsLayout;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Tells Argo CD about a commit at once instead of at its next poll (every 3 minutes by default),
 * through the annotations Argo CD itself offers: {@code argocd.argoproj.io/refresh: normal} on the
 * rig's Application (a new ls-remote, then the automated sync), and, for a rig whose Application
 * does not exist yet, {@code argocd.argoproj.io/application-set-refresh: "true"} on the
 * ApplicationSet (its git generator runs again).
 *
 * <p>Optional: on only when {@value #NAMESPACE_VARIABLE} names Argo CD's namespace. The commit is
 * already made, so a failure is a warning, never an error: Argo CD's poll still picks the commit
 * up.
 */
public final class ArgoCdRefresh {
  public static final String NAMESPACE_VARIABLE = "GT_ARGOCD_NAMESPACE";
  static final String APPLICATION_REFRESH = "argocd.argoproj.io/refresh";
  static final String APPLICATION_SET_REFRESH = "argocd.argoproj.io/application-set-refresh";
  static final ResourceDefinitionContext APPLICATIONS = context("Application", "applications");
  static final ResourceDefinitionContext APPLICATION_SETS =
      context("ApplicationSet", "applicationsets");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  static final Duration PENDING_WAIT = Duration.ofSeconds(10);
  private static final Duration PENDING_POLL = Duration.ofMillis(100);

  private ArgoCdRefresh() {}

  /** Whether the user configured an Argo CD to notify. */
  public static boolean configured(GtEnvironment environment) {
    String namespace = environment.get(NAMESPACE_VARIABLE);
    return namespace != null && !namespace.isBlank();
  }

  /**
   * Asks Argo CD to refresh the Applications of the rigs; returns one warning per rig it could not
   * notify (empty when all went well or nothing is configured).
   */
  public static List<String> refresh(GtEnvironment environment, SortedSet<String> rigs) {
    if (!configured(environment) || rigs.isEmpty()) {
      return List.of();
    }
    String namespace = environment.get(NAMESPACE_VARIABLE).strip();
    List<String> warnings = new ArrayList<>();
    try (ClusterSession session = ClusterSession.open(null, null, null, TIMEOUT, environment)) {
      boolean applicationSetRefreshed = false;
      for (String rig : rigs) {
        String application = GitOpsLayout.argoCdApplication(rig);
        try {
          if (requestRefresh(session, namespace, application)) {
            continue;
          }
          if (!applicationSetRefreshed) {
            applicationSetRefreshed =
                annotate(
                    session,
                    APPLICATION_SETS,
                    namespace,
                    GitOpsLayout.ARGOCD_APPLICATION_SET,
                    APPLICATION_SET_REFRESH,
                    "true");
            if (!applicationSetRefreshed) {
              warnings.add(
                  "Argo CD has no Application "
                      + namespace
                      + "/"
                      + application
                      + " nor ApplicationSet "
                      + namespace
                      + "/"
                      + GitOpsLayout.ARGOCD_APPLICATION_SET
                      + " (is argocd/ applied, and is "
                      + NAMESPACE_VARIABLE
                      + " right?); it will pick the commit up when it polls");
            }
          }
        } catch (KubernetesClientException e) {
          warnings.add(
              "could not ask Argo CD to refresh "
                  + application
                  + " ("
                  + reason(e)
                  + "); it will pick the "
                  + "commit up when it polls");
        }
      }
    } catch (RuntimeException e) {
      warnings.add(
          "could not reach the cluster to ask Argo CD to refresh ("
              + e.getMessage()
              + "); it will pick "
              + "the commit up when it polls");
    }
    return warnings;
  }

  /**
   * Sets the Application's refresh annotation once no earlier request is pending; false when the
   * Application does not exist. Argo CD removes the annotation when the refresh it started for it
   * ends, with a patch that removes it whatever its value: setting it while that refresh runs is a
   * no-op the refresh then erases, and a commit made meanwhile (back-to-back slings, while the
   * rig's manifests are generated) would wait for the next poll. So a pending request is waited out
   * (at most {@link #PENDING_WAIT}) and then made again.
   */
  private static boolean requestRefresh(
      ClusterSession session, String namespace, String application) {
    var resource =
        session
            .client()
            .genericKubernetesResources(APPLICATIONS)
            .inNamespace(namespace)
            .withName(application);
    long deadline = System.nanoTime() + PENDING_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      GenericKubernetesResource current = resource.get();
      if (current == null) {
        return false;
      }
      Map<String, String> annotations = current.getMetadata().getAnnotations();
      if (annotations == null || !annotations.containsKey(APPLICATION_REFRESH)) {
        break;
      }
      try {
        Thread.sleep(PENDING_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return annotate(session, APPLICATIONS, namespace, application, APPLICATION_REFRESH, "normal");
  }

  /** Sets the annotation with a merge patch; false when the object does not exist. */
  private static boolean annotate(
      ClusterSession session,
      ResourceDefinitionContext type,
      String namespace,
      String name,
      String annotation,
      String value) {
    try {
      session
          .client()
          .genericKubernetesResources(type)
          .inNamespace(namespace)
          .withName(name)
          .patch(
              PatchContext.of(PatchType.JSON_MERGE),
              "{\"metadata\":{\"annotations\":{\"" + annotation + "\":\"" + value + "\"}}}");
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private static String reason(KubernetesClientException e) {
    return e.getCode() == HttpURLConnection.HTTP_FORBIDDEN
        ? "forbidden: your user may not patch Argo CD's " + "Applications"
        : e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getClass().getSimpleName();
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("argoproj.io")
        .withVersion("v1alpha1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }
}
