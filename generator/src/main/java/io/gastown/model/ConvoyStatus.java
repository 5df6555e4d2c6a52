package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConvoyStatus extends ObservedStatus {
  private ConvoyPhase phase;

  @JsonPropertyDescription("done/total, e.g. 2/3.")
  private String progress;

  private List<String> completedBeads;
  private List<String> pendingBeads;
  private List<String> failedBeads;
  private String startedAt;
  private String completedAt;

  public ConvoyPhase getPhase() {
    return phase;
  }

  public void setPhase(ConvoyPhase phase) {
    this.phase = phase;
  }

  public String getProgress() {
    return progress;
  }

  public void setProgress(String progress) {
    this.progress = progress;
  }

  public List<String> getCompletedBeads() {
    return completedBeads;
  }

  public void setCompletedBeads(List<String> completedBeads) {
    this.completedBeads = completedBeads;
  }

  public List<String> getPendingBeads() {
    return pendingBeads;
  }

  public void setPendingBeads(List<String> pendingBeads) {
    this.pendingBeads = pendingBeads;
  }

  public List<String> getFailedBeads() {
    return failedBeads;
  }

  public void setFailedBeads(List<String> failedBeads) {
    this.failedBeads = failedBeads;
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
}
