package io.gastown.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.gastown.model.Convoy;
import io.gastown.model.PolecatPhase;
import io.gastown.model.Serialization;
import io.gastown.testing.ControlPlane;
import io.gastown.testing.ControlPlaneInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reading commands against a real apiserver, run in-process as a user would run them: every
 * command and output format, an empty namespace, a missing CRD, a wrong context, a user without
 * permission.
 */
@ControlPlane
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadCommandsIT {
  private static final String RIG = "read-it";
  private static final String NS = "gt-read-it";

  private final KubernetesClient client;
  private final ControlPlaneInfo info;

  @TempDir Path home;

  ReadCommandsIT(KubernetesClient client, ControlPlaneInfo info) {
    this.client = client;
    this.info = info;
  }

  @BeforeAll
  void createRigWithPolecatsAndConvoy() {
    ClusterFixtures.namespace(client, NS);
    ClusterFixtures.namespace(client, "read-it-empty");
    ClusterFixtures.createRig(client, RIG, "rit");
    var working = Fixtures.polecat(NS, "furiosa", RIG, "rit-1", PolecatPhase.Working);
    working.getStatus().setPodName("furiosa-abc12");
    working.getStatus().setMessage("agent is running");
    ClusterFixtures.createPolecat(client, working);
    ClusterFixtures.createPolecat(client, Fixtures.polecat(NS, "nux", RIG, "rit-2", null));
    ClusterFixtures.createPolecat(
        client, Fixtures.polecat(NS, "stray", "other-rig", "rit-3", null));
    Convoy convoy = Fixtures.convoy(NS, "cv-auth", List.of("rit-1", "rit-2"), List.of("rit-1"));
    convoy.getSpec().setRigRef(RIG);
    convoy.setStatus(null);
    convoy.getMetadata().setCreationTimestamp(null);
    client.resource(convoy).create();
  }

  private Cli gt(String... args) {
    return Cli.run(Map.of("KUBECONFIG", info.kubeconfig().toString()), home, args);
  }

  @Test
  void rigListInEveryFormat() throws Exception {
    Cli table = gt("rig", "list");
    assertThat(table.exit()).as(table.toString()).isZero();
    // Other tests' rigs share the cluster: the column widths depend on them.
    assertThat(table.out().lines().findFirst().orElse(""))
        .matches("NAME +PREFIX +PHASE +POLECATS +CONVOYS +AGE");
    assertThat(table.out()).containsPattern("(?m)^read-it +rit +<none> +<none> +<none> +\\d+s$");
    assertThat(gt("rig", "list", "--no-headers").out()).doesNotContain("NAME").contains("read-it");
    assertThat(gt("rig", "list", "-o", "wide").out())
        .contains("GIT-URL")
        .contains("git@github.com:acme/read-it.git")
        .contains(NS);
    JsonNode json = Serialization.jsonMapper().readTree(gt("rig", "list", "-o", "json").out());
    assertThat(json.isArray()).isTrue();
    assertThat(names(json)).contains(RIG);
    assertThat(gt("rig", "list", "-o", "yaml").out())
        .contains("- apiVersion: gastown.gastown.io/v1alpha1")
        .contains("  name: read-it");
    assertThat(gt("rig", "list", "-o", "name").out()).contains("rig.gastown.gastown.io/read-it\n");
  }

  @Test
  void rigStatus() {
    Cli status = gt("rig", "status", RIG);
    assertThat(status.out())
        .containsPattern("(?m)^Name: +read-it$")
        .containsPattern("(?m)^Namespace: +gt-read-it$")
        .containsPattern("(?m)^Beads prefix: +rit$");
    assertThat(gt("rig", "status", RIG, "-o", "json").out()).contains("\"beadsPrefix\" : \"rit\"");
    Cli missing = gt("rig", "status", "no-such-rig");
    assertThat(missing.exit()).isEqualTo(3);
    assertThat(missing.err()).isEqualTo("error: rig no-such-rig not found cluster-wide\n");
  }

  @Test
  void polecatListOfARigUsesTheRigsNamespaceAndFiltersByRig() throws Exception {
    Cli table = gt("polecat", "list", RIG);
    assertThat(table.exit()).as(table.toString()).isZero();
    assertThat(table.out())
        .containsPattern(
            "(?s)^NAME      RIG       BEAD    PHASE     AGE\n"
                + "furiosa   read-it   rit-1   Working   \\d+s\nnux       read-it   rit-2   <none>    \\d+s\n$");
    assertThat(gt("polecat", "list", RIG, "-o", "wide").out())
        .contains("furiosa-abc12")
        .contains("agent is running");
    assertThat(
            names(
                Serialization.jsonMapper()
                    .readTree(gt("polecat", "list", RIG, "-o", "json").out())))
        .containsExactly("furiosa", "nux");
    assertThat(gt("polecat", "list", RIG, "-o", "yaml").out()).contains("    phase: Working");
    assertThat(gt("polecat", "list", RIG, "-o", "name").out())
        .isEqualTo("polecat.gastown.gastown.io/furiosa\npolecat.gastown.gastown.io/nux\n");
    assertThat(gt("polecat", "list", "-n", NS, "--no-headers").out()).contains("stray");
    Cli all = gt("polecat", "list", "-A");
    assertThat(all.out()).startsWith("NAMESPACE").containsPattern("(?m)^gt-read-it +furiosa ");
  }

  @Test
  void polecatStatusAndItsErrors() {
    Cli status = gt("polecat", "status", RIG + "/furiosa");
    assertThat(status.exit()).as(status.toString()).isZero();
    assertThat(status.out())
        .contains("Phase:          Working")
        .contains("Message:        agent is running")
        .contains("Pod:            furiosa-abc12");
    assertThat(gt("polecat", "status", RIG + "/furiosa", "-o", "yaml").out())
        .startsWith("apiVersion:");
    Cli wrongRig = gt("polecat", "status", RIG + "/stray");
    assertThat(wrongRig.exit()).isEqualTo(3);
    assertThat(wrongRig.err()).contains("belongs to rig other-rig, not read-it");
    Cli missing = gt("polecat", "status", RIG + "/toast");
    assertThat(missing.err()).contains("polecat toast not found in namespace gt-read-it");
    Cli malformed = gt("polecat", "status", "furiosa");
    assertThat(malformed.exit()).isEqualTo(4);
    assertThat(malformed.err()).contains("'furiosa' is not RIG/NAME");
  }

  @Test
  void logsOfAPolecatWithoutPodSayWhy() {
    Cli logs = gt("polecat", "logs", RIG + "/nux");
    assertThat(logs.exit()).isEqualTo(3);
    assertThat(logs.err()).contains("polecat read-it/nux has no pod yet");
  }

  @Test
  void convoyListAndStatus() throws Exception {
    Cli list = gt("convoy", "list", "--rig", RIG);
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out())
        .contains("NAME      PHASE    PROGRESS   RIG       DESCRIPTION   AGE")
        .contains("cv-auth   <none>   <none>     read-it   Auth rework");
    assertThat(
            names(
                Serialization.jsonMapper()
                    .readTree(gt("convoy", "list", "-n", NS, "-o", "json").out())))
        .containsExactly("cv-auth");
    assertThat(gt("convoy", "list", "-A", "-o", "name").out())
        .contains("convoy.gastown.gastown.io/cv-auth");
    assertThat(gt("convoy", "list", "-n", NS, "-o", "wide").out()).contains("rit-1,rit-2");
    Cli status = gt("convoy", "status", "cv-auth", "--rig", RIG);
    assertThat(status.out()).contains("Description:  Auth rework").contains("○ rit-1  pending");
  }

  @Test
  void anEmptyNamespaceSaysSoOnStderrAndGivesEmptyLists() {
    Cli table = gt("polecat", "list", "-n", "read-it-empty");
    assertThat(table.exit()).isZero();
    assertThat(table.out()).isEmpty();
    assertThat(table.err()).isEqualTo("No polecats found in namespace read-it-empty.\n");
    assertThat(gt("polecat", "list", "-n", "read-it-empty", "-o", "json").out()).isEqualTo("[ ]\n");
    assertThat(gt("convoy", "list", "-n", "read-it-empty", "-o", "yaml").out()).isEqualTo("[]\n");
    assertThat(gt("convoy", "list", "-n", "read-it-empty").err())
        .isEqualTo("No convoys found in namespace " + "read-it-empty.\n");
  }

  @Test
  void aWrongContextNamesTheAvailableOnes() {
    Cli run = gt("polecat", "list", "--context", "production");
    assertThat(run.exit()).isEqualTo(7);
    assertThat(run.err())
        .isEqualTo(
            "error: context \"production\" is not in kubeconfig "
                + info.kubeconfig()
                + "; available contexts: gastown-test (current: gastown-test); pass one with --context\n");
  }

  @Test
  void anUnreachableClusterWithoutRepositorySaysSo() throws Exception {
    Path dead =
        Files.writeString(
            home.resolve("dead-config"),
            Files.readString(info.kubeconfig())
                .replace(info.apiServerUrl(), "https://127.0.0.1:9"));
    Cli run = Cli.run(Map.of("KUBECONFIG", dead.toString()), home, "rig", "list");
    assertThat(run.exit()).isEqualTo(7);
    assertThat(run.err())
        .startsWith(
            "error: cannot reach the cluster at https://127.0.0.1:9 (context gastown-test)");
  }

  @Test
  void aUserWithoutPermissionIsToldWhichOne() throws Exception {
    client
        .rbac()
        .roles()
        .inNamespace(NS)
        .resource(
            new RoleBuilder()
                .withNewMetadata()
                .withName("polecat-reader")
                .endMetadata()
                .withRules(
                    new PolicyRuleBuilder()
                        .withApiGroups("gastown.gastown.io")
                        .withResources("polecats")
                        .withVerbs("get", "list")
                        .build())
                .build())
        .serverSideApply();
    client
        .rbac()
        .roleBindings()
        .inNamespace(NS)
        .resource(
            new RoleBindingBuilder()
                .withNewMetadata()
                .withName("polecat-reader")
                .endMetadata()
                .withNewRoleRef()
                .withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role")
                .withName("polecat-reader")
                .endRoleRef()
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName("viewer")
                .withNamespace(NS)
                .endSubject()
                .build())
        .serverSideApply();
    Path kubeconfig =
        ClusterFixtures.serviceAccountKubeconfig(
            client, info.kubeconfig(), NS, "viewer", home.resolve("viewer-config"));
    Map<String, String> env = Map.of("KUBECONFIG", kubeconfig.toString());

    // Polecats are allowed; the Rig (cluster-scoped) is not, so the rig's namespace is the default
    // gt-<rig>.
    Cli allowed = Cli.run(env, home, "polecat", "list", RIG, "-o", "name");
    assertThat(allowed.exit()).as(allowed.toString()).isZero();
    assertThat(allowed.out()).contains("polecat.gastown.gastown.io/furiosa");

    Cli convoys = Cli.run(env, home, "convoy", "list");
    assertThat(convoys.exit()).isEqualTo(7);
    assertThat(convoys.err())
        .isEqualTo(
            "error: forbidden: user \"system:serviceaccount:gt-read-it:viewer\" may not "
                + "list convoys.gastown.gastown.io in namespace gt-read-it; ask a cluster admin for a Role (with a "
                + "RoleBinding in gt-read-it) granting verb 'list' on resource 'convoys' in API group 'gastown.gastown.io' "
                + "for namespace gt-read-it\n");
    Cli rigs = Cli.run(env, home, "rig", "list");
    assertThat(rigs.err())
        .contains(
            "may not list rigs.gastown.gastown.io cluster-wide; ask a cluster admin for a "
                + "ClusterRole granting verb 'list' on resource 'rigs'");
  }

  /** Last: deleting the CRD deletes the convoys too. */
  @Test
  @Order(Integer.MAX_VALUE)
  void aMissingCrdSaysToInstallIt() throws Exception {
    Path crdFile =
        Path.of(System.getProperty("gastown.root"))
            .resolve("kustomize/base/crds/convoys.gastown.gastown.io-v1.yml");
    CustomResourceDefinition crd =
        client
            .apiextensions()
            .v1()
            .customResourceDefinitions()
            .withName("convoys.gastown.gastown.io")
            .get();
    client.resource(crd).withTimeout(60, TimeUnit.SECONDS).delete();
    try {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName("convoys.gastown.gastown.io")
          .waitUntilCondition(java.util.Objects::isNull, 60, TimeUnit.SECONDS);
      awaitUnserved();
      Cli list = gt("convoy", "list", "-n", NS);
      assertThat(list.exit()).isEqualTo(7);
      assertThat(list.err())
          .isEqualTo(
              "error: the cluster does not know convoys.gastown.gastown.io (the "
                  + "CustomResourceDefinition is missing); install the Gas Town CRDs: kubectl apply -k kustomize/base (or "
                  + "sync the Argo CD application gastown-system: argocd app sync gastown-system)\n");
      Cli status = gt("convoy", "status", "cv-auth", "-n", NS);
      assertThat(status.exit()).isEqualTo(7);
      assertThat(status.err()).contains("the CustomResourceDefinition is missing");
    } finally {
      try (var in = Files.newInputStream(crdFile)) {
        CustomResourceDefinition restored =
            client.apiextensions().v1().customResourceDefinitions().load(in).item();
        client.resource(restored).serverSideApply();
      }
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName("convoys.gastown.gastown.io")
          .waitUntilCondition(
              c ->
                  c != null
                      && c.getStatus() != null
                      && c.getStatus().getConditions() != null
                      && c.getStatus().getConditions().stream()
                          .anyMatch(
                              x ->
                                  "Established".equals(x.getType())
                                      && "True".equals(x.getStatus())),
              60,
              TimeUnit.SECONDS);
    }
  }

  /** Discovery drops a deleted CRD's resources a moment after the CRD is gone. */
  private void awaitUnserved() throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      var resources = client.getApiResources("gastown.gastown.io/v1alpha1");
      if (resources == null
          || resources.getResources().stream().noneMatch(r -> r.getName().equals("convoys"))) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(item -> names.add(item.path("metadata").path("name").asText()));
    return names;
  }
}
