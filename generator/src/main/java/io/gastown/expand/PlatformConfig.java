package io.gastown.expand;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.gastown.model.AdmissionPolicy;
import io.gastown.model.Agent;
import io.gastown.model.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Platform policy for polecat Pods: images, default resources and deadline, and the user the Pods
 * run as. Loaded from the {@code gastown-platform} ConfigMap's {@code platform.yaml}; every key is
 * optional:
 *
 * <pre>
 * openshift: false          # true: no fixed runAsUser/runAsGroup/fsGroup (restricted-v2 assigns them)
 * runAsUser: 65532          # user, group and fsGroup of polecat Pods when openshift is false
 * activeDeadlineSeconds: 3600
 * images:                   # per agent, and git-init for the clone
 *   git-init: ghcr.io/gastown/polecat-agent:0.1.0
 *   claude-code: ...
 *   opencode: ...
 *   aider: ...
 *   custom: ...
 * resources:                # agent container, unless the Polecat or its Rig says otherwise
 *   requests: {cpu: 500m, memory: 1Gi}
 *   limits: {cpu: "2", memory: 4Gi}
 * gitInitResources:
 *   requests: {cpu: 100m, memory: 128Mi}
 *   limits: {cpu: "1", memory: 512Mi}
 * policy:                   # checked at admission (see PolicyRules); every key optional
 *   allowedAgents: [claude-code, opencode]
 *   allowedImages: [ghcr.io/gastown/, "sha256:..."]
 *   maxActiveDeadlineSeconds: 14400
 *   maxResources: {cpu: "4", memory: 8Gi}
 * </pre>
 */
public record PlatformConfig(
    boolean openshift,
    long runAsUser,
    long activeDeadlineSeconds,
    String gitInitImage,
    Map<Agent, String> agentImages,
    ResourceRequirements agentResources,
    ResourceRequirements gitInitResources,
    AdmissionPolicy policy) {

  public static final String DEFAULT_IMAGE = "ghcr.io/gastown/polecat-agent:0.1.0";
  public static final long DEFAULT_RUN_AS_USER = 65532;
  public static final long DEFAULT_ACTIVE_DEADLINE_SECONDS = 3600;
  public static final String GIT_INIT_IMAGE_KEY = "git-init";

  /**
   * Where the webhook's platform config lives in the cluster: this ConfigMap's key, mounted at
   * {@code GASTOWN_PLATFORM_CONFIG} (kustomize/base/platform-config.yaml and
   * webhook/deployment.yaml). An absent ConfigMap or key means the defaults. {@code kubectl gt
   * polecat preview} reads it from there.
   */
  public static final String CONFIG_MAP_NAMESPACE = "gastown-system";

  public static final String CONFIG_MAP_NAME = "gastown-platform";
  public static final String CONFIG_MAP_KEY = "platform.yaml";

  public PlatformConfig {
    if (runAsUser < 1) {
      throw new IllegalArgumentException(
          "platform config: runAsUser must be a non-root user id (at least 1), got " + runAsUser);
    }
    if (activeDeadlineSeconds < 1) {
      throw new IllegalArgumentException(
          "platform config: activeDeadlineSeconds must be at least 1, got "
              + activeDeadlineSeconds);
    }
    agentImages = Map.copyOf(agentImages);
    for (Agent agent : Agent.values()) {
      if (!agentImages.containsKey(agent)) {
        throw new IllegalArgumentException("platform config: no image for agent " + agent);
      }
    }
  }

  public static PlatformConfig defaults() {
    Map<Agent, String> images = new EnumMap<>(Agent.class);
    for (Agent agent : Agent.values()) {
      images.put(agent, DEFAULT_IMAGE);
    }
    return new PlatformConfig(
        false,
        DEFAULT_RUN_AS_USER,
        DEFAULT_ACTIVE_DEADLINE_SECONDS,
        DEFAULT_IMAGE,
        images,
        resources("500m", "1Gi", "2", "4Gi"),
        resources("100m", "128Mi", "1", "512Mi"),
        null);
  }

  public String imageFor(Agent agent) {
    return agentImages.get(agent);
  }

  public PlatformConfig withOpenshift(boolean openshift) {
    return new PlatformConfig(
        openshift,
        runAsUser,
        activeDeadlineSeconds,
        gitInitImage,
        agentImages,
        agentResources,
        gitInitResources,
        policy);
  }

  public PlatformConfig withPolicy(AdmissionPolicy newPolicy) {
    return new PlatformConfig(
        openshift,
        runAsUser,
        activeDeadlineSeconds,
        gitInitImage,
        agentImages,
        agentResources,
        gitInitResources,
        newPolicy);
  }

  /** Reads {@code platform.yaml}; a missing file means the defaults. */
  public static PlatformConfig load(Path file) {
    if (!Files.exists(file)) {
      return defaults();
    }
    try {
      return fromYaml(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "platform config " + file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code platform.yaml} over the defaults. Unknown keys are errors, so a typo never goes
   * unnoticed.
   */
  public static PlatformConfig fromYaml(String yaml) {
    PlatformConfig defaults = defaults();
    if (yaml == null || yaml.isBlank()) {
      return defaults;
    }
    File file;
    try {
      JsonNode tree = Serialization.yamlMapper().readTree(yaml);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return defaults;
      }
      file =
          Serialization.yamlMapper()
              .readerFor(File.class)
              .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .readValue(tree);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          "platform config: unknown key '"
              + e.getPropertyName()
              + "' (known: "
              + "openshift, runAsUser, activeDeadlineSeconds, images, resources, gitInitResources, policy; under policy: "
              + "allowedAgents, allowedImages, maxActiveDeadlineSeconds, maxResources)",
          e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(
          "platform config: " + e.getOriginalMessage() + " at " + e.getPathReference(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("platform config: not valid YAML: " + e.getMessage(), e);
    }
    Map<Agent, String> images = new EnumMap<>(defaults.agentImages());
    String gitInitImage = defaults.gitInitImage();
    if (file.images != null) {
      for (Map.Entry<String, String> entry : file.images.entrySet()) {
        if (entry.getValue() == null || entry.getValue().isBlank()) {
          throw new IllegalArgumentException(
              "platform config: images." + entry.getKey() + " is empty");
        }
        if (GIT_INIT_IMAGE_KEY.equals(entry.getKey())) {
          gitInitImage = entry.getValue();
        } else {
          images.put(agentNamed(entry.getKey()), entry.getValue());
        }
      }
    }
    return new PlatformConfig(
        file.openshift != null ? file.openshift : defaults.openshift(),
        file.runAsUser != null ? file.runAsUser : defaults.runAsUser(),
        file.activeDeadlineSeconds != null
            ? file.activeDeadlineSeconds
            : defaults.activeDeadlineSeconds(),
        gitInitImage,
        images,
        file.resources != null ? file.resources : defaults.agentResources(),
        file.gitInitResources != null ? file.gitInitResources : defaults.gitInitResources(),
        file.policy);
  }

  private static Agent agentNamed(String key) {
    for (Agent agent : Agent.values()) {
      if (agent.value().equals(key)) {
        return agent;
      }
    }
    throw new IllegalArgumentException(
        "platform config: images."
            + key
            + " is not an agent: use git-init, "
            + "claude-code, opencode, aider or custom");
  }

  private static ResourceRequirements resources(
      String cpuRequest, String memoryRequest, String cpuLimit, String memoryLimit) {
    Map<String, Quantity> requests = new LinkedHashMap<>();
    requests.put("cpu", new Quantity(cpuRequest));
    requests.put("memory", new Quantity(memoryRequest));
    Map<String, Quantity> limits = new LinkedHashMap<>();
    limits.put("cpu", new Quantity(cpuLimit));
    limits.put("memory", new Quantity(memoryLimit));
    return new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build();
  }

  /** The YAML shape of {@code platform.yaml}. */
  static final class File {
    @JsonProperty Boolean openshift;
    @JsonProperty Long runAsUser;
    @JsonProperty Long activeDeadlineSeconds;
    @JsonProperty Map<String, String> images;
    @JsonProperty ResourceRequirements resources;
    @JsonProperty ResourceRequirements gitInitResources;
    @JsonProperty AdmissionPolicy policy;
  }
}
