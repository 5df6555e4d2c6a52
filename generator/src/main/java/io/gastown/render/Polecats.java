package io.gastown.render;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.gastown.model.Agent;
import io.gastown.model.AgentConfig;
import io.gastown.model.ExecutionMode;
import io.gastown.model.KubernetesSpec;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import io.gastown.model.Rig;
import io.gastown.model.RigSettings;
import io.gastown.model.Serialization;

/**
 * Builds the Polecat of a sling from the Rig, so that each Polecat says everything about its work
 * (repository, branches, secrets) without the reader having to look the Rig up.
 */
public final class Polecats {
  private Polecats() {}

  public static Polecat create(Rig rig, PolecatRequest request) {
    RigSettings settings =
        rig.getSpec().getSettings() != null ? rig.getSpec().getSettings() : new RigSettings();

    KubernetesSpec kubernetes = new KubernetesSpec();
    kubernetes.setGitRepository(rig.getSpec().getGitURL());
    kubernetes.setGitBranch(
        firstNonNull(request.branch(), settings.getGitBranch(), PodContract.DEFAULT_BRANCH));
    kubernetes.setWorkBranch(
        firstNonNull(request.workBranch(), PodContract.WORK_BRANCH_PREFIX + request.beadId()));
    kubernetes.setGitSecretRef(settings.getGitSecretRef());
    kubernetes.setClaudeCredsSecretRef(settings.getClaudeCredsSecretRef());
    kubernetes.setApiKeySecretRef(settings.getApiKeySecretRef());

    PolecatSpec spec = new PolecatSpec();
    spec.setRig(rig.getMetadata().getName());
    spec.setBeadID(request.beadId());
    spec.setTaskDescription(request.task());
    spec.setExecutionMode(ExecutionMode.kubernetes);
    spec.setAgent(firstNonNull(request.agent(), settings.getAgent(), Agent.CLAUDE_CODE));
    spec.setKubernetes(kubernetes);
    if (request.model() != null || !request.command().isEmpty()) {
      AgentConfig agentConfig = new AgentConfig();
      agentConfig.setModel(request.model());
      agentConfig.setCommand(request.command().isEmpty() ? null : request.command());
      spec.setAgentConfig(agentConfig);
    }
    return named(rig, spec, request.name());
  }

  /**
   * A new polecat with the spec of another one (e.g. as it was at an earlier commit: {@code kubectl
   * gt polecat rerun}): the same bead, agent, branches and secrets, under a new name in the rig's
   * namespace. The spec is copied, not shared.
   */
  public static Polecat withSpec(Rig rig, PolecatSpec spec, String name) {
    PolecatSpec copy = Serialization.jsonMapper().convertValue(spec, PolecatSpec.class);
    return named(rig, copy, name);
  }

  private static Polecat named(Rig rig, PolecatSpec spec, String name) {
    // Left out (the CRD defaults it to Working) so that Argo CD's nuke action, which sets
    // Terminated, is not undone by self-heal: a field git does not mention is not drift.
    spec.setDesiredState(null);
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(name);
    metadata.setNamespace(RigManifests.namespaceOf(rig));
    Polecat polecat = new Polecat();
    polecat.setMetadata(metadata);
    polecat.setSpec(spec);
    return polecat;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T value : values) {
      if (value != null) {
        return value;
      }
    }
    return null;
  }
}
