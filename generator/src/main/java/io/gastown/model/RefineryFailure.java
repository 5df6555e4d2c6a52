package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A work branch the last merge run could not land, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RefineryFailure {
  private String branch;
  private String polecat;
  private String reason;

  public RefineryFailure() {}

  public RefineryFailure(String branch, String polecat, String reason) {
    this.branch = branch;
    this.polecat = polecat;
    this.reason = reason;
  }

  public String getBranch() {
    return branch;
  }

  public void setBranch(String branch) {
    this.branch = branch;
  }

  public String getPolecat() {
    return polecat;
  }

  public void setPolecat(String polecat) {
    this.polecat = polecat;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
