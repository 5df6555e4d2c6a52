package io.gastown.expand;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.gastown.model.SecretKeyRef;
import java.util.ArrayList;
import java.util.List;

/** A container's environment in the order it is built; values that are absent are left out. */
final class EnvList {
  private final List<EnvVar> vars = new ArrayList<>();

  EnvList value(String name, String value) {
    if (value != null) {
      vars.add(new EnvVar(name, value, null));
    }
    return this;
  }

  EnvList secret(String name, SecretKeyRef ref) {
    if (ref != null) {
      vars.add(
          new EnvVarBuilder()
              .withName(name)
              .withNewValueFrom()
              .withNewSecretKeyRef()
              .withName(ref.getName())
              .withKey(ref.getKey())
              .endSecretKeyRef()
              .endValueFrom()
              .build());
    }
    return this;
  }

  EnvList field(String name, String fieldPath) {
    vars.add(
        new EnvVarBuilder()
            .withName(name)
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath(fieldPath)
            .endFieldRef()
            .endValueFrom()
            .build());
    return this;
  }

  boolean contains(String name) {
    return vars.stream().anyMatch(v -> v.getName().equals(name));
  }

  EnvList addAll(List<EnvVar> more) {
    vars.addAll(more);
    return this;
  }

  List<EnvVar> build() {
    return List.copyOf(vars);
  }
}
