package io.gastown.cli.cluster;

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
import java.util.SortedSet;

/**
 * Tells Argo CD about a commit at once instead of at its next poll (every 3 minutes by default), through the
 * annotations Argo CD itself offers: {@code argocd.argoproj.io/refresh: normal} on the rig's Application (a new
 * ls-remote, then the automated sync), and, for a rig whose Application does not exist yet,
 * {@code argocd.argoproj.io/application-set-refresh: "true"} on the ApplicationSet (its git generator runs again).
 *
 * <p>Optional: on only when {@value #NAMESPACE_VARIABLE} names Argo CD's namespace. The commit is already made, so a
 * failure is a warning, never an error: Argo CD's poll still picks the commit up.
 */
public final class ArgoCdRefresh {
  public static final String NAMESPACE_VARIABLE = "GT_ARGOCD_NAMESPACE";
  static final String APPLICATION_REFRESH = "argocd.argoproj.io/refresh";
  static final String APPLICATION_SET_REFRESH = "argocd.argoproj.io/application-set-refresh";
  static final ResourceDefinitionContext APPLICATIONS = context("Application", "applications");
  static final ResourceDefinitionContext APPLICATION_SETS = context("ApplicationSet", "applicationsets");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private ArgoCdRefresh() {
  }

  /** Whether the user configured an Argo CD to notify. */
  public static boolean configured(GtEnvironment environment) {
    String namespace = environment.get(NAMESPACE_VARIABLE);
    return namespace != null && !namespace.isBlank();
  }

  /**
   * Asks Argo CD to refresh the Applications of the rigs; returns one warning per rig it could not notify (empty
   * when all went well or nothing is configured).
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
          if (annotate(session, APPLICATIONS, namespace, application, APPLICATION_REFRESH, "normal")) {
            continue;
          }
          if (!applicationSetRefreshed) {
            applicationSetRefreshed = annotate(session, APPLICATION_SETS, namespace,
                GitOpsLayout.ARGOCD_APPLICATION_SET, APPLICATION_SET_REFRESH, "true");
            if (!applicationSetRefreshed) {
              warnings.add("Argo CD has no Application " + namespace + "/" + application + " nor ApplicationSet "
                  + namespace + "/" + GitOpsLayout.ARGOCD_APPLICATION_SET + " (is argocd/ applied, and is "
                  + NAMESPACE_VARIABLE + " right?); it will pick the commit up when it polls");
            }
          }
        } catch (KubernetesClientException e) {
          warnings.add("could not ask Argo CD to refresh " + application + " (" + reason(e) + "); it will pick the "
              + "commit up when it polls");
        }
      }
    } catch (RuntimeException e) {
      warnings.add("could not reach the cluster to ask Argo CD to refresh (" + e.getMessage() + "); it will pick "
          + "the commit up when it polls");
    }
    return warnings;
  }

  /** Sets the annotation with a merge patch; false when the object does not exist. */
  private static boolean annotate(ClusterSession session, ResourceDefinitionContext type, String namespace,
      String name, String annotation, String value) {
    try {
      session.client().genericKubernetesResources(type).inNamespace(namespace).withName(name)
          .patch(PatchContext.of(PatchType.JSON_MERGE),
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
    return e.getCode() == HttpURLConnection.HTTP_FORBIDDEN ? "forbidden: your user may not patch Argo CD's "
        + "Applications" : e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getClass().getSimpleName();
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder().withGroup("argoproj.io").withVersion("v1alpha1")
        .withKind(kind).withPlural(plural).withNamespaced(true).build();
  }
}
