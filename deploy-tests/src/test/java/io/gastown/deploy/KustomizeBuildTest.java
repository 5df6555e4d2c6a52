package io.gastown.deploy;

import static io.gastown.deploy.Manifests.find;
import static io.gastown.deploy.Manifests.get;
import static io.gastown.deploy.Manifests.list;
import static io.gastown.deploy.Manifests.map;
import static io.gastown.deploy.Manifests.maps;
import static io.gastown.deploy.Manifests.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Builds kustomize/base and every overlay with kubectl 1.33 (kustomize v5) and checks what gets
 * installed.
 */
class KustomizeBuildTest {
  static final List<String> KINDS =
      List.of("polecats", "rigs", "convoys", "witnesses", "refineries", "beadstores");
  static final String SYSTEM_NAMESPACE = "gastown-system";
  static final String TLS_SECRET = "gastown-webhook-tls";

  @Test
  void everyOverlayDirectoryIsCoveredByTheseTests() throws IOException {
    try (Stream<Path> dirs = Files.list(Manifests.root().resolve("kustomize/overlays"))) {
      assertThat(dirs.filter(Files::isDirectory).map(d -> "kustomize/overlays/" + d.getFileName()))
          .containsExactlyInAnyOrderElementsOf(Overlays.INSTALLABLE);
    }
  }

  @Test
  void noKustomizationUsesDeprecatedFields() throws IOException {
    for (String tree : List.of("kustomize", "argocd")) {
      try (Stream<Path> files = Files.walk(Manifests.root().resolve(tree))) {
        for (Path file :
            files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList()) {
          String text = Files.readString(file);
          assertThat(text)
              .as(file.toString())
              .doesNotContainPattern(
                  "(?m)^(vars|commonLabels|bases|patchesStrategicMerge|patchesJson6902|imageTags):");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        Overlays.BASE,
        Overlays.CERT_MANAGER,
        Overlays.OPENSHIFT,
        Overlays.OPENSHIFT_FIPS,
        Overlays.DEV,
        Overlays.DEV_IN_CLUSTER
      })
  void buildsAndKeepsTheContracts(String directory) {
    List<Map<String, Object>> objects = Overlays.build(directory);

    assertThat(ofKind(objects, "CustomResourceDefinition"))
        .extracting(o -> get(o, "metadata.name"))
        .containsExactlyInAnyOrderElementsOf(
            KINDS.stream().map(k -> k + ".gastown.gastown.io").toList());
    for (Map<String, Object> crd : ofKind(objects, "CustomResourceDefinition")) {
      Map<String, Object> annotations = map(crd, "metadata.annotations");
      assertThat(annotations)
          .containsEntry("argocd.argoproj.io/sync-wave", "-2")
          .containsEntry("argocd.argoproj.io/sync-options", "Prune=false,Delete=false");
    }
    assertThat(map(find(objects, "Namespace", SYSTEM_NAMESPACE), "metadata.labels"))
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    webhookDeploymentKeepsTheContract(find(objects, "Deployment", "gastown-webhook"));
    reporterDeploymentKeepsTheContract(find(objects, "Deployment", "gastown-status-reporter"));
    serviceSelectsTheWebhookPods(objects, !directory.equals(Overlays.DEV_IN_CLUSTER));
    mutatingWebhookSelectsOnlyOptedInPolecatPods(
        find(objects, "MutatingWebhookConfiguration", "gastown-webhook"));
    validatingWebhookCoversEveryKind(
        find(objects, "ValidatingWebhookConfiguration", "gastown-webhook"));
    rbacIsLeastPrivilege(objects);
    everyWorkloadIsRestricted(objects);
  }

  private static void webhookDeploymentKeepsTheContract(Map<String, Object> deployment) {
    assertThat(get(deployment, "metadata.namespace")).isEqualTo(SYSTEM_NAMESPACE);
    assertThat(get(deployment, "spec.template.spec.serviceAccountName"))
        .isEqualTo("gastown-webhook");
    Map<String, Object> container = maps(deployment, "spec.template.spec.containers").get(0);
    assertThat(get(container, "image").toString()).startsWith("ghcr.io/gastown/gastown-system");
    assertThat(list(container, "args")).containsExactly("webhook");
    assertThat(maps(container, "ports"))
        .singleElement()
        .satisfies(
            p -> assertThat(p).containsEntry("containerPort", 8443).containsEntry("name", "https"));
    assertThat(env(container))
        .containsEntry("GASTOWN_PORT", "8443")
        .containsEntry("GASTOWN_TLS_CERT", "/etc/gastown/tls/tls.crt")
        .containsEntry("GASTOWN_TLS_KEY", "/etc/gastown/tls/tls.key")
        .containsEntry("GASTOWN_PLATFORM_CONFIG", "/etc/gastown/platform/platform.yaml");
    assertThat(get(container, "livenessProbe.httpGet.path")).isEqualTo("/healthz");
    assertThat(get(container, "readinessProbe.httpGet.path")).isEqualTo("/readyz");
    assertThat(get(container, "readinessProbe.httpGet.scheme")).isEqualTo("HTTPS");
    assertThat(get(container, "resources.requests.cpu")).isNotNull();
    assertThat(get(container, "resources.limits.memory")).isNotNull();
    assertThat(mountPathOfSecret(deployment, container, TLS_SECRET)).isEqualTo("/etc/gastown/tls");
  }

  private static void reporterDeploymentKeepsTheContract(Map<String, Object> deployment) {
    assertThat(get(deployment, "spec.template.spec.serviceAccountName"))
        .isEqualTo("gastown-status-reporter");
    Map<String, Object> container = maps(deployment, "spec.template.spec.containers").get(0);
    assertThat(list(container, "args")).containsExactly("status-reporter");
    assertThat(env(container)).containsEntry("GASTOWN_HTTP_PORT", "8080");
    assertThat(fieldRefs(container))
        .containsEntry("POD_NAME", "metadata.name")
        .containsEntry("POD_NAMESPACE", "metadata.namespace");
    assertThat(get(container, "livenessProbe.httpGet.path")).isEqualTo("/healthz");
    assertThat(get(container, "readinessProbe.httpGet.path")).isEqualTo("/readyz");
    assertThat(get(container, "readinessProbe.httpGet.port")).isIn("http", 8080);
  }

  /** {@code highlyAvailable}: false for a single-node development cluster only. */
  private static void serviceSelectsTheWebhookPods(
      List<Map<String, Object>> objects, boolean highlyAvailable) {
    Map<String, Object> service = find(objects, "Service", "gastown-webhook");
    Map<String, Object> podLabels =
        map(find(objects, "Deployment", "gastown-webhook"), "spec.template.metadata.labels");
    assertThat(podLabels).containsAllEntriesOf(map(service, "spec.selector"));
    assertThat(maps(service, "spec.ports"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.get("port")).isEqualTo(443);
              assertThat(p.get("targetPort")).isIn("https", 8443);
            });
    Map<String, Object> pdb = find(objects, "PodDisruptionBudget", "gastown-webhook");
    assertThat(podLabels).containsAllEntriesOf(map(pdb, "spec.selector.matchLabels"));
    int replicas = (Integer) get(find(objects, "Deployment", "gastown-webhook"), "spec.replicas");
    if (replicas > 0 && highlyAvailable) {
      assertThat(replicas)
          .as("webhook replicas (failurePolicy Fail needs HA)")
          .isGreaterThanOrEqualTo(2);
      assertThat(get(pdb, "spec.minAvailable")).isEqualTo(1);
    }
  }

  private static void mutatingWebhookSelectsOnlyOptedInPolecatPods(
      Map<String, Object> configuration) {
    List<Map<String, Object>> webhooks = maps(configuration, "webhooks");
    // Polecat Pods and the Pods of Refinery merge runs: one label each.
    assertThat(webhooks)
        .extracting(w -> maps(w, "objectSelector.matchExpressions"))
        .containsExactly(
            List.of(Map.of("key", "gastown.io/polecat", "operator", "Exists")),
            List.of(Map.of("key", "gastown.io/refinery", "operator", "Exists")));
    for (Map<String, Object> webhook : webhooks) {
      assertThat(list(webhook, "admissionReviewVersions")).containsExactly("v1");
      assertThat(webhook)
          .containsEntry("sideEffects", "None")
          .containsEntry("failurePolicy", "Fail");
      assertThat((Integer) webhook.get("timeoutSeconds")).isBetween(1, 10);
      assertThat(maps(webhook, "rules"))
          .singleElement()
          .satisfies(
              rule -> {
                assertThat(list(rule, "operations")).containsExactly("CREATE");
                assertThat(list(rule, "resources")).containsExactly("pods");
                assertThat(list(rule, "apiGroups")).containsExactly("");
              });
      List<Map<String, Object>> namespaceRules =
          maps(webhook, "namespaceSelector.matchExpressions");
      assertThat(namespaceRules)
          .contains(
              Map.of("key", "gastown.io/polecats", "operator", "In", "values", List.of("enabled")));
      assertThat(namespaceRules)
          .anySatisfy(
              rule -> {
                assertThat(rule)
                    .containsEntry("key", "kubernetes.io/metadata.name")
                    .containsEntry("operator", "NotIn");
                assertThat(list(rule, "values")).contains(SYSTEM_NAMESPACE, "kube-system");
              });
      assertThat(clientPath(webhook)).isEqualTo("/mutate/pods");
    }
  }

  private static void validatingWebhookCoversEveryKind(Map<String, Object> configuration) {
    List<Map<String, Object>> webhooks = maps(configuration, "webhooks");
    assertThat(webhooks)
        .extracting(w -> list(w, "rules.0.resources").get(0))
        .containsExactlyElementsOf(KINDS);
    for (Map<String, Object> webhook : webhooks) {
      String kind = (String) list(webhook, "rules.0.resources").get(0);
      assertThat(clientPath(webhook)).isEqualTo("/validate/" + kind);
      assertThat(list(webhook, "rules.0.operations")).containsExactlyInAnyOrder("CREATE", "UPDATE");
      assertThat(list(webhook, "rules.0.apiGroups")).containsExactly("gastown.gastown.io");
      assertThat(webhook).containsEntry("sideEffects", "None");
      assertThat(list(webhook, "admissionReviewVersions")).containsExactly("v1");
    }
  }

  private static void rbacIsLeastPrivilege(List<Map<String, Object>> objects) {
    List<Map<String, Object>> reporter =
        maps(find(objects, "ClusterRole", "gastown-status-reporter"), "rules");
    for (Map<String, Object> rule : reporter) {
      if (list(rule, "apiGroups").contains("gastown.gastown.io")) {
        boolean writes =
            list(rule, "verbs").stream()
                .anyMatch(v -> List.of("update", "patch", "create", "delete").contains(v));
        if (writes) {
          assertThat(list(rule, "resources"))
              .as("the reporter writes only /status")
              .allSatisfy(r -> assertThat(r.toString()).endsWith("/status"));
        }
      }
    }
    assertThat(reporter)
        .anySatisfy(rule -> assertThat(list(rule, "resources")).contains("pods/log"));
    List<Map<String, Object>> webhook =
        maps(find(objects, "ClusterRole", "gastown-webhook"), "rules");
    assertThat(webhook)
        .allSatisfy(
            rule ->
                assertThat(list(rule, "verbs"))
                    .doesNotContain("create", "update", "patch", "delete", "*"));
    assertThat(webhook)
        .filteredOn(rule -> list(rule, "resources").contains("secrets"))
        .singleElement()
        .satisfies(rule -> assertThat(list(rule, "verbs")).containsExactly("get"));
    // Pods are watched to count the Rig's and the Convoys' slots at admission: never read one by
    // one, never written.
    assertThat(webhook)
        .filteredOn(rule -> list(rule, "resources").contains("pods"))
        .singleElement()
        .satisfies(
            rule -> assertThat(list(rule, "verbs")).containsExactlyInAnyOrder("list", "watch"));
    Map<String, Object> leases = find(objects, "Role", "gastown-status-reporter-leader-election");
    assertThat(get(leases, "metadata.namespace")).isEqualTo(SYSTEM_NAMESPACE);
    assertThat(maps(leases, "rules"))
        .allSatisfy(rule -> assertThat(list(rule, "resources")).containsExactly("leases"));
  }

  private static void everyWorkloadIsRestricted(List<Map<String, Object>> objects) {
    for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
      Map<String, Object> pod = map(deployment, "spec.template.spec");
      assertThat(get(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
      assertThat(get(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
      for (Map<String, Object> container : maps(pod, "containers")) {
        assertThat(get(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        assertThat(get(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(list(container, "securityContext.capabilities.drop")).containsExactly("ALL");
      }
    }
  }

  @Test
  void baseHasNoCaMechanismAndNoCaBundle() {
    List<Map<String, Object>> objects = Overlays.build(Overlays.BASE);
    assertThat(Manifests.pathsOfKey(objects, "caBundle")).isEmpty();
    assertThat(objects)
        .noneMatch(o -> get(o, "apiVersion").toString().startsWith("cert-manager.io/"));
  }

  @Nested
  class CertManager {
    final List<Map<String, Object>> objects = Overlays.build(Overlays.CERT_MANAGER);

    @Test
    void injectsTheCaOfTheWebhookCertificateIntoBothConfigurations() {
      for (String kind :
          List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
        assertThat(map(find(objects, kind, "gastown-webhook"), "metadata.annotations"))
            .containsEntry("cert-manager.io/inject-ca-from", SYSTEM_NAMESPACE + "/gastown-webhook");
      }
      assertThat(Manifests.pathsOfKey(objects, "caBundle"))
          .as("git never carries caBundle")
          .isEmpty();
    }

    @Test
    void certificateIsForTheServiceAndLandsInTheMountedSecret() {
      Map<String, Object> certificate = find(objects, "Certificate", "gastown-webhook");
      assertThat(get(certificate, "metadata.namespace")).isEqualTo(SYSTEM_NAMESPACE);
      assertThat(list(certificate, "spec.dnsNames"))
          .containsExactly(
              "gastown-webhook.gastown-system.svc",
              "gastown-webhook.gastown-system.svc.cluster.local");
      assertThat(get(certificate, "spec.secretName")).isEqualTo(TLS_SECRET);
      String issuer = (String) get(certificate, "spec.issuerRef.name");
      Map<String, Object> caIssuer = find(objects, "Issuer", issuer);
      Map<String, Object> ca =
          objects.stream()
              .filter(
                  o ->
                      "Certificate".equals(o.get("kind"))
                          && get(caIssuer, "spec.ca.secretName").equals(get(o, "spec.secretName")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no CA Certificate behind Issuer " + issuer));
      assertThat(get(ca, "spec.isCA")).isEqualTo(true);
      find(objects, "Issuer", (String) get(ca, "spec.issuerRef.name"));
    }
  }

  @Nested
  @SuppressWarnings("unchecked")
  class OpenShift {
    @ParameterizedTest
    @ValueSource(strings = {Overlays.OPENSHIFT, Overlays.OPENSHIFT_FIPS})
    void setsNoFixedIdsAnywhere(String overlay) {
      List<Map<String, Object>> objects = Overlays.build(overlay);
      for (String key : List.of("runAsUser", "runAsGroup", "fsGroup")) {
        assertThat(Manifests.pathsOfKey(objects, key)).as(key).isEmpty();
      }
      assertThat(Overlays.buildText(overlay)).doesNotContain("runAsUser");
    }

    @ParameterizedTest
    @ValueSource(strings = {Overlays.OPENSHIFT, Overlays.OPENSHIFT_FIPS})
    void usesServiceCaForTheCertificateAndTheCaBundle(String overlay) {
      List<Map<String, Object>> objects = Overlays.build(overlay);
      assertThat(map(find(objects, "Service", "gastown-webhook"), "metadata.annotations"))
          .containsEntry("service.beta.openshift.io/serving-cert-secret-name", TLS_SECRET);
      for (String kind :
          List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
        Map<String, Object> annotations =
            map(find(objects, kind, "gastown-webhook"), "metadata.annotations");
        assertThat(annotations)
            .containsEntry("service.beta.openshift.io/inject-cabundle", "true")
            .doesNotContainKey("cert-manager.io/inject-ca-from");
      }
      assertThat(objects)
          .noneMatch(o -> get(o, "apiVersion").toString().startsWith("cert-manager.io/"));
    }

    @Test
    void tellsTheWebhookItIsOnOpenShift() {
      Map<String, Object> data =
          map(find(Overlays.build(Overlays.OPENSHIFT), "ConfigMap", "gastown-platform"), "data");
      assertThat(data.get("platform.yaml").toString()).containsPattern("(?m)^openshift: true$");
      Map<String, Object> plain =
          map(find(Overlays.build(Overlays.CERT_MANAGER), "ConfigMap", "gastown-platform"), "data");
      assertThat(plain.get("platform.yaml").toString()).containsPattern("(?m)^openshift: false$");
    }

    @Test
    void fipsVariantSwapsEverySystemAndPolecatImage() {
      List<Map<String, Object>> objects = Overlays.build(Overlays.OPENSHIFT_FIPS);
      for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
        assertThat(maps(deployment, "spec.template.spec.containers"))
            .allSatisfy(
                c ->
                    assertThat(c.get("image").toString())
                        .startsWith("ghcr.io/gastown/gastown-system-fips:"));
      }
      String platform =
          map(find(objects, "ConfigMap", "gastown-platform"), "data")
              .get("platform.yaml")
              .toString();
      Map<String, Object> config =
          (Map<String, Object>) io.gastown.template.Yamls.loadAll(platform).get(0);
      assertThat(config).containsEntry("openshift", true);
      assertThat(map(config, "images"))
          .containsOnlyKeys("git-init", "claude-code", "opencode", "aider", "custom")
          .allSatisfy(
              (agent, image) ->
                  assertThat(image.toString()).startsWith("ghcr.io/gastown/polecat-agent-fips:"));
    }
  }

  @Nested
  class Dev {
    final List<Map<String, Object>> objects = Overlays.build(Overlays.DEV);

    @Test
    void webhooksCallTheLocalWebhookAndTrustTheGeneratedCa() throws Exception {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      X509Certificate ca =
          (X509Certificate)
              x509.generateCertificate(
                  Files.newInputStream(Overlays.devCertificates().resolve("ca.crt")));
      X509Certificate serving =
          (X509Certificate)
              x509.generateCertificate(
                  Files.newInputStream(Overlays.devCertificates().resolve("tls.crt")));
      serving.verify(ca.getPublicKey());
      assertThat(
              serving.getSubjectAlternativeNames().stream()
                  .map(san -> san.get(1).toString())
                  .toList())
          .contains("localhost", "127.0.0.1", "gastown-webhook.gastown-system.svc");

      for (String kind :
          List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
        for (Map<String, Object> webhook :
            maps(find(objects, kind, "gastown-webhook"), "webhooks")) {
          String caBundle = ((String) get(webhook, "clientConfig.caBundle")).replaceAll("\\s", "");
          X509Certificate trusted =
              (X509Certificate)
                  x509.generateCertificate(
                      new ByteArrayInputStream(Base64.getDecoder().decode(caBundle)));
          assertThat(trusted).as(kind + " caBundle").isEqualTo(ca);
          assertThat((String) get(webhook, "clientConfig.url"))
              .startsWith("https://127.0.0.1:8443/");
          assertThat(get(webhook, "clientConfig.service")).isNull();
        }
      }
    }

    @Test
    void shipsTheServingCertificateButNeitherTheCaKeyNorTheCaCarrier() throws IOException {
      Map<String, Object> tls =
          objects.stream()
              .filter(
                  o ->
                      "Secret".equals(o.get("kind"))
                          && get(o, "metadata.name").toString().startsWith(TLS_SECRET))
              .findFirst()
              .orElseThrow();
      assertThat(tls).containsEntry("type", "kubernetes.io/tls");
      assertThat(ofKind(objects, "Secret")).hasSize(1);
      String caKey = Files.readString(Overlays.devCertificates().resolve("ca.key"));
      for (Map<String, Object> secret : ofKind(objects, "Secret")) {
        for (Object value : map(secret, "data").values()) {
          assertThat(new String(Base64.getDecoder().decode(value.toString().replaceAll("\\s", ""))))
              .as("the CA's private key must never be applied")
              .isNotEqualTo(caKey);
        }
      }
      String mounted =
          (String)
              maps(find(objects, "Deployment", "gastown-webhook"), "spec.template.spec.volumes")
                  .stream()
                  .filter(v -> "tls".equals(v.get("name")))
                  .findFirst()
                  .map(v -> get(v, "secret.secretName"))
                  .orElseThrow();
      assertThat(mounted).isEqualTo(get(tls, "metadata.name"));
    }

    @Test
    void runsNoSystemPodsInTheCluster() {
      assertThat(ofKind(objects, "Deployment"))
          .allSatisfy(d -> assertThat(get(d, "spec.replicas")).isEqualTo(0));
    }
  }

  @Nested
  class DevInCluster {
    final List<Map<String, Object>> objects = Overlays.build(Overlays.DEV_IN_CLUSTER);

    @Test
    void webhooksCallTheServiceAndTrustTheGeneratedCaWhoseCertificateNamesIt() throws Exception {
      CertificateFactory x509 = CertificateFactory.getInstance("X.509");
      X509Certificate ca =
          (X509Certificate)
              x509.generateCertificate(
                  Files.newInputStream(Overlays.devCertificates().resolve("ca.crt")));
      X509Certificate serving =
          (X509Certificate)
              x509.generateCertificate(
                  Files.newInputStream(Overlays.devCertificates().resolve("tls.crt")));
      serving.verify(ca.getPublicKey());
      Map<String, Object> service = find(objects, "Service", "gastown-webhook");
      String serviceName = get(service, "metadata.name") + "." + get(service, "metadata.namespace");
      assertThat(
              serving.getSubjectAlternativeNames().stream()
                  .map(san -> san.get(1).toString())
                  .toList())
          .contains(serviceName + ".svc", serviceName + ".svc.cluster.local");

      for (String kind :
          List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
        for (Map<String, Object> webhook :
            maps(find(objects, kind, "gastown-webhook"), "webhooks")) {
          String caBundle = ((String) get(webhook, "clientConfig.caBundle")).replaceAll("\\s", "");
          X509Certificate trusted =
              (X509Certificate)
                  x509.generateCertificate(
                      new ByteArrayInputStream(Base64.getDecoder().decode(caBundle)));
          assertThat(trusted).as(kind + " caBundle").isEqualTo(ca);
          assertThat(get(webhook, "clientConfig.url")).isNull();
          assertThat(get(webhook, "clientConfig.service.name")).isEqualTo("gastown-webhook");
          assertThat(get(webhook, "clientConfig.service.namespace")).isEqualTo(SYSTEM_NAMESPACE);
          assertThat(get(webhook, "clientConfig.service.port")).isEqualTo(443);
        }
      }
    }

    @Test
    void runsOneWebhookAndOneReporterFromTheImageOnTheNode() {
      for (String name : List.of("gastown-webhook", "gastown-status-reporter")) {
        Map<String, Object> deployment = find(objects, "Deployment", name);
        assertThat(get(deployment, "spec.replicas")).as(name).isEqualTo(1);
        Map<String, Object> container = maps(deployment, "spec.template.spec.containers").get(0);
        assertThat(get(container, "imagePullPolicy")).as(name).isEqualTo("Never");
        assertThat(get(container, "image").toString())
            .startsWith("ghcr.io/gastown/gastown-system:");
      }
    }

    @Test
    void mountsTheGeneratedServingCertificate() {
      assertThat(ofKind(objects, "Secret"))
          .singleElement()
          .satisfies(
              tls -> {
                assertThat(tls).containsEntry("type", "kubernetes.io/tls");
                assertThat(
                        maps(
                                find(objects, "Deployment", "gastown-webhook"),
                                "spec.template.spec.volumes")
                            .stream()
                            .filter(v -> "tls".equals(v.get("name")))
                            .map(v -> get(v, "secret.secretName")))
                    .containsExactly(get(tls, "metadata.name"));
              });
    }
  }

  @Test
  void polecatNetworkPolicySelectsPolecatPodsAndAllowsOnlyDnsGitAndModel() {
    List<Map<String, Object>> objects =
        Kubectl.kustomize(Manifests.root().resolve("kustomize/polecat-network-policy"));
    Map<String, Object> policy = find(objects, "NetworkPolicy", "gastown-polecat-egress");
    assertThat(get(policy, "metadata.namespace")).as("lands in the rig's namespace").isNull();
    assertThat(maps(policy, "spec.podSelector.matchExpressions"))
        .containsExactly(Map.of("key", "gastown.io/polecat", "operator", "Exists"));
    assertThat(list(policy, "spec.policyTypes")).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(list(policy, "spec.ingress")).isEmpty();
    List<Object> ports =
        maps(policy, "spec.egress").stream()
            .flatMap(rule -> maps(rule, "ports").stream())
            .map(p -> p.get("port"))
            .distinct()
            .toList();
    assertThat(ports).contains(53, 22, 443).doesNotContain(80);
  }

  private static String clientPath(Map<String, Object> webhook) {
    Object servicePath = get(webhook, "clientConfig.service.path");
    if (servicePath != null) {
      assertThat(get(webhook, "clientConfig.service.name")).isEqualTo("gastown-webhook");
      assertThat(get(webhook, "clientConfig.service.namespace")).isEqualTo(SYSTEM_NAMESPACE);
      assertThat(get(webhook, "clientConfig.service.port")).isEqualTo(443);
      return (String) servicePath;
    }
    String url = (String) get(webhook, "clientConfig.url");
    return url.substring(url.indexOf('/', "https://".length()));
  }

  private static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> env = new java.util.TreeMap<>();
    for (Map<String, Object> e : maps(container, "env")) {
      if (e.get("value") != null) {
        env.put((String) e.get("name"), e.get("value").toString());
      }
    }
    return env;
  }

  private static Map<String, String> fieldRefs(Map<String, Object> container) {
    Map<String, String> refs = new java.util.TreeMap<>();
    for (Map<String, Object> e : maps(container, "env")) {
      Object path = get(e, "valueFrom.fieldRef.fieldPath");
      if (path != null) {
        refs.put((String) e.get("name"), path.toString());
      }
    }
    return refs;
  }

  /**
   * The mount path of the Secret volume named {@code secret} (or {@code secret-<hash>} from a
   * generator).
   */
  private static String mountPathOfSecret(
      Map<String, Object> deployment, Map<String, Object> container, String secret) {
    String volume =
        maps(deployment, "spec.template.spec.volumes").stream()
            .filter(
                v -> get(v, "secret.secretName") instanceof String name && name.startsWith(secret))
            .map(v -> (String) v.get("name"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no volume for Secret " + secret));
    return maps(container, "volumeMounts").stream()
        .filter(m -> volume.equals(m.get("name")))
        .map(m -> (String) m.get("mountPath"))
        .findFirst()
        .orElseThrow();
  }
}
