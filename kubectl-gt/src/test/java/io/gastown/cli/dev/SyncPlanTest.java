package io.gastown.cli.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.cli.dev.SyncPlan.LiveObject;
import io.gastown.cli.dev.SyncPlan.SyncTask;
import io.gastown.render.Manifests;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyncPlanTest {
  static final String APP = "rig-shop";
  static final String DESTINATION = "gt-shop";
  static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "Rig");
  static final SyncPlan.Scope SCOPE = (apiVersion, kind) -> kind.equals("Unknown") ? null
      : !CLUSTER_SCOPED.contains(kind);

  static final List<JsonNode> RIG = Manifests.readAll("""
      apiVersion: batch/v1
      kind: Job
      metadata: {name: polecat-furiosa, namespace: gt-shop, annotations: {argocd.argoproj.io/sync-wave: "1"}}
      ---
      apiVersion: gastown.gastown.io/v1alpha1
      kind: Polecat
      metadata: {name: furiosa, namespace: gt-shop, annotations: {argocd.argoproj.io/sync-wave: "0"}}
      ---
      apiVersion: gastown.gastown.io/v1alpha1
      kind: Witness
      metadata: {name: shop, annotations: {argocd.argoproj.io/sync-wave: "0"}}
      ---
      apiVersion: gastown.gastown.io/v1alpha1
      kind: Rig
      metadata: {name: shop, annotations: {argocd.argoproj.io/sync-wave: "-1"}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: gt-shop, annotations: {argocd.argoproj.io/sync-wave: "-1"}}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: notes, namespace: gt-shop}
      """);

  @Test
  void appliesByWaveThenArgoKindOrderThenName() {
    SyncPlan plan = SyncPlan.of(APP, DESTINATION, "rigs/shop", RIG, SCOPE, List.of());

    assertThat(plan.tasks()).extracting(SyncTask::toString).containsExactly(
        "apply Namespace gt-shop", "apply Rig shop",
        "apply ConfigMap gt-shop/notes", "apply Polecat gt-shop/furiosa", "apply Witness gt-shop/shop",
        "apply Job gt-shop/polecat-furiosa");
    assertThat(plan.waves()).extracting(wave -> wave.get(0).wave()).containsExactly(-1, 0, 1);
  }

  @Test
  void everyObjectCarriesTheApplicationsTrackingIdAndNamespacedOnesTheDestinationNamespace() {
    SyncPlan plan = SyncPlan.of(APP, DESTINATION, "rigs/shop", RIG, SCOPE, List.of());

    assertThat(plan.applies()).extracting(t -> t.manifest().at("/metadata/annotations")
        .path(TrackingId.ANNOTATION).asText()).containsExactly(
        "rig-shop:/Namespace:gt-shop/gt-shop", "rig-shop:gastown.gastown.io/Rig:gt-shop/shop",
        "rig-shop:/ConfigMap:gt-shop/notes", "rig-shop:gastown.gastown.io/Polecat:gt-shop/furiosa",
        "rig-shop:gastown.gastown.io/Witness:gt-shop/shop", "rig-shop:batch/Job:gt-shop/polecat-furiosa");
    assertThat(plan.applies().get(4).manifest().at("/metadata/namespace").asText()).isEqualTo("gt-shop");
    assertThat(plan.applies().get(1).manifest().at("/metadata").has("namespace")).isFalse();
    assertThat(RIG.get(2).at("/metadata").has("namespace")).as("the build itself is not changed").isFalse();
  }

  @Test
  void prunesTrackedObjectsNoLongerBuiltInMirroredWaveOrder() {
    String polecats = "gastown.gastown.io/v1alpha1";
    List<LiveObject> live = List.of(
        live(polecats, "Polecat", "gt-shop", "nux", "rig-shop:gastown.gastown.io/Polecat:gt-shop/nux", 0),
        live("batch/v1", "Job", "gt-shop", "polecat-nux", "rig-shop:batch/Job:gt-shop/polecat-nux", 1),
        live(polecats, "Polecat", "gt-shop", "furiosa", "rig-shop:gastown.gastown.io/Polecat:gt-shop/furiosa", 0));

    SyncPlan plan = SyncPlan.of(APP, DESTINATION, "rigs/shop", RIG, SCOPE, live);

    assertThat(plan.prunes()).extracting(SyncTask::toString)
        .containsExactly("prune Job gt-shop/polecat-nux", "prune Polecat gt-shop/nux");
    assertThat(plan.prunes()).extracting(SyncTask::wave).containsExactly(0, 1);
  }

  @Test
  void leavesObjectsOfOtherApplicationsCopiedAnnotationsOwnedObjectsAndPruneFalseAlone() {
    List<LiveObject> live = List.of(
        live("batch/v1", "Job", "gt-lab", "polecat-rust", "rig-lab:batch/Job:gt-lab/polecat-rust", 1),
        live("batch/v1", "Job", "gt-shop", "copy", "rig-shop:batch/Job:gt-shop/polecat-nux", 1),
        live("batch/v1", "Job", "gt-shop", "garbage", "not a tracking id", 1),
        new LiveObject(new ResourceKey("batch", "Job", "gt-shop", "owned"), "batch/v1",
            "rig-shop:batch/Job:gt-shop/owned", true, 1, null),
        new LiveObject(new ResourceKey("batch", "Job", "gt-shop", "kept"), "batch/v1",
            "rig-shop:batch/Job:gt-shop/kept", false, 1, "ServerSideApply=true, Prune=false"));

    assertThat(SyncPlan.of(APP, DESTINATION, "rigs/shop", RIG, SCOPE, live).prunes()).isEmpty();
  }

  @Test
  void aNamespaceSortedAfterItsFirstObjectMovesBeforeItIntoItsWave() {
    List<JsonNode> manifests = Manifests.readAll("""
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: early, namespace: late-ns, annotations: {argocd.argoproj.io/sync-wave: "-5"}}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: late-ns}
        """);

    SyncPlan plan = SyncPlan.of(APP, DESTINATION, "rigs/shop", manifests, SCOPE, List.of());

    assertThat(plan.tasks()).extracting(SyncTask::toString)
        .containsExactly("apply Namespace late-ns", "apply ConfigMap late-ns/early");
    assertThat(plan.tasks()).extracting(SyncTask::wave).containsExactly(-5, -5);
  }

  @Test
  void badManifestsAreRefusedWithWhereAndWhat() {
    assertThatThrownBy(() -> SyncPlan.of(APP, DESTINATION, "rigs/shop at 1234567",
        Manifests.readAll("apiVersion: v1\nkind: ConfigMap\nmetadata: {namespace: x}\n"), SCOPE, List.of()))
        .hasMessage("rigs/shop at 1234567: a ConfigMap has no metadata.name: name it");
    assertThatThrownBy(() -> SyncPlan.of(APP, DESTINATION, "rigs/shop",
        Manifests.readAll("apiVersion: x/v1\nkind: Unknown\nmetadata: {name: x}\n"), SCOPE, List.of()))
        .hasMessageStartingWith("rigs/shop: the cluster does not know Unknown (x/v1)");
    assertThatThrownBy(() -> SyncPlan.of(APP, DESTINATION, "rigs/shop",
        Manifests.readAll("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n"
            + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: gt-shop}\n"), SCOPE, List.of()))
        .hasMessage("rigs/shop: ConfigMap gt-shop/a is defined twice: keep one of them");
  }

  @Test
  void trackingIdsRoundTripAndRejectOtherValues() {
    TrackingId id = TrackingId.parse("rig-shop:/Namespace:gt-shop/gt-shop").orElseThrow();
    assertThat(id).isEqualTo(new TrackingId("rig-shop", "", "Namespace", "gt-shop", "gt-shop"));
    assertThat(id.value()).isEqualTo("rig-shop:/Namespace:gt-shop/gt-shop");
    assertThat(id.names(new ResourceKey("", "Namespace", "", "gt-shop"))).isTrue();
    assertThat(id.names(new ResourceKey("", "Namespace", "", "other"))).isFalse();
    assertThat(TrackingId.parse("rig-shop")).isEmpty();
    assertThat(TrackingId.parse("rig-shop:Job:gt-shop/x")).isEmpty();
    assertThat(TrackingId.parse(null)).isEmpty();
  }

  private static LiveObject live(String apiVersion, String kind, String namespace, String name, String tracking,
      int wave) {
    return new LiveObject(new ResourceKey(ResourceKey.groupOf(apiVersion), kind, namespace, name), apiVersion,
        tracking, false, wave, null);
  }
}
