package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The latest merge run: its Pod, how it went and what it landed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RefineryRun {
  private String podName;

  @JsonPropertyDescription("Pending, Running, Succeeded or Failed (the Pod's phase).")
  private String phase;

  private String startedAt;
  private String completedAt;

  @JsonPropertyDescription("Branches the run was given.")
  private Integer queued;

  private Integer merged;
  private Integer failed;

  @JsonPropertyDescription("Why a run failed as a whole (e.g. the target could not be fetched).")
  private String message;

  public String getPodName() {
    return podName;
  }

  public void setPodName(String podName) {
    this.podName = podName;
  }

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
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

  public Integer getQueued() {
    return queued;
  }

  public void setQueued(Integer queued) {
    this.queued = queued;
  }

  public Integer getMerged() {
    return merged;
  }

  public void setMerged(Integer merged) {
    this.merged = merged;
  }

  public Integer getFailed() {
    return failed;
  }

  public void setFailed(Integer failed) {
    this.failed = failed;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
