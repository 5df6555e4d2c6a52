package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RefineryStatus {
  private RefineryPhase phase;
  private Integer queueLength;
  private String currentMerge;
  private String lastMergeTime;
  private Long observedGeneration;
  private List<Condition> conditions;

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
