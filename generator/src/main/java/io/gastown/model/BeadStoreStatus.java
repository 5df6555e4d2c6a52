package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BeadStoreStatus {
  private BeadStorePhase phase;
  private String lastSyncTime;
  private Integer issueCount;
  private Long observedGeneration;
  private List<Condition> conditions;

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

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
