package io.gastown.expand;

import static io.gastown.expand.PodLayout.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.gastown.model.ModelProviderType;
import io.gastown.model.PodContract;
import io.gastown.model.PodContract.Env;
import io.gastown.model.SecretKeyRef;
import io.gastown.model.Serialization;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The container that runs the coding agent, always under the fixed wrapper script (agent-run.sh),
 * which commits and pushes what the agent leaves and names why it failed. Built-in agents get their
 * own fixed arguments and the prompt appended; a custom agent's command and args are passed as
 * given (the prompt is in GT_PROMPT).
 */
final class AgentContainer {
  private AgentContainer() {}

  static Container build(ResolvedPolecat polecat) {
    EnvList env = commonEnv(polecat);
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(PodContract.agentContainer(polecat.agent()))
            .withImage(polecat.image())
            .withImagePullPolicy("IfNotPresent")
            .withWorkingDir(REPO_DIR);
    switch (polecat.agent()) {
      case CLAUDE_CODE -> {
        claudeEnv(polecat, env);
        container.withCommand(wrapped("claude", "--print", "--dangerously-skip-permissions"));
      }
      case OPENCODE -> {
        opencodeEnv(polecat, env);
        container.withCommand(wrapped("opencode", "run"));
      }
      case AIDER -> {
        aiderEnv(polecat, env);
        container.withCommand(wrapped("aider", "--yes-always", "--message"));
      }
      case CUSTOM -> {
        env.secret("ANTHROPIC_API_KEY", polecat.apiKey());
        // The Pod's argv is command + args, so the wrapper runs the agent's command with its args.
        container
            .withCommand(wrapped(polecat.agentConfig().getCommand().toArray(String[]::new)))
            .withArgs(polecat.agentConfig().getArgs());
      }
      default -> throw new IllegalStateException("unhandled agent " + polecat.agent());
    }
    env.addAll(userEnv(polecat, env));
    return container
        .withEnv(env.build())
        .withResources(new ResourceRequirementsBuilder(polecat.resources()).build())
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(mounts(polecat))
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }

  private static List<String> wrapped(String... agentCommand) {
    List<String> command =
        new ArrayList<>(List.of("/bin/sh", "-c", Resources.AGENT_SCRIPT, "gastown-agent"));
    command.addAll(List.of(agentCommand));
    return command;
  }

  private static EnvList commonEnv(ResolvedPolecat polecat) {
    return new EnvList()
        .value(Env.HOME, HOME)
        .value("GT_AGENT", polecat.agent().value())
        .value(Env.POLECAT, polecat.name())
        .value("GT_RIG", polecat.rig())
        .field("GT_NAMESPACE", "metadata.namespace")
        .value("GT_BEAD_ID", polecat.beadID())
        .value("GT_TASK_DESCRIPTION", polecat.taskDescription())
        .value(Env.GIT_REPOSITORY, polecat.gitRepository())
        .value(Env.GIT_BRANCH, polecat.gitBranch())
        .value(Env.WORK_BRANCH, polecat.workBranch())
        .value(Env.REPO_DIR, REPO_DIR)
        .value("GT_BEADS_PREFIX", polecat.beadsPrefix())
        .value("GT_BEADS_REPO", polecat.beadsRepository())
        .value(
            "GT_AGENT_CONFIG_DIR",
            polecat.agentConfig().getConfigMapRef() != null ? AGENT_CONFIG_DIR : null)
        .value("GT_MODEL_PROVIDER", polecat.provider().name())
        .value("GT_MODEL", polecat.model())
        .value("GT_MODEL_ENDPOINT", polecat.modelEndpoint())
        .secret("GT_MODEL_API_KEY", polecat.modelApiKey())
        .value("GT_PROMPT", Prompts.forPolecat(polecat))
        .value("GIT_SSH_COMMAND", GIT_SSH_COMMAND)
        .value("GIT_TERMINAL_PROMPT", "0");
  }

  /**
   * Claude Code: an OAuth credentials file (copied into $HOME/.claude by the wrapper), an API key,
   * or a LiteLLM-style gateway that speaks the Anthropic API (base URL plus bearer token).
   */
  private static void claudeEnv(ResolvedPolecat polecat, EnvList env) {
    if (Volumes.usesClaudeCredentials(polecat)) {
      env.value(
          "GT_CLAUDE_CREDENTIALS_FILE", CLAUDE_CREDENTIALS_DIR + "/" + CLAUDE_CREDENTIALS_KEY);
    }
    String endpoint = polecat.modelEndpoint();
    env.secret(
        "ANTHROPIC_API_KEY",
        polecat.apiKey() != null || endpoint != null ? polecat.apiKey() : polecat.modelApiKey());
    if (endpoint != null) {
      env.value("ANTHROPIC_BASE_URL", endpoint)
          .secret("ANTHROPIC_AUTH_TOKEN", polecat.modelApiKey());
    }
    env.value("ANTHROPIC_MODEL", polecat.model()).value("DISABLE_AUTOUPDATER", "1");
  }

  /**
   * opencode: its whole configuration inline (OPENCODE_CONFIG_CONTENT), written by Jackson so the
   * model name and endpoint are JSON-escaped; the key stays in the environment ({env:...} is
   * resolved by opencode).
   */
  private static void opencodeEnv(ResolvedPolecat polecat, EnvList env) {
    SecretKeyRef key = providerKey(polecat);
    ObjectNode config = Serialization.jsonMapper().createObjectNode();
    config.put("$schema", "https://opencode.ai/config.json");
    config.put("autoupdate", false);
    String endpoint = polecat.modelEndpoint();
    if (endpoint != null) {
      config.put("model", "gastown/" + polecat.model());
      ObjectNode provider = config.putObject("provider").putObject("gastown");
      provider.put("npm", "@ai-sdk/openai-compatible");
      provider.put("name", "Gas Town " + polecat.provider().name());
      ObjectNode options = provider.putObject("options");
      options.put("baseURL", endpoint);
      if (key != null) {
        options.put("apiKey", "{env:GT_MODEL_API_KEY}");
      }
      provider.putObject("models").putObject(polecat.model());
      if (polecat.modelApiKey() == null) {
        env.secret("GT_MODEL_API_KEY", key);
      }
    } else {
      config.put("model", polecat.provider().name() + "/" + polecat.model());
      env.secret(
          polecat.provider() == ModelProviderType.openai ? "OPENAI_API_KEY" : "ANTHROPIC_API_KEY",
          key);
    }
    env.value("OPENCODE_CONFIG_CONTENT", compactJson(config))
        .value("OPENCODE_DISABLE_AUTOUPDATE", "true");
  }

  /**
   * aider reads every option from AIDER_* variables and reaches models through LiteLLM's provider
   * prefixes.
   */
  private static void aiderEnv(ResolvedPolecat polecat, EnvList env) {
    SecretKeyRef key = providerKey(polecat);
    String endpoint = polecat.modelEndpoint();
    switch (polecat.provider()) {
      case ollama ->
          env.value("AIDER_MODEL", "ollama_chat/" + polecat.model())
              .value("OLLAMA_API_BASE", endpoint);
      case anthropic ->
          env.value("AIDER_MODEL", "anthropic/" + polecat.model()).secret("ANTHROPIC_API_KEY", key);
      case litellm, openai ->
          env.value("AIDER_MODEL", "openai/" + polecat.model())
              .value("OPENAI_API_BASE", endpoint)
              .secret("OPENAI_API_KEY", key);
      default -> throw new IllegalStateException("unhandled provider " + polecat.provider());
    }
    env.value("AIDER_CHECK_UPDATE", "false")
        .value("AIDER_ANALYTICS_DISABLE", "true")
        .value("AIDER_GITIGNORE", "false");
  }

  private static SecretKeyRef providerKey(ResolvedPolecat polecat) {
    return polecat.modelApiKey() != null ? polecat.modelApiKey() : polecat.apiKey();
  }

  /** The Polecat's own env, after ours; it may not replace what Gas Town sets. */
  private static List<EnvVar> userEnv(ResolvedPolecat polecat, EnvList ours) {
    List<EnvVar> env =
        polecat.agentConfig().getEnv() != null ? polecat.agentConfig().getEnv() : List.of();
    for (int i = 0; i < env.size(); i++) {
      String name = env.get(i).getName();
      if (name != null && (ours.contains(name) || Env.reserved(name))) {
        throw new ExpansionException(
            polecat.where()
                + ": spec.agentConfig.env["
                + i
                + "] sets "
                + name
                + ", which Gas Town sets itself: remove it (GT_* names are reserved; models, endpoints and keys have "
                + "their own fields under spec.agentConfig)");
      }
    }
    return env;
  }

  private static List<VolumeMount> mounts(ResolvedPolecat polecat) {
    List<VolumeMount> mounts = new ArrayList<>(Volumes.commonMounts());
    if (Volumes.usesClaudeCredentials(polecat)) {
      mounts.add(Volumes.readOnlyMount(VOLUME_CLAUDE_CREDENTIALS, CLAUDE_CREDENTIALS_DIR));
    }
    if (polecat.agentConfig().getConfigMapRef() != null) {
      mounts.add(Volumes.readOnlyMount(VOLUME_AGENT_CONFIG, AGENT_CONFIG_DIR));
    }
    return mounts;
  }

  private static String compactJson(ObjectNode node) {
    try {
      return Serialization.jsonMapper()
          .writer()
          .without(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
