package io.gastown.validation;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.gastown.model.Agent;
import io.gastown.model.AgentConfig;
import io.gastown.model.Convoy;
import io.gastown.model.KubernetesSpec;
import io.gastown.model.ModelProviderType;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatSpec;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import io.gastown.model.RigSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rules a structural schema cannot express: relations between fields, immutability on update, and
 * the CRDs' CEL rules (the apiserver enforces those too; repeating them here makes a direct call
 * report every error at once). Pure functions of the objects.
 */
public final class CrossFieldRules {
  private static final Set<String> RESERVED_PREFIXES = PodContract.RESERVED_BEAD_PREFIXES;

  private CrossFieldRules() {}

  public static List<Violation> check(Object object) {
    if (object instanceof Polecat polecat) {
      return polecat(polecat);
    }
    if (object instanceof Rig rig) {
      return rig(rig);
    }
    if (object instanceof Convoy convoy) {
      return convoy(convoy);
    }
    if (object instanceof Refinery refinery) {
      return refinery(refinery);
    }
    return List.of();
  }

  /** Fields that may not change once set. */
  public static List<Violation> immutability(Object oldObject, Object newObject) {
    List<Violation> out = new ArrayList<>();
    if (oldObject instanceof Polecat was
        && newObject instanceof Polecat is
        && was.getSpec() != null
        && is.getSpec() != null
        && !Objects.equals(was.getSpec().getRig(), is.getSpec().getRig())) {
      out.add(
          new Violation(
              "spec.rig",
              quoted(is.getSpec().getRig()),
              "is immutable (was "
                  + quoted(was.getSpec().getRig())
                  + "): create a new Polecat instead"));
    }
    if (oldObject instanceof Rig was
        && newObject instanceof Rig is
        && was.getSpec() != null
        && is.getSpec() != null
        && !Objects.equals(was.getSpec().getBeadsPrefix(), is.getSpec().getBeadsPrefix())) {
      out.add(
          new Violation(
              "spec.beadsPrefix",
              quoted(is.getSpec().getBeadsPrefix()),
              "is immutable (was "
                  + quoted(was.getSpec().getBeadsPrefix())
                  + "): bead IDs already use it"));
    }
    return out;
  }

  public static List<Violation> polecat(Polecat polecat) {
    List<Violation> out = new ArrayList<>();
    PolecatSpec spec = polecat.getSpec();
    if (spec == null) {
      return out;
    }
    if (blank(spec.getBeadID()) && blank(spec.getTaskDescription())) {
      out.add(
          new Violation(
              "spec.beadID",
              null,
              "one of spec.beadID and spec.taskDescription is required: the "
                  + "agent needs something to do"));
    }
    KubernetesSpec k = spec.getKubernetes();
    if (k != null) {
      branch(out, "spec.kubernetes.gitBranch", k.getGitBranch());
      branch(out, "spec.kubernetes.workBranch", k.getWorkBranch());
      if (k.getWorkBranch() != null && k.getWorkBranch().equals(k.getGitBranch())) {
        out.add(
            new Violation(
                "spec.kubernetes.workBranch",
                quoted(k.getWorkBranch()),
                "must differ from spec.kubernetes.gitBranch: the agent pushes to the work branch"));
      }
      resources(out, "spec.kubernetes.resources", k.getResources());
    }
    agent(
        out, spec.getAgent() != null ? spec.getAgent() : Agent.CLAUDE_CODE, spec.getAgentConfig());
    return out;
  }

  private static void agent(List<Violation> out, Agent agent, AgentConfig config) {
    AgentConfig c = config != null ? config : new AgentConfig();
    if (agent == Agent.CUSTOM && (c.getCommand() == null || c.getCommand().isEmpty())) {
      out.add(new Violation("spec.agentConfig.command", null, "is required for agent custom"));
    }
    if (agent != Agent.CUSTOM && c.getCommand() != null && !c.getCommand().isEmpty()) {
      out.add(
          new Violation(
              "spec.agentConfig.command",
              null,
              "is only used by agent custom (agent is "
                  + agent
                  + "): remove it or set agent: custom"));
    }
    if (agent != Agent.CUSTOM && c.getArgs() != null && !c.getArgs().isEmpty()) {
      out.add(
          new Violation(
              "spec.agentConfig.args",
              null,
              "is only used by agent custom (agent is "
                  + agent
                  + "): remove it or set agent: custom"));
    }
    if ((agent == Agent.OPENCODE || agent == Agent.AIDER) && blank(c.getModel())) {
      out.add(
          new Violation(
              "spec.agentConfig.model",
              null,
              "is required for agent " + agent + ": set it (kubectl gt sling --model MODEL)"));
    }
    ModelProviderType provider = c.getProvider();
    boolean hasEndpoint =
        c.getModelProvider() != null && !blank(c.getModelProvider().getEndpoint());
    if ((provider == ModelProviderType.litellm || provider == ModelProviderType.ollama)
        && !hasEndpoint) {
      out.add(
          new Violation(
              "spec.agentConfig.modelProvider.endpoint",
              null,
              "is required for provider " + provider));
    }
    List<EnvVar> env = c.getEnv() != null ? c.getEnv() : List.of();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < env.size(); i++) {
      String name = env.get(i).getName();
      String path = "spec.agentConfig.env[" + i + "].name";
      if (name == null) {
        continue;
      }
      if (PodContract.Env.reserved(name)) {
        out.add(
            new Violation(path, quoted(name), "is set by Gas Town (GT_* and HOME are reserved)"));
      }
      if (!seen.add(name)) {
        out.add(new Violation(path, quoted(name), "is set twice"));
      }
    }
  }

  public static List<Violation> rig(Rig rig) {
    List<Violation> out = new ArrayList<>();
    if (rig.getSpec() == null) {
      return out;
    }
    if (rig.getSpec().getBeadsPrefix() != null
        && RESERVED_PREFIXES.contains(rig.getSpec().getBeadsPrefix())) {
      out.add(
          new Violation(
              "spec.beadsPrefix",
              quoted(rig.getSpec().getBeadsPrefix()),
              "is reserved (hq, system and default are): choose another prefix"));
    }
    RigSettings settings = rig.getSpec().getSettings();
    if (settings != null) {
      branch(out, "spec.settings.gitBranch", settings.getGitBranch());
      resources(out, "spec.settings.resources", settings.getResources());
    }
    return out;
  }

  public static List<Violation> convoy(Convoy convoy) {
    List<Violation> out = new ArrayList<>();
    List<String> beads =
        convoy.getSpec() != null && convoy.getSpec().getTrackedBeads() != null
            ? convoy.getSpec().getTrackedBeads()
            : List.of();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < beads.size(); i++) {
      if (!seen.add(beads.get(i))) {
        out.add(
            new Violation("spec.trackedBeads[" + i + "]", quoted(beads.get(i)), "is listed twice"));
      }
    }
    return out;
  }

  public static List<Violation> refinery(Refinery refinery) {
    List<Violation> out = new ArrayList<>();
    if (refinery.getSpec() == null) {
      return out;
    }
    branch(out, "spec.targetBranch", refinery.getSpec().getTargetBranch());
    String command = refinery.getSpec().getTestCommand();
    if (command != null && command.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
      out.add(
          new Violation(
              "spec.testCommand", null, "must be a single line without control characters"));
    }
    return out;
  }

  private static void branch(List<Violation> out, String path, String branch) {
    if (branch != null && branch.contains("..")) {
      out.add(new Violation(path, quoted(branch), "must not contain '..'"));
    }
  }

  private static void resources(List<Violation> out, String path, ResourceRequirements resources) {
    if (resources == null || resources.getRequests() == null || resources.getLimits() == null) {
      return;
    }
    for (Map.Entry<String, Quantity> request : resources.getRequests().entrySet()) {
      Quantity limit = resources.getLimits().get(request.getKey());
      if (limit == null) {
        continue;
      }
      try {
        if (Quantity.getAmountInBytes(request.getValue())
                .compareTo(Quantity.getAmountInBytes(limit))
            > 0) {
          out.add(
              new Violation(
                  path + ".requests." + request.getKey(),
                  request.getValue().toString(),
                  "must not exceed the limit " + limit));
        }
      } catch (IllegalArgumentException e) {
        out.add(
            new Violation(path, null, "holds a value that is not a quantity (e.g. 500m, 2, 1Gi)"));
      }
    }
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static String quoted(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }
}
