package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class WitnessSpec {
  @Required
  @Pattern(GasTown.NAME_PATTERN)
  @JsonPropertyDescription("The Rig whose polecats this witness watches.")
  private String rigRef;

  @Pattern(GasTown.DURATION_PATTERN)
  @Default("30s")
  @JsonPropertyDescription("How often polecats are checked, e.g. 30s.")
  private String healthCheckInterval;

  @Pattern(GasTown.DURATION_PATTERN)
  @Default("15m")
  @JsonPropertyDescription("A Working polecat with no new log output for this long is Stuck.")
  private String stuckThreshold;

  @Pattern(GasTown.DURATION_PATTERN)
  @Default("10m")
  @JsonPropertyDescription("A polecat Pending for longer than this is Stuck.")
  private String pendingThreshold;

  @Size(max = 256)
  @JsonPropertyDescription("Who is told about stuck polecats (e.g. mayor). Informational.")
  private String escalationTarget;

  public String getRigRef() {
    return rigRef;
  }

  public void setRigRef(String rigRef) {
    this.rigRef = rigRef;
  }

  public String getHealthCheckInterval() {
    return healthCheckInterval;
  }

  public void setHealthCheckInterval(String healthCheckInterval) {
    this.healthCheckInterval = healthCheckInterval;
  }

  public String getStuckThreshold() {
    return stuckThreshold;
  }

  public void setStuckThreshold(String stuckThreshold) {
    this.stuckThreshold = stuckThreshold;
  }

  public String getPendingThreshold() {
    return pendingThreshold;
  }

  public void setPendingThreshold(String pendingThreshold) {
    this.pendingThreshold = pendingThreshold;
  }

  public String getEscalationTarget() {
    return escalationTarget;
  }

  public void setEscalationTarget(String escalationTarget) {
    this.escalationTarget = escalationTarget;
  }
}
