package io.gastown.webhook;

import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.BeadStore;
import io.gastown.model.Convoy;
import io.gastown.model.GasTown;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory cluster for tests and the benchmark. */
public final class StaticClusterView implements ClusterView {
  final Map<String, Polecat> polecats = new ConcurrentHashMap<>();
  final Map<String, Rig> rigs = new ConcurrentHashMap<>();
  final Map<String, BeadStore> beadStores = new ConcurrentHashMap<>();
  final Set<String> secrets = ConcurrentHashMap.newKeySet();
  final Map<String, Convoy> convoys = new ConcurrentHashMap<>();
  final Map<String, Refinery> refineries = new ConcurrentHashMap<>();
  final Map<String, Pod> pods = new ConcurrentHashMap<>();
  volatile boolean synced = true;
  volatile RuntimeException failure;

  public StaticClusterView with(Polecat polecat) {
    polecats.put(
        polecat.getMetadata().getNamespace() + "/" + polecat.getMetadata().getName(), polecat);
    return this;
  }

  public StaticClusterView with(Rig rig) {
    if (rig != null) {
      rigs.put(rig.getMetadata().getName(), rig);
    }
    return this;
  }

  public StaticClusterView with(BeadStore beadStore) {
    if (beadStore != null) {
      beadStores.put(beadStore.getSpec().getRigRef(), beadStore);
    }
    return this;
  }

  public StaticClusterView with(Refinery refinery) {
    refineries.put(
        refinery.getMetadata().getNamespace() + "/" + refinery.getMetadata().getName(), refinery);
    return this;
  }

  public StaticClusterView with(Convoy convoy) {
    convoys.put(convoy.getMetadata().getNamespace() + "/" + convoy.getMetadata().getName(), convoy);
    return this;
  }

  /**
   * A polecat Pod as the cache would hold it (keyed by namespace and name: putting it again updates
   * it).
   */
  public StaticClusterView with(Pod pod) {
    pods.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), pod);
    return this;
  }

  StaticClusterView withSecrets(String namespace, String... names) {
    for (String name : names) {
      secrets.add(namespace + "/" + name);
    }
    return this;
  }

  /** Every Secret exists. */
  public StaticClusterView withAnySecret() {
    secrets.add("*");
    return this;
  }

  @Override
  public Optional<Polecat> polecat(String namespace, String name) {
    failIfAsked();
    requireSyntax(namespace, io.gastown.validation.KubernetesSyntax.dns1123Label(namespace));
    requireSyntax(name, io.gastown.validation.KubernetesSyntax.dns1123Subdomain(name));
    return Optional.ofNullable(polecats.get(namespace + "/" + name));
  }

  @Override
  public Optional<Rig> rig(String name) {
    failIfAsked();
    requireSyntax(name, io.gastown.validation.KubernetesSyntax.dns1123Label(name));
    return Optional.ofNullable(rigs.get(name));
  }

  @Override
  public Optional<BeadStore> beadStoreOf(String rig, String namespace) {
    return Optional.ofNullable(beadStores.get(rig));
  }

  @Override
  public boolean secretExists(String namespace, String name) {
    requireSyntax(namespace, io.gastown.validation.KubernetesSyntax.dns1123Label(namespace));
    requireSyntax(name, io.gastown.validation.KubernetesSyntax.dns1123Subdomain(name));
    return secrets.contains("*") || secrets.contains(namespace + "/" + name);
  }

  @Override
  public List<Convoy> convoys(String namespace) {
    return convoys.values().stream()
        .filter(c -> namespace.equals(c.getMetadata().getNamespace()))
        .toList();
  }

  @Override
  public Optional<Refinery> refinery(String namespace, String name) {
    return Optional.ofNullable(refineries.get(namespace + "/" + name));
  }

  @Override
  public List<Polecat> polecats(String namespace) {
    return polecats.values().stream()
        .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
        .toList();
  }

  @Override
  public List<Pod> polecatPods(String rig) {
    return pods.values().stream()
        .filter(
            p ->
                p.getMetadata().getLabels() != null
                    && rig.equals(p.getMetadata().getLabels().get(GasTown.LABEL_RIG)))
        .toList();
  }

  @Override
  public boolean synced() {
    return synced;
  }

  /**
   * As the apiserver's URL would: a lookup by a value that is no name is a bug of the caller (a 500
   * here).
   */
  private static void requireSyntax(String value, String rule) {
    if (rule != null) {
      throw new IllegalStateException("looked up by a value that is no name: " + value);
    }
  }

  private void failIfAsked() {
    if (failure != null) {
      throw failure;
    }
  }

  Set<String> secretNames() {
    return new HashSet<>(secrets);
  }
}
