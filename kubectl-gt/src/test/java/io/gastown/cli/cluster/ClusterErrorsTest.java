package io.gastown.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.gastown.cli.GtException;
import org.junit.jupiter.api.Test;

class ClusterErrorsTest {
  private static KubernetesClientException error(int code, Status status) {
    return new KubernetesClientException(status.getMessage(), code, status);
  }

  @Test
  void forbiddenNamesTheUserAndTheMissingPermission() {
    Status status =
        new StatusBuilder()
            .withCode(403)
            .withReason("Forbidden")
            .withMessage(
                "polecats.gastown.gastown.io is forbidden: User \"system:serviceaccount:t:viewer\" cannot list "
                    + "resource \"polecats\" in API group \"gastown.gastown.io\" in the namespace \"gt-x\"")
            .build();
    GtException e =
        ClusterErrors.translate(
            error(403, status),
            Access.of("list", PolecatView.INSTANCE, "gt-x", null),
            "https://h (context c)");
    assertThat(e.exitCode()).isEqualTo(7);
    assertThat(e.getMessage())
        .isEqualTo(
            "forbidden: user \"system:serviceaccount:t:viewer\" may not list "
                + "polecats.gastown.gastown.io in namespace gt-x; ask a cluster admin for a Role (with a RoleBinding in gt-x) "
                + "granting verb 'list' on resource 'polecats' in API group 'gastown.gastown.io' for namespace gt-x");
  }

  @Test
  void notFoundWithoutDetailsIsAMissingCrd() {
    Status status =
        new StatusBuilder()
            .withCode(404)
            .withReason("NotFound")
            .withMessage("the server could not find the requested resource")
            .build();
    GtException e =
        ClusterErrors.translate(
            error(404, status),
            Access.of("list", ConvoyView.INSTANCE, "default", null),
            "https://h (context c)");
    assertThat(((ClusterException) e).reason()).isEqualTo(ClusterException.Reason.MISSING_CRD);
    assertThat(e.getMessage())
        .contains("convoys.gastown.gastown.io (the CustomResourceDefinition is missing)")
        .contains("kubectl apply -k kustomize/base")
        .contains("argocd app sync gastown-system");
  }

  @Test
  void notFoundOfANamedObjectIsExitCode3() {
    Status status =
        new StatusBuilder()
            .withCode(404)
            .withReason("NotFound")
            .withNewDetails()
            .withName("furiosa")
            .withKind("polecats")
            .endDetails()
            .withMessage("polecats.gastown.gastown.io \"furiosa\" not found")
            .build();
    GtException e =
        ClusterErrors.translate(
            error(404, status),
            Access.of("get", PolecatView.INSTANCE, "gt-x", "furiosa"),
            "https://h (context c)");
    assertThat(e.exitCode()).isEqualTo(3);
    assertThat(e.getMessage()).isEqualTo("polecat furiosa not found in namespace gt-x");
  }
}
