package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolecatStatus extends ObservedStatus {
  @JsonPropertyDescription("Pending, Working, Done, Failed, Stuck, Terminated or Idle.")
  private PolecatPhase phase;

  @JsonPropertyDescription("Why the polecat is in its phase, in words.")
  private String message;

  private String podName;
  private String jobName;

  @JsonPropertyDescription("The work branch the agent pushes.")
  private String branch;

  private String assignedBead;
  private String startedAt;
  private String completedAt;

  @JsonPropertyDescription("Last time the agent was seen doing something (new log output).")
  private String lastActivity;

  public PolecatPhase getPhase() {
    return phase;
  }

  public void setPhase(PolecatPhase phase) {
    this.phase = phase;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getPodName() {
    return podName;
  }

  public void setPodName(String podName) {
    this.podName = podName;
  }

  public String getJobName() {
    return jobName;
  }

  public void setJobName(String jobName) {
    this.jobName = jobName;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  public String getAssignedBead() {
    return assignedBead;
  }

  public void setAssignedBead(String assignedBead) {
    this.assignedBead = assignedBead;
  }

  public String getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(String startedAt) {
    this.startedAt = startedAt;
  }

  public String getCompletedAt() {
    return completedAt;
  }

  public void setCompletedAt(String completedAt) {
    this.completedAt = completedAt;
  }

  public String getLastActivity() {
    return lastActivity;
  }

  public void setLastActivity(String lastActivity) {
    this.lastActivity = lastActivity;
  }
}
