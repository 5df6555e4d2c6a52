package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Counts of a rig's polecats, as the Witness sees them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PolecatsSummary {
  private int total;
  private int pending;
  private int running;
  private int succeeded;
  private int failed;
  private int stuck;

  public int getTotal() {
    return total;
  }

  public void setTotal(int total) {
    this.total = total;
  }

  public int getPending() {
    return pending;
  }

  public void setPending(int pending) {
    this.pending = pending;
  }

  public int getRunning() {
    return running;
  }

  public void setRunning(int running) {
    this.running = running;
  }

  public int getSucceeded() {
    return succeeded;
  }

  public void setSucceeded(int succeeded) {
    this.succeeded = succeeded;
  }

  public int getFailed() {
    return failed;
  }

  public void setFailed(int failed) {
    this.failed = failed;
  }

  public int getStuck() {
    return stuck;
  }

  public void setStuck(int stuck) {
    this.stuck = stuck;
  }
}
