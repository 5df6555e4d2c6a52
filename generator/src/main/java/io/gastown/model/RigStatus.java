package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RigStatus {
  private RigPhase phase;
  @JsonPropertyDescription("Number of polecats of the rig.")
  private Integer polecatCount;
  @JsonPropertyDescription("Number of polecats of the rig in each phase.")
  private Map<String, Integer> polecatsByPhase;
  @JsonPropertyDescription("Number of the rig's convoys that are Pending or InProgress.")
  private Integer activeConvoys;
  private Long observedGeneration;
  private List<Condition> conditions;

  public RigPhase getPhase() {
    return phase;
  }

  public void setPhase(RigPhase phase) {
    this.phase = phase;
  }

  public Integer getPolecatCount() {
    return polecatCount;
  }

  public void setPolecatCount(Integer polecatCount) {
    this.polecatCount = polecatCount;
  }

  public Map<String, Integer> getPolecatsByPhase() {
    return polecatsByPhase;
  }

  public void setPolecatsByPhase(Map<String, Integer> polecatsByPhase) {
    this.polecatsByPhase = polecatsByPhase;
  }

  public Integer getActiveConvoys() {
    return activeConvoys;
  }

  public void setActiveConvoys(Integer activeConvoys) {
    this.activeConvoys = activeConvoys;
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
