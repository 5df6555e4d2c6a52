package io.gastown.expand;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The Pod Security Standards "restricted" profile. On OpenShift no user, group or fsGroup is fixed:
 * the restricted-v2 SCC assigns them from the namespace's range and rejects Pods that ask for
 * others.
 */
final class PodSecurity {
  private static final String RUNTIME_DEFAULT = "RuntimeDefault";

  private PodSecurity() {}

  static PodSecurityContext pod(PlatformConfig platform) {
    PodSecurityContextBuilder builder =
        new PodSecurityContextBuilder()
            .withRunAsNonRoot(true)
            .withNewSeccompProfile()
            .withType(RUNTIME_DEFAULT)
            .endSeccompProfile();
    if (!platform.openshift()) {
      builder
          .withRunAsUser(platform.runAsUser())
          .withRunAsGroup(platform.runAsUser())
          .withFsGroup(platform.runAsUser());
    }
    return builder.build();
  }

  static SecurityContext container() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType(RUNTIME_DEFAULT)
        .endSeccompProfile()
        .build();
  }
}
