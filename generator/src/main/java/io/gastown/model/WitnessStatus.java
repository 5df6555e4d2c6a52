package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WitnessStatus {
  private WitnessPhase phase;
  private String lastCheckTime;
  private PolecatsSummary polecatsSummary;
  private Long observedGeneration;
  private List<Condition> conditions;

  public WitnessPhase getPhase() {
    return phase;
  }

  public void setPhase(WitnessPhase phase) {
    this.phase = phase;
  }

  public String getLastCheckTime() {
    return lastCheckTime;
  }

  public void setLastCheckTime(String lastCheckTime) {
    this.lastCheckTime = lastCheckTime;
  }

  public PolecatsSummary getPolecatsSummary() {
    return polecatsSummary;
  }

  public void setPolecatsSummary(PolecatsSummary polecatsSummary) {
    this.polecatsSummary = polecatsSummary;
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
