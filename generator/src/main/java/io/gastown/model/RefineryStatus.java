package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RefineryStatus extends ObservedStatus {
  private RefineryPhase phase;
  private Integer queueLength;
  private String currentMerge;
  private String lastMergeTime;

  public RefineryPhase getPhase() {
    return phase;
  }

  public void setPhase(RefineryPhase phase) {
    this.phase = phase;
  }

  public Integer getQueueLength() {
    return queueLength;
  }

  public void setQueueLength(Integer queueLength) {
    this.queueLength = queueLength;
  }

  public String getCurrentMerge() {
    return currentMerge;
  }

  public void setCurrentMerge(String currentMerge) {
    this.currentMerge = currentMerge;
  }

  public String getLastMergeTime() {
    return lastMergeTime;
  }

  public void setLastMergeTime(String lastMergeTime) {
    this.lastMergeTime = lastMergeTime;
  }
}
