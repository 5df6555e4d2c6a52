package io.gastown.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.validation.Crds;
import io.gastown.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Invalid objects are refused by the CRD schema, each with a message that names the field. */
class InvalidObjectsTest {
  static final String POLECAT =
      """
      apiVersion: gastown.gastown.io/v1alpha1
      kind: Polecat
      metadata:
        name: furiosa
        namespace: gt-my-rig
      spec:
        rig: my-rig
        beadID: gt-123
        agent: claude-code
        kubernetes:
          gitRepository: git@github.com:myorg/myrepo.git
          gitBranch: main
          activeDeadlineSeconds: 3600
      """;

  @Test
  void theValidPolecatIsAccepted() {
    assertThat(Crds.validate(Serialization.readYaml(POLECAT))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad agent          | agent: claude-code                 | agent: gpt-engineer                 | spec.agent                           | must be one of aider, claude-code, custom, opencode",
        "bad branch name    | gitBranch: main                    | gitBranch: 'main; rm -rf /'         | spec.kubernetes.gitBranch            | must match",
        "branch with dash   | gitBranch: main                    | gitBranch: -delete                  | spec.kubernetes.gitBranch            | must match",
        "missing rig        | 'rig: my-rig'                      | 'rigg: my-rig'                      | spec.rig                             | is required",
        "negative deadline  | activeDeadlineSeconds: 3600        | activeDeadlineSeconds: -5           | spec.kubernetes.activeDeadlineSeconds | must be at least 1",
        "bad bead ID        | beadID: gt-123                     | beadID: 'gt 123 $(id)'              | spec.beadID                          | must match",
        "credentials in URL | 'gitRepository: git@github.com:myorg/myrepo.git' | 'gitRepository: https://user:token@github.com/o/r.git' | spec.kubernetes.gitRepository | must match",
      })
  void invalidPolecatIsRefusedNamingTheField(
      String name, String valid, String invalid, String field, String rule) {
    assertThat(POLECAT).contains(valid);
    JsonNode object = Serialization.readYaml(POLECAT.replace(valid, invalid));
    List<Violation> violations = Crds.validate(object);
    assertThat(violations)
        .as(name)
        .anySatisfy(
            v -> {
              assertThat(v.path()).isEqualTo(field);
              assertThat(v.rule()).contains(rule);
            });
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "git@github.com:myorg/myrepo.git",
        "ssh://git@git.example.com:2222/team/repo.git",
        "https://git.example.com:8443/team/repo.git",
        "https://github.com/myorg/myrepo",
        "file:///srv/git/repo.git",
      })
  void gitUrlFormsThatAreAccepted(String url) {
    JsonNode object =
        Serialization.readYaml(POLECAT.replace("git@github.com:myorg/myrepo.git", url));
    assertThat(Crds.validate(object)).isEmpty();
  }

  @Test
  void everyViolationIsReportedNotJustTheFirst() {
    JsonNode object =
        Serialization.readYaml(
            POLECAT
                .replace("agent: claude-code", "agent: nope")
                .replace("gitBranch: main", "gitBranch: 'a b'")
                .replace("activeDeadlineSeconds: 3600", "activeDeadlineSeconds: 0"));
    assertThat(Crds.validate(object))
        .extracting(Violation::path)
        .containsExactlyInAnyOrder(
            "spec.agent", "spec.kubernetes.gitBranch", "spec.kubernetes.activeDeadlineSeconds");
  }

  @Test
  void rigNeedsGitUrlAndAValidPrefix() {
    JsonNode rig =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Rig
        metadata:
          name: my-rig
        spec:
          beadsPrefix: GT-1
        """);
    assertThat(Crds.validate(rig))
        .extracting(Violation::path)
        .containsExactlyInAnyOrder("spec.gitURL", "spec.beadsPrefix");
  }

  @Test
  void convoyNeedsAtLeastOneBead() {
    JsonNode convoy =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Convoy
        metadata:
          name: release
          namespace: gt-my-rig
        spec:
          description: Release 1.0
          trackedBeads: []
        """);
    assertThat(Crds.validate(convoy))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("spec.trackedBeads");
              assertThat(v.rule()).contains("at least 1");
            });
  }
}
