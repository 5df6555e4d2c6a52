package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RigStatus extends ObservedStatus {
  private RigPhase phase;

  @JsonPropertyDescription("Number of polecats of the rig.")
  private Integer polecatCount;

  @JsonPropertyDescription("Number of polecats of the rig in each phase.")
  private Map<String, Integer> polecatsByPhase;

  @JsonPropertyDescription("Number of the rig's convoys that are Pending or InProgress.")
  private Integer activeConvoys;

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
}
