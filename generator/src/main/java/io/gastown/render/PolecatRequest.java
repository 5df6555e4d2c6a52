package io.gastown.render;

import io.gastown.model.Agent;
import java.util.List;

/**
 * What a sling asks for; null fields take the rig's defaults (see {@link Polecats#create}).
 *
 * @param name the polecat's name (already chosen: themed or given)
 * @param beadId the bead to work on
 * @param task instructions for the agent, or null
 * @param agent the agent, or null for the rig's default, else claude-code
 * @param branch the branch to clone, or null for the rig's gitBranch, else main
 * @param workBranch the branch to commit to, or null for feature/&lt;bead&gt;
 * @param model the agent's model ({@code spec.agentConfig.model}, which opencode and aider need),
 *     or null
 * @param command a custom agent's command ({@code spec.agentConfig.command}), or empty
 */
public record PolecatRequest(
    String name,
    String beadId,
    String task,
    Agent agent,
    String branch,
    String workBranch,
    String model,
    List<String> command) {

  public PolecatRequest {
    command = command == null ? List.of() : List.copyOf(command);
  }

  public PolecatRequest(
      String name,
      String beadId,
      String task,
      Agent agent,
      String branch,
      String workBranch,
      String model) {
    this(name, beadId, task, agent, branch, workBranch, model, List.of());
  }

  public PolecatRequest(
      String name, String beadId, String task, Agent agent, String branch, String workBranch) {
    this(name, beadId, task, agent, branch, workBranch, null);
  }

  public static PolecatRequest of(String name, String beadId) {
    return new PolecatRequest(name, beadId, null, null, null, null);
  }

  public PolecatRequest withName(String newName) {
    return new PolecatRequest(newName, beadId, task, agent, branch, workBranch, model, command);
  }
}
