package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.Polecat;
import io.gastown.model.Serialization;
import io.gastown.validation.Crds;
import io.gastown.validation.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shell metacharacters in the values a user writes into a Polecat: in the bead ID, branches and
 * repository they are rejected by validation; in the task text they reach the agent verbatim,
 * through an environment variable, and nothing in them is executed (shown by running the Pod's real
 * scripts with sh and git).
 */
class ShellMetacharactersTest {
  static final String NASTY =
      "$(touch pwned-by-dollar) `touch pwned-by-backtick`; touch pwned-by-semicolon\n"
          + "&& touch pwned-by-and | touch pwned-by-pipe > redirected \"double\" 'single' $HOME \\n \\\\ ${GT_PROMPT}";

  @Test
  void metacharactersInBeadIdBranchesAndRepositoryAreRejectedByValidation() {
    String polecat =
        """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: furiosa, namespace: gt-my-rig}
        spec:
          rig: my-rig
          beadID: "gt-1;touch pwned"
          kubernetes:
            gitRepository: "git@github.com:a/b.git$(touch pwned)"
            gitBranch: "`touch pwned`"
            workBranch: "feature/$(touch pwned)"
        """;
    List<Violation> violations = Crds.validate(Serialization.readYaml(polecat));
    assertThat(violations)
        .extracting(Violation::path)
        .containsExactlyInAnyOrder(
            "spec.beadID",
            "spec.kubernetes.gitRepository",
            "spec.kubernetes.gitBranch",
            "spec.kubernetes.workBranch");
    for (String bad :
        List.of("gt-1\ntouch pwned", "gt-1 x", "gt-1'", "gt-1\"", "gt-1&", "gt-1|x", "gt-1>x")) {
      assertThat(
              Crds.validate(
                  Serialization.readYaml(
                      polecat.replace("\"gt-1;touch pwned\"", Serialization.toJson(bad)))))
          .extracting(Violation::path)
          .as("beadID %s", bad)
          .contains("spec.beadID");
    }
  }

  @Test
  void theTaskIsValidAndReachesTheContainerVerbatimAsAnEnvValue() {
    Polecat polecat = polecat();
    assertThat(Crds.validate(Serialization.jsonMapper().valueToTree(polecat))).isEmpty();
    Container agent = expand(polecat).getSpec().getContainers().get(0);
    assertThat(ContainerRunner.env(agent)).containsEntry("GT_TASK_DESCRIPTION", NASTY);
    assertThat(ContainerRunner.env(agent).get("GT_PROMPT")).contains(NASTY);
    String commandText = String.join(" ", agent.getCommand());
    assertThat(commandText).doesNotContain("pwned");
  }

  @Test
  void runningThePodsScriptsExecutesNothingFromTheTask(@TempDir Path tmp) throws Exception {
    Path origin = ContainerRunner.origin(tmp);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path work = Files.createDirectories(tmp.resolve("work"));
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path fakeClaude = bin.resolve("claude");
    Files.writeString(
        fakeClaude,
        """
        #!/bin/sh
        for prompt; do :; done
        printf '%s' "$prompt" > "$GT_TEST_OUT/prompt"
        printf '%s' "$GT_TASK_DESCRIPTION" > "$GT_TEST_OUT/task"
        printf 'done\\n' > result.txt
        """);
    assertThat(fakeClaude.toFile().setExecutable(true)).isTrue();

    Pod pod = expand(polecat());
    Map<String, String> overrides =
        Map.of(
            "HOME", home.toString(),
            "GT_REPO_DIR", work.resolve("repo").toString(),
            "GT_GIT_REPOSITORY", origin.toUri().toString(),
            "GT_TEST_OUT", out.toString(),
            "PATH", bin + ":" + System.getenv("PATH"));

    Container gitInit = pod.getSpec().getInitContainers().get(0);
    ContainerRunner.Outcome init = ContainerRunner.run(gitInit, overrides, work);
    assertThat(init.exitCode()).as(init.output()).isZero();
    Container agent = pod.getSpec().getContainers().get(0);
    ContainerRunner.Outcome run = ContainerRunner.run(agent, overrides, work.resolve("repo"));
    assertThat(run.exitCode()).as(run.output()).isZero();

    assertThat(Files.readString(out.resolve("task"))).isEqualTo(NASTY);
    assertThat(Files.readString(out.resolve("prompt")))
        .isEqualTo(ContainerRunner.env(agent).get("GT_PROMPT"));
    assertThat(ContainerRunner.git(origin, "show", "feature/gt-1:result.txt")).isEqualTo("done\n");
    try (var files = Files.walk(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(name -> name.startsWith("pwned") || name.equals("redirected"));
    }
  }

  private static Polecat polecat() {
    Polecat polecat =
        Serialization.readYaml(
            """
        apiVersion: gastown.gastown.io/v1alpha1
        kind: Polecat
        metadata: {name: furiosa, namespace: gt-my-rig}
        spec:
          rig: my-rig
          beadID: gt-1
          kubernetes:
            gitRepository: https://git.example.com/team/app.git
            apiKeySecretRef: {name: anthropic-api-key, key: api-key}
        """,
            Polecat.class);
    polecat.getSpec().setTaskDescription(NASTY);
    return polecat;
  }

  private static Pod expand(Polecat polecat) {
    return PodExpander.expand(
        Serialization.readYaml(
            ExpansionCase.text(ExpansionCase.ROOT.resolve("pod-from-job.yaml")), Pod.class),
        polecat,
        null,
        null,
        PlatformConfig.defaults());
  }
}
