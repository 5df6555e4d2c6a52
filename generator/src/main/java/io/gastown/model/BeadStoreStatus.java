package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BeadStoreStatus extends ObservedStatus {
  private BeadStorePhase phase;
  private String lastSyncTime;
  private Integer issueCount;

  public BeadStorePhase getPhase() {
    return phase;
  }

  public void setPhase(BeadStorePhase phase) {
    this.phase = phase;
  }

  public String getLastSyncTime() {
    return lastSyncTime;
  }

  public void setLastSyncTime(String lastSyncTime) {
    this.lastSyncTime = lastSyncTime;
  }

  public Integer getIssueCount() {
    return issueCount;
  }

  public void setIssueCount(Integer issueCount) {
    this.issueCount = issueCount;
  }
}
