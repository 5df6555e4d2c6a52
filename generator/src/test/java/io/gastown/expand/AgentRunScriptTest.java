package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.gastown.model.Polecat;
import io.gastown.model.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent wrapper (agent-run.sh) run with sh and git as the expanded Pod runs it: a custom
 * agent's command under it, its commit and push, and the termination message of a failed agent.
 */
class AgentRunScriptTest {
  @TempDir Path tmp;

  @Test
  void aCustomAgentRunsUnderTheWrapperWhichCommitsAndPushesItsWork() throws Exception {
    Path origin = ContainerRunner.origin(tmp);
    Pod pod =
        expand(
            """
            agent: custom
            agentConfig:
              command: ["/bin/sh", "-c"]
              args: ["printf 'edited by %s\\n' \\"$GT_POLECAT\\" > notes.txt; echo agent says hi"]
            """);

    ContainerRunner.Outcome run = runPod(pod, origin, Map.of());

    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("agent says hi", "gastown: pushed branch feature/gt-1")
        .doesNotContain("You are a Gas Town polecat");
    assertThat(ContainerRunner.git(origin, "show", "feature/gt-1:notes.txt"))
        .isEqualTo("edited by furiosa\n");
    assertThat(ContainerRunner.git(origin, "log", "-1", "--format=%s", "feature/gt-1"))
        .isEqualTo("gt-1: work the agent left uncommitted\n");
  }

  @Test
  void aBuiltInAgentThatFailsWithAnEmptyKeyIsReportedByTheCredentialNotItsStackTrace()
      throws Exception {
    Path origin = ContainerRunner.origin(tmp);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path claude = bin.resolve("claude");
    Files.writeString(
        claude,
        """
        #!/bin/sh
        echo 'Error: request failed'
        echo '    at Object.request (/usr/lib/node_modules/cli.js:1:2)' >&2
        exit 1
        """);
    assertThat(claude.toFile().setExecutable(true)).isTrue();
    Path termination = tmp.resolve("termination-log");
    Files.createFile(termination);
    Pod pod =
        expand(
            """
            kubernetes:
              apiKeySecretRef: {name: anthropic-api-key, key: api-key}
            """);

    ContainerRunner.Outcome run =
        runPod(
            pod,
            origin,
            Map.of(
                "ANTHROPIC_API_KEY",
                "",
                "GT_TERMINATION_LOG",
                termination.toString(),
                "PATH",
                bin + ":" + System.getenv("PATH")));

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(Files.readString(termination))
        .startsWith(
            "claude-code exited with status 1; empty credential: ANTHROPIC_API_KEY (the Secret key"
                + " it comes from holds no value)\nlast lines of claude-code:\n")
        .contains("Error: request failed");
    assertThat(ContainerRunner.git(origin, "branch", "--list", "feature/gt-1")).isEmpty();
  }

  @Test
  void aBuiltInAgentThatGivesUpWithoutAKeyAndExitsZeroFailsNamingTheCredential() throws Exception {
    Path origin = ContainerRunner.origin(tmp);
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path claude = bin.resolve("claude");
    Files.writeString(
        claude,
        """
        #!/bin/sh
        echo 'The API provider is unreachable; giving up.'
        echo '# chat' > .aider.chat.history.md
        exit 0
        """);
    assertThat(claude.toFile().setExecutable(true)).isTrue();
    Path termination = tmp.resolve("termination-log");
    Files.createFile(termination);
    Pod pod =
        expand(
            """
            kubernetes:
              apiKeySecretRef: {name: anthropic-api-key, key: api-key}
            """);

    ContainerRunner.Outcome run =
        runPod(
            pod,
            origin,
            Map.of(
                "ANTHROPIC_API_KEY",
                "",
                "GT_TERMINATION_LOG",
                termination.toString(),
                "PATH",
                bin + ":" + System.getenv("PATH")));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(Files.readString(termination))
        .startsWith("claude-code changed nothing; empty credential: ANTHROPIC_API_KEY");
  }

  @Test
  void aFailedCustomAgentIsReportedWithItsStatusAndLastLines() throws Exception {
    Path origin = ContainerRunner.origin(tmp);
    Path termination = tmp.resolve("termination-log");
    Files.createFile(termination);
    Pod pod =
        expand(
            """
            agent: custom
            agentConfig:
              command: ["/bin/sh", "-c", "echo cannot do it; exit 3"]
            """);

    ContainerRunner.Outcome run =
        runPod(pod, origin, Map.of("GT_TERMINATION_LOG", termination.toString()));

    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(Files.readString(termination))
        .isEqualTo("custom exited with status 3\nlast lines of custom:\ncannot do it\n");
  }

  @Test
  void sigtermStopsTheAgentAtOnceAndNothingIsPushed() throws Exception {
    Path origin = ContainerRunner.origin(tmp);
    Pod pod =
        expand(
            """
            agent: custom
            agentConfig:
              command: ["/bin/sh", "-c", "echo agent: thinking; sleep 30; echo late > late.txt"]
            """);
    Map<String, String> overrides = initialized(pod, origin);
    Container agent = pod.getSpec().getContainers().get(0);
    // Its own session, as PID 1 of a container is: the wrapper signals its whole process group.
    List<String> command = new ArrayList<>(List.of("setsid"));
    command.addAll(agent.getCommand());
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(Path.of(overrides.get("GT_REPO_DIR")).toFile())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("agent.out").toFile());
    builder.environment().clear();
    builder.environment().putAll(ContainerRunner.env(agent));
    builder.environment().put("PATH", System.getenv("PATH"));
    builder.environment().putAll(overrides);
    Process process = builder.start();
    Thread.sleep(1500);
    long stopped = System.nanoTime();
    process.destroy(); // SIGTERM, as the kubelet sends it
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(tmp.resolve("agent.out"));

    assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(5));
    assertThat(process.exitValue()).as(output).isEqualTo(143);
    assertThat(output).contains("agent: thinking", "gastown: stopped by SIGTERM");
    assertThat(ContainerRunner.git(origin, "branch", "--list", "feature/gt-1")).isEmpty();
  }

  private Map<String, String> initialized(Pod pod, Path origin) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    Map<String, String> overrides = new HashMap<>();
    overrides.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    overrides.put("TMPDIR", Files.createDirectories(tmp.resolve("tmp")).toString());
    overrides.put("GT_REPO_DIR", work.resolve("repo").toString());
    overrides.put("GT_GIT_REPOSITORY", origin.toUri().toString());
    Container gitInit = pod.getSpec().getInitContainers().get(0);
    ContainerRunner.Outcome init = ContainerRunner.run(gitInit, overrides, work);
    assertThat(init.exitCode()).as(init.output()).isZero();
    return overrides;
  }

  private ContainerRunner.Outcome runPod(Pod pod, Path origin, Map<String, String> extra)
      throws Exception {
    Path work = Files.createDirectories(tmp.resolve("work"));
    Map<String, String> overrides = new HashMap<>();
    overrides.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    overrides.put("TMPDIR", Files.createDirectories(tmp.resolve("tmp")).toString());
    overrides.put("GT_REPO_DIR", work.resolve("repo").toString());
    overrides.put("GT_GIT_REPOSITORY", origin.toUri().toString());
    overrides.putAll(extra);
    Container gitInit = pod.getSpec().getInitContainers().get(0);
    ContainerRunner.Outcome init = ContainerRunner.run(gitInit, overrides, work);
    assertThat(init.exitCode()).as(init.output()).isZero();
    return ContainerRunner.run(
        pod.getSpec().getContainers().get(0), overrides, work.resolve("repo"));
  }

  private static Pod expand(String specExtra) {
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
            """,
            Polecat.class);
    Polecat extra =
        Serialization.readYaml(
            "apiVersion: gastown.gastown.io/v1alpha1\nkind: Polecat\nspec:\n" + specExtra.indent(2),
            Polecat.class);
    if (extra.getSpec().getAgent() != null) {
      polecat.getSpec().setAgent(extra.getSpec().getAgent());
    }
    if (extra.getSpec().getAgentConfig() != null) {
      polecat.getSpec().setAgentConfig(extra.getSpec().getAgentConfig());
    }
    if (extra.getSpec().getKubernetes() != null
        && extra.getSpec().getKubernetes().getApiKeySecretRef() != null) {
      polecat
          .getSpec()
          .getKubernetes()
          .setApiKeySecretRef(extra.getSpec().getKubernetes().getApiKeySecretRef());
    }
    return PodExpander.expand(
        Serialization.readYaml(
            ExpansionCase.text(ExpansionCase.ROOT.resolve("pod-from-job.yaml")), Pod.class),
        polecat,
        null,
        null,
        PlatformConfig.defaults());
  }
}
