package io.gastown.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.template.TemplateValidator;
import io.gastown.testing.ControlPlaneExtension;
import io.gastown.testing.ControlPlaneInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every overlay, every argocd/ manifest, the polecat network policy and the rendered templates pass
 * a server-side dry-run apply on the real control plane: the API server validates them against the
 * real schemas (ours, Argo CD's and cert-manager's CRDs, vendored under
 * src/test/resources/third-party-crds), strictly (unknown fields are errors), including admission
 * (CEL rules, webhook configuration rules).
 */
@ExtendWith(ControlPlaneExtension.class)
class ManifestsDryRunIT {
  static final Path THIRD_PARTY_CRDS =
      Manifests.root().resolve("deploy-tests/src/test/resources/third-party-crds");
  static Path kubeconfig;

  @BeforeAll
  static void installThirdPartyCrdsAndNamespaces(ControlPlaneInfo info) throws IOException {
    kubeconfig = info.kubeconfig();
    for (String project : List.of("argocd", "cert-manager")) {
      kubectl(
              "apply",
              "--server-side",
              "--field-manager=deploy-tests",
              "-f",
              THIRD_PARTY_CRDS.resolve(project).toString())
          .orFail("installing the " + project + " CRDs");
    }
    kubectl(
            "wait",
            "--for=condition=Established",
            "--timeout=60s",
            "crd/applications.argoproj.io",
            "crd/applicationsets.argoproj.io",
            "crd/appprojects.argoproj.io",
            "crd/certificates.cert-manager.io",
            "crd/issuers.cert-manager.io")
        .orFail("waiting for the CRDs");
    // A dry-run does not create the namespaces the objects live in.
    for (String namespace :
        List.of(
            "gastown-system", "argocd", "openshift-gitops", "gt-my-rig", "deploy-tests-netpol")) {
      Path file = Files.createTempFile("ns", ".yaml");
      Files.writeString(
          file, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: " + namespace + "\n");
      kubectl("apply", "--server-side", "--field-manager=deploy-tests", "-f", file.toString())
          .orFail("namespace " + namespace);
      Files.delete(file);
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
  void overlayPassesServerSideDryRun(String overlay) throws IOException {
    assertDryRunPasses(Overlays.buildText(overlay), null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"argocd", "argocd/openshift-gitops"})
  void argoCdManifestsPassServerSideDryRun(String directory) throws IOException {
    assertDryRunPasses(Kubectl.kustomizeText(Manifests.root().resolve(directory)), null);
  }

  @Test
  void argocdCmPatchPassesServerSideDryRun() throws IOException {
    assertDryRunPasses(
        Files.readString(Manifests.root().resolve("argocd/argocd-cm-patch.yaml")), null);
  }

  @Test
  void polecatNetworkPolicyPassesServerSideDryRunInARigNamespace() throws IOException {
    assertDryRunPasses(
        Kubectl.kustomizeText(Manifests.root().resolve("kustomize/polecat-network-policy")),
        "deploy-tests-netpol");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"polecat-minimal.yaml", "polecat-kubernetes.yaml", "convoy.yaml", "rig.yaml"})
  void renderedTemplatePassesServerSideDryRun(String template) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(
            Manifests.root()
                .resolve("deploy-tests/src/test/resources/templates/good-values.env"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        values.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    TemplateValidator.Result result =
        TemplateValidator.validate(
            template,
            Files.readString(Manifests.root().resolve("templates").resolve(template)),
            values);
    assertThat(result.problems()).isEmpty();
    assertDryRunPasses(result.rendered(), null);
  }

  @Test
  void theDryRunRejectsWhatTheApiServerWouldReject() throws IOException {
    // Proof that the checks above can fail: the same webhook configuration with a timeout above the
    // API server's limit of 30 s, and a Polecat with a field its CRD does not have.
    String configuration =
        Overlays.buildText(Overlays.CERT_MANAGER)
            .replace("timeoutSeconds: 5", "timeoutSeconds: 60");
    Kubectl.Result rejected = dryRun(configuration, null);
    assertThat(rejected.exitCode()).isNotZero();
    assertThat(rejected.stderr()).contains("timeoutSeconds");

    String polecat =
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: furiosa, namespace: gt-my-rig}
        spec: {rig: my-rig, taskDescripton: typo}
        """;
    Kubectl.Result unknownField = dryRun(polecat, null);
    assertThat(unknownField.exitCode()).isNotZero();
    assertThat(unknownField.stderr()).contains("taskDescripton");
  }

  private static void assertDryRunPasses(String manifests, String namespace) throws IOException {
    Kubectl.Result result = dryRun(manifests, namespace);
    assertThat(result.exitCode())
        .as("kubectl apply --dry-run=server:\n" + result.stderr())
        .isZero();
    assertThat(result.stdout()).contains("(server dry run)");
  }

  private static Kubectl.Result dryRun(String manifests, String namespace) throws IOException {
    Path file = Files.createTempFile("dry-run", ".yaml");
    try {
      Files.writeString(file, manifests);
      List<String> args =
          new java.util.ArrayList<>(
              List.of(
                  "apply",
                  "--server-side",
                  "--dry-run=server",
                  "--force-conflicts",
                  "--field-manager=deploy-tests",
                  "--validate=strict",
                  "-f",
                  file.toString()));
      if (namespace != null) {
        args.addAll(List.of("-n", namespace));
      }
      return kubectl(args.toArray(String[]::new));
    } finally {
      Files.delete(file);
    }
  }

  private static Kubectl.Result kubectl(String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
    all.addAll(List.of(args));
    return Kubectl.run(null, all.toArray(String[]::new));
  }
}
