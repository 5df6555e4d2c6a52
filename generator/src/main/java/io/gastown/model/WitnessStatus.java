package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WitnessStatus extends ObservedStatus {
  private WitnessPhase phase;
  private String lastCheckTime;
  private PolecatsSummary polecatsSummary;

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
}
