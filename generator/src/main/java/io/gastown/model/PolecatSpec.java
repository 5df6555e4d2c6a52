package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolecatSpec {
  @Required
  @Pattern(GasTown.NAME_PATTERN)
  @Size(max = 63)
  @ValidationRule(
      value = GasTown.IMMUTABLE_RULE,
      message = "spec.rig is immutable: create a new Polecat instead")
  @JsonPropertyDescription("The Rig this polecat works for. Immutable.")
  private String rig;

  @Pattern(GasTown.BEAD_ID_PATTERN)
  @JsonPropertyDescription("The bead (issue) to work on, e.g. gt-123. Must be a valid label value.")
  private String beadID;

  @Size(max = 65536)
  @JsonPropertyDescription(
      "Instructions for the agent; passed as the environment variable GT_TASK_DESCRIPTION.")
  private String taskDescription;

  @Default("Working")
  @JsonPropertyDescription("Working runs the agent; Idle and Terminated do not.")
  private DesiredState desiredState = DesiredState.Working;

  @Default("kubernetes")
  @JsonPropertyDescription("Where the agent runs. Only kubernetes is supported.")
  private ExecutionMode executionMode = ExecutionMode.kubernetes;

  @Default("claude-code")
  @JsonPropertyDescription("The coding agent: claude-code (default), opencode, aider or custom.")
  private Agent agent = Agent.CLAUDE_CODE;

  @JsonPropertyDescription(
      "Agent settings: model provider, model, endpoint, and for custom agents image and command.")
  private AgentConfig agentConfig;

  @JsonPropertyDescription(
      "How the polecat's Pod is built: repository, branches, secrets, image, resources.")
  private KubernetesSpec kubernetes;

  public String getRig() {
    return rig;
  }

  public void setRig(String rig) {
    this.rig = rig;
  }

  public String getBeadID() {
    return beadID;
  }

  public void setBeadID(String beadID) {
    this.beadID = beadID;
  }

  public String getTaskDescription() {
    return taskDescription;
  }

  public void setTaskDescription(String taskDescription) {
    this.taskDescription = taskDescription;
  }

  public DesiredState getDesiredState() {
    return desiredState;
  }

  public void setDesiredState(DesiredState desiredState) {
    this.desiredState = desiredState;
  }

  public ExecutionMode getExecutionMode() {
    return executionMode;
  }

  public void setExecutionMode(ExecutionMode executionMode) {
    this.executionMode = executionMode;
  }

  public Agent getAgent() {
    return agent;
  }

  public void setAgent(Agent agent) {
    this.agent = agent;
  }

  public AgentConfig getAgentConfig() {
    return agentConfig;
  }

  public void setAgentConfig(AgentConfig agentConfig) {
    this.agentConfig = agentConfig;
  }

  public KubernetesSpec getKubernetes() {
    return kubernetes;
  }

  public void setKubernetes(KubernetesSpec kubernetes) {
    this.kubernetes = kubernetes;
  }
}
