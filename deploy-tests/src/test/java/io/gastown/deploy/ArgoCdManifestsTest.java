package io.gastown.deploy;

import static io.gastown.deploy.Manifests.find;
import static io.gastown.deploy.Manifests.get;
import static io.gastown.deploy.Manifests.list;
import static io.gastown.deploy.Manifests.map;
import static io.gastown.deploy.Manifests.maps;
import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.model.GasTown;
import io.gastown.template.Yamls;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * argocd/ and argocd/openshift-gitops/ build, and wire the rigs to the webhook and the system to an
 * overlay.
 */
class ArgoCdManifestsTest {
  static final String VANILLA = "argocd";
  static final String OPENSHIFT = "argocd/openshift-gitops";

  static List<Map<String, Object>> build(String directory) {
    return Kubectl.kustomize(Manifests.root().resolve(directory));
  }

  @ParameterizedTest
  @ValueSource(strings = {VANILLA, OPENSHIFT})
  void rigApplicationsCreateNamespacesTheWebhookSelects(String directory) {
    Map<String, Object> appSet = find(build(directory), "ApplicationSet", "gastown-rigs");
    assertThat(maps(appSet, "spec.generators.0.git.directories"))
        .extracting(d -> d.get("path"))
        .contains("rigs/*");
    assertThat(get(appSet, "spec.goTemplate")).isEqualTo(true);
    Map<String, Object> spec = map(appSet, "spec.template.spec");
    assertThat(get(spec, "project")).isEqualTo("gastown-rigs");
    assertThat(get(spec, "syncPolicy.automated.prune")).isEqualTo(true);
    assertThat(get(spec, "syncPolicy.automated.selfHeal")).isEqualTo(true);
    assertThat(list(spec, "syncPolicy.syncOptions"))
        .contains("ServerSideApply=true", "CreateNamespace=true");

    // The label Argo CD puts on a rig namespace is the one the mutating webhook's namespaceSelector
    // requires.
    Map<String, Object> namespaceLabels = map(spec, "syncPolicy.managedNamespaceMetadata.labels");
    Map<String, Object> webhook =
        maps(
                find(
                    Overlays.build(Overlays.BASE),
                    "MutatingWebhookConfiguration",
                    "gastown-webhook"),
                "webhooks")
            .get(0);
    Map<String, Object> optIn =
        maps(webhook, "namespaceSelector.matchExpressions").stream()
            .filter(e -> "In".equals(e.get("operator")))
            .findFirst()
            .orElseThrow();
    assertThat(list(optIn, "values")).contains(namespaceLabels.get(optIn.get("key")));
    // The same labels kubectl gt writes on a rig's Namespace (their one home).
    assertThat(namespaceLabels)
        .containsAllEntriesOf(GasTown.rigNamespaceLabels("{{.path.basename}}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {VANILLA, OPENSHIFT})
  void rigProjectWhitelistsPodsSoTheyShowUnderTheirJobs(String directory) {
    Map<String, Object> project = find(build(directory), "AppProject", "gastown-rigs");
    List<Map<String, Object>> namespaced = maps(project, "spec.namespaceResourceWhitelist");
    assertThat(namespaced)
        .contains(
            Map.of("group", "", "kind", "Pod"),
            Map.of("group", "batch", "kind", "Job"),
            Map.of("group", "batch", "kind", "CronJob"),
            Map.of("group", "gastown.gastown.io", "kind", "Refinery"),
            Map.of("group", "gastown.gastown.io", "kind", "Polecat"),
            Map.of("group", "gastown.gastown.io", "kind", "Convoy"));
    assertThat(maps(project, "spec.clusterResourceWhitelist"))
        .containsExactlyInAnyOrder(
            Map.of("group", "", "kind", "Namespace"),
            Map.of("group", "gastown.gastown.io", "kind", "Rig"));
    assertThat(maps(project, "spec.destinations"))
        .extracting(d -> d.get("namespace"))
        .contains("!gastown-system", "!kube-*");
    Map<String, Object> appSet = find(build(directory), "ApplicationSet", "gastown-rigs");
    assertThat(list(project, "spec.sourceRepos"))
        .containsExactly(get(appSet, "spec.generators.0.git.repoURL"));
  }

  @ParameterizedTest
  @ValueSource(strings = {VANILLA, OPENSHIFT})
  void systemApplicationSyncsAnExistingOverlayAndIgnoresInjectedCaBundles(String directory) {
    List<Map<String, Object>> objects = build(directory);
    Map<String, Object> app = find(objects, "Application", "gastown-system");
    String path = (String) get(app, "spec.source.path");
    assertThat(Overlays.INSTALLABLE).contains(path);
    assertThat(Files.isRegularFile(Manifests.root().resolve(path).resolve("kustomization.yaml")))
        .isTrue();
    assertThat(path)
        .isEqualTo(directory.equals(OPENSHIFT) ? Overlays.OPENSHIFT : Overlays.CERT_MANAGER);
    assertThat(maps(app, "spec.ignoreDifferences"))
        .extracting(d -> d.get("kind"))
        .containsExactlyInAnyOrder(
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");
    assertThat(maps(app, "spec.ignoreDifferences"))
        .allSatisfy(
            d -> {
              assertThat(d).containsEntry("group", "admissionregistration.k8s.io");
              assertThat(list(d, "jqPathExpressions"))
                  .containsExactly(".webhooks[]?.clientConfig.caBundle");
            });
    assertThat(list(app, "spec.syncPolicy.syncOptions"))
        .contains("ServerSideApply=true", "RespectIgnoreDifferences=true");
    assertThat(list(find(objects, "AppProject", "gastown-system"), "spec.sourceRepos"))
        .containsExactly(get(app, "spec.source.repoURL"));
    String namespace = directory.equals(OPENSHIFT) ? "openshift-gitops" : "argocd";
    assertThat(objects)
        .allSatisfy(o -> assertThat(get(o, "metadata.namespace")).isEqualTo(namespace));
  }

  @Test
  @SuppressWarnings("unchecked")
  void vanillaRigApplicationsUseThePluginTheSidecarServes() throws Exception {
    Map<String, Object> appSet = find(build(VANILLA), "ApplicationSet", "gastown-rigs");
    String plugin = (String) get(appSet, "spec.template.spec.source.plugin.name");
    Map<String, Object> config =
        Yamls.loadAll(Files.readString(Manifests.root().resolve("argocd/cmp/plugin.yaml"))).stream()
            .map(d -> (Map<String, Object>) d)
            .findFirst()
            .orElseThrow();
    assertThat(get(config, "kind")).isEqualTo("ConfigManagementPlugin");
    assertThat(get(config, "metadata.name"))
        .as("the socket name the repo-server looks for")
        .isEqualTo(plugin);
    assertThat(get(config, "spec.version")).as("a version would rename the socket").isNull();
    assertThat(list(config, "spec.generate.command")).containsExactly("gastown-cmp");

    Map<String, Object> openshift = find(build(OPENSHIFT), "ApplicationSet", "gastown-rigs");
    assertThat(get(openshift, "spec.template.spec.source.plugin"))
        .as("no sidecar on OpenShift GitOps yet")
        .isNull();
  }

  @Test
  void theComponentAddsTheSidecarToArgoCdsOwnRepoServer() {
    List<Map<String, Object>> objects =
        Kubectl.kustomize(
            Manifests.root()
                .resolve("deploy-tests/src/test/resources/third-party/argocd-repo-server"));
    Map<String, Object> deployment = find(objects, "Deployment", "argocd-repo-server");
    Map<String, Object> sidecar =
        maps(deployment, "spec.template.spec.containers").stream()
            .filter(c -> "gastown-cmp".equals(c.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(list(sidecar, "command")).containsExactly("/var/run/argocd/argocd-cmp-server");
    assertThat(get(sidecar, "securityContext.runAsUser"))
        .as("the repo-server's user, to share the socket")
        .isEqualTo(999);
    assertThat(maps(sidecar, "volumeMounts"))
        .extracting(m -> m.get("name") + ":" + m.get("mountPath"))
        .contains(
            "var-files:/var/run/argocd",
            "plugins:/home/argocd/cmp-server/plugins",
            "gastown-cmp-plugin:/home/argocd/cmp-server/config/plugin.yaml");
    List<Object> volumes =
        maps(deployment, "spec.template.spec.volumes").stream()
            .map(v -> v.get("name"))
            .map(Object.class::cast)
            .toList();
    assertThat(volumes)
        .as("upstream's volumes kept, the plugin's added")
        .contains("var-files", "plugins", "gastown-cmp-plugin", "gastown-cmp-tmp");
    assertThat(maps(deployment, "spec.template.spec.containers"))
        .extracting(c -> c.get("name"))
        .contains("argocd-repo-server");
    Map<String, Object> configMap = find(objects, "ConfigMap", "gastown-cmp-plugin");
    assertThat(get(configMap, "metadata.namespace")).isEqualTo("argocd");
    assertThat((String) map(configMap, "data").get("plugin.yaml")).contains("name: gastown-rig");
  }

  @Test
  void everyKindTheSystemInstallsIsAllowedByItsProject() {
    Map<String, Object> project = find(build(VANILLA), "AppProject", "gastown-system");
    List<Map<String, Object>> allowed =
        new java.util.ArrayList<>(maps(project, "spec.namespaceResourceWhitelist"));
    allowed.addAll(maps(project, "spec.clusterResourceWhitelist"));
    for (String overlay : List.of(Overlays.CERT_MANAGER, Overlays.OPENSHIFT)) {
      for (Map<String, Object> object : Overlays.build(overlay)) {
        String apiVersion = (String) object.get("apiVersion");
        String group =
            apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        assertThat(allowed)
            .as(overlay + ": " + object.get("kind"))
            .contains(Map.of("group", group, "kind", object.get("kind")));
      }
    }
  }
}
