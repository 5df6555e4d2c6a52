package io.gastown.expand;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.gastown.model.Agent;
import io.gastown.model.AgentConfig;
import io.gastown.model.BeadStore;
import io.gastown.model.ConfigMapReference;
import io.gastown.model.KubernetesSpec;
import io.gastown.model.ModelProvider;
import io.gastown.model.ModelProviderType;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import io.gastown.model.Rig;
import io.gastown.model.RigSettings;
import io.gastown.model.SecretKeyRef;
import io.gastown.model.SecretReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a polecat Pod is built from, after precedence: the Polecat's own value, else its Rig's
 * setting, else the platform default. Resolving also checks what the schema cannot: a repository to
 * clone, credentials for the agent, an SSH key for an SSH URL.
 */
record ResolvedPolecat(
    String where,
    String name,
    String rig,
    String beadID,
    String taskDescription,
    Agent agent,
    AgentConfig agentConfig,
    ModelProviderType provider,
    String gitRepository,
    String gitBranch,
    String workBranch,
    SecretReference gitSecret,
    SecretReference claudeCredentials,
    SecretKeyRef apiKey,
    ConfigMapReference knownHosts,
    String image,
    ResourceRequirements resources,
    long activeDeadlineSeconds,
    String beadsPrefix,
    String beadsRepository) {

  static ResolvedPolecat resolve(
      Polecat polecat, Rig rig, BeadStore beadStore, PlatformConfig platform) {
    String name = polecat.getMetadata().getName();
    String where = "Polecat " + polecat.getMetadata().getNamespace() + "/" + name;
    PolecatSpec spec = polecat.getSpec();
    if (spec == null || spec.getRig() == null) {
      throw new ExpansionException(where + " has no spec.rig: name the Rig it works for");
    }
    KubernetesSpec k = spec.getKubernetes() != null ? spec.getKubernetes() : new KubernetesSpec();
    RigSettings settings =
        rig != null && rig.getSpec() != null && rig.getSpec().getSettings() != null
            ? rig.getSpec().getSettings()
            : new RigSettings();
    AgentConfig agentConfig =
        spec.getAgentConfig() != null ? spec.getAgentConfig() : new AgentConfig();
    String rigDescription =
        rig != null ? "Rig " + spec.getRig() : "Rig " + spec.getRig() + " (not found)";

    if (isBlank(spec.getBeadID()) && isBlank(spec.getTaskDescription())) {
      throw new ExpansionException(
          where
              + " has neither spec.beadID nor spec.taskDescription: the agent would "
              + "have nothing to do; set one of them");
    }
    String repository =
        first(
            k.getGitRepository(),
            rig != null && rig.getSpec() != null ? rig.getSpec().getGitURL() : null);
    if (repository == null) {
      throw new ExpansionException(
          where
              + " has no repository: set spec.kubernetes.gitRepository, or spec.gitURL of "
              + rigDescription);
    }
    String branch =
        Objects.requireNonNullElse(
            first(k.getGitBranch(), settings.getGitBranch()), PodContract.DEFAULT_BRANCH);
    String workBranch = PodContract.workBranch(k.getWorkBranch(), spec.getBeadID(), name);
    if (workBranch.equals(branch)) {
      throw new ExpansionException(
          where
              + ": the work branch '"
              + workBranch
              + "' is the branch it clones, so the "
              + "agent would push onto it; set spec.kubernetes.workBranch to another branch");
    }
    SecretReference gitSecret = first(k.getGitSecretRef(), settings.getGitSecretRef());
    if (GitRemote.isSsh(repository) && gitSecret == null) {
      throw new ExpansionException(
          where
              + ": "
              + repository
              + " is an SSH URL but no SSH key is named: set "
              + "spec.kubernetes.gitSecretRef (a Secret with key ssh-privatekey), or settings.gitSecretRef of "
              + rigDescription);
    }
    EffectiveValues effective = EffectiveValues.of(polecat, rig, platform);
    Agent agent = effective.agent();
    SecretReference claudeCredentials =
        first(k.getClaudeCredsSecretRef(), settings.getClaudeCredsSecretRef());
    SecretKeyRef apiKey = first(k.getApiKeySecretRef(), settings.getApiKeySecretRef());
    ModelProviderType provider =
        agentConfig.getProvider() != null
            ? agentConfig.getProvider()
            : agent == Agent.CLAUDE_CODE ? ModelProviderType.anthropic : ModelProviderType.litellm;
    checkAgent(where, rigDescription, agent, agentConfig, provider, claudeCredentials, apiKey);

    String image = effective.image();
    ResourceRequirements resources = effective.resources();
    long deadline = effective.activeDeadlineSeconds();
    String beadsPrefix =
        beadStore != null && beadStore.getSpec() != null && beadStore.getSpec().getPrefix() != null
            ? beadStore.getSpec().getPrefix()
            : rig != null && rig.getSpec() != null && rig.getSpec().getBeadsPrefix() != null
                ? rig.getSpec().getBeadsPrefix() + "-"
                : null;
    String beadsRepository =
        beadStore != null && beadStore.getSpec() != null
            ? beadStore.getSpec().getGitRepository()
            : null;

    return new ResolvedPolecat(
        where,
        name,
        spec.getRig(),
        emptyToNull(spec.getBeadID()),
        emptyToNull(spec.getTaskDescription()),
        agent,
        agentConfig,
        provider,
        repository,
        branch,
        workBranch,
        gitSecret,
        claudeCredentials,
        apiKey,
        k.getSshKnownHostsConfigMapRef(),
        image,
        resources,
        deadline,
        beadsPrefix,
        beadsRepository);
  }

  private static void checkAgent(
      String where,
      String rigDescription,
      Agent agent,
      AgentConfig config,
      ModelProviderType provider,
      SecretReference claudeCredentials,
      SecretKeyRef apiKey) {
    ModelProvider modelProvider = config.getModelProvider();
    String endpoint = modelProvider != null ? modelProvider.getEndpoint() : null;
    SecretKeyRef providerKey = modelProvider != null ? modelProvider.getApiKeySecretRef() : null;
    switch (agent) {
      case CLAUDE_CODE -> {
        if (claudeCredentials == null && apiKey == null && providerKey == null) {
          throw new ExpansionException(
              where
                  + ": claude-code needs credentials: set spec.kubernetes."
                  + "claudeCredsSecretRef (a Secret with key .credentials.json) or spec.kubernetes.apiKeySecretRef, or "
                  + "the same in settings of "
                  + rigDescription
                  + ", or spec.agentConfig.modelProvider.apiKeySecretRef "
                  + "for a LiteLLM endpoint");
        }
      }
      case OPENCODE, AIDER -> {
        if (isBlank(config.getModel())) {
          throw new ExpansionException(
              where + ": " + agent + " needs a model: set spec.agentConfig.model");
        }
        boolean needsEndpoint =
            provider == ModelProviderType.litellm || provider == ModelProviderType.ollama;
        if (needsEndpoint && isBlank(endpoint)) {
          throw new ExpansionException(
              where
                  + ": provider "
                  + provider
                  + " needs an endpoint: set "
                  + "spec.agentConfig.modelProvider.endpoint");
        }
        boolean needsKey =
            provider == ModelProviderType.anthropic || provider == ModelProviderType.openai;
        if (needsKey && providerKey == null && apiKey == null) {
          throw new ExpansionException(
              where
                  + ": provider "
                  + provider
                  + " needs an API key: set "
                  + "spec.agentConfig.modelProvider.apiKeySecretRef");
        }
      }
      case CUSTOM -> {
        if (config.getCommand() == null || config.getCommand().isEmpty()) {
          throw new ExpansionException(
              where
                  + ": a custom agent needs spec.agentConfig.command (and usually "
                  + "spec.agentConfig.image)");
        }
      }
      default -> throw new IllegalStateException("unhandled agent " + agent);
    }
  }

  /** What git-init clones for the polecat. */
  GitCheckout checkout() {
    return new GitCheckout(name, gitRepository, gitBranch, workBranch, gitSecret, knownHosts);
  }

  /** The key for the model provider: the agentConfig's own, else the Polecat's or Rig's API key. */
  SecretKeyRef modelApiKey() {
    ModelProvider modelProvider = agentConfig.getModelProvider();
    return modelProvider != null && modelProvider.getApiKeySecretRef() != null
        ? modelProvider.getApiKeySecretRef()
        : null;
  }

  String modelEndpoint() {
    ModelProvider modelProvider = agentConfig.getModelProvider();
    return modelProvider != null ? emptyToNull(modelProvider.getEndpoint()) : null;
  }

  String model() {
    return emptyToNull(agentConfig.getModel());
  }

  /** Every Secret the Pod refers to, by name, in a stable order without duplicates. */
  List<String> secretNames() {
    List<String> names = new ArrayList<>();
    addName(names, gitSecret, SecretReference::getName);
    addName(names, claudeCredentials, SecretReference::getName);
    addName(names, apiKey, SecretKeyRef::getName);
    addName(names, modelApiKey(), SecretKeyRef::getName);
    return names;
  }

  private static <T> void addName(List<String> names, T ref, Function<T, String> name) {
    if (ref != null && name.apply(ref) != null && !names.contains(name.apply(ref))) {
      names.add(name.apply(ref));
    }
  }

  @SafeVarargs
  private static <T> T first(T... candidates) {
    for (T candidate : candidates) {
      if (candidate instanceof String text ? !text.isBlank() : candidate != null) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static String emptyToNull(String text) {
    return isBlank(text) ? null : text;
  }
}
