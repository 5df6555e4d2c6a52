package io.gastown.expand;

import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.gastown.model.Agent;
import io.gastown.model.AgentConfig;
import io.gastown.model.KubernetesSpec;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import io.gastown.model.RigSettings;

/**
 * The values of a polecat Pod that policy limits, after precedence (the Polecat's, else its Rig's,
 * else the platform's), each with the field it came from so that a refusal names what to change.
 * Pure; never refuses.
 */
public record EffectiveValues(
    Agent agent,
    String agentFrom,
    String image,
    String imageFrom,
    ResourceRequirements resources,
    String resourcesFrom,
    long activeDeadlineSeconds,
    String activeDeadlineSecondsFrom) {

  public static EffectiveValues of(Polecat polecat, Rig rig, PlatformConfig platform) {
    KubernetesSpec k =
        polecat.getSpec() != null && polecat.getSpec().getKubernetes() != null
            ? polecat.getSpec().getKubernetes()
            : new KubernetesSpec();
    AgentConfig config =
        polecat.getSpec() != null && polecat.getSpec().getAgentConfig() != null
            ? polecat.getSpec().getAgentConfig()
            : new AgentConfig();
    RigSettings settings =
        rig != null && rig.getSpec() != null && rig.getSpec().getSettings() != null
            ? rig.getSpec().getSettings()
            : new RigSettings();
    Agent ownAgent = polecat.getSpec() != null ? polecat.getSpec().getAgent() : null;

    Agent agent =
        ownAgent != null
            ? ownAgent
            : settings.getAgent() != null ? settings.getAgent() : Agent.CLAUDE_CODE;
    String agentFrom =
        ownAgent != null
            ? "spec.agent"
            : settings.getAgent() != null ? "the Rig's settings.agent" : "the default agent";

    String image;
    String imageFrom;
    if (present(config.getImage())) {
      image = config.getImage();
      imageFrom = "spec.agentConfig.image";
    } else if (present(k.getImage())) {
      image = k.getImage();
      imageFrom = "spec.kubernetes.image";
    } else if (present(settings.getImage())) {
      image = settings.getImage();
      imageFrom = "the Rig's settings.image";
    } else {
      image = platform.imageFor(agent);
      imageFrom = "the platform's images." + agent;
    }

    ResourceRequirements resources =
        k.getResources() != null
            ? k.getResources()
            : settings.getResources() != null ? settings.getResources() : platform.agentResources();
    String resourcesFrom =
        k.getResources() != null
            ? "spec.kubernetes.resources"
            : settings.getResources() != null
                ? "the Rig's settings.resources"
                : "the platform's resources";

    long deadline =
        k.getActiveDeadlineSeconds() != null
            ? k.getActiveDeadlineSeconds()
            : settings.getActiveDeadlineSeconds() != null
                ? settings.getActiveDeadlineSeconds()
                : platform.activeDeadlineSeconds();
    String deadlineFrom =
        k.getActiveDeadlineSeconds() != null
            ? "spec.kubernetes.activeDeadlineSeconds"
            : settings.getActiveDeadlineSeconds() != null
                ? "the Rig's settings.activeDeadlineSeconds"
                : "the platform's activeDeadlineSeconds";
    return new EffectiveValues(
        agent, agentFrom, image, imageFrom, resources, resourcesFrom, deadline, deadlineFrom);
  }

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }
}
