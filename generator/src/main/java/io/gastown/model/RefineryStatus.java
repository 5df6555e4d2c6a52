package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RefineryStatus extends ObservedStatus {
  @JsonPropertyDescription(
      "Idle (no run going, the last one finished), Processing (a run is going) or Error (the last run"
          + " failed as a whole).")
  private RefineryPhase phase;

  @JsonPropertyDescription("Done polecats whose branches wait to be merged.")
  private Integer queueLength;

  @JsonPropertyDescription("The branches the run that is going was given, in merge order.")
  private String currentMerge;

  @JsonPropertyDescription("When the last branch was merged (the end of its run).")
  private String lastMergeTime;

  private String lastMergedBranch;

  @JsonPropertyDescription("The target's commit after the last merge.")
  private String lastMergedCommit;

  private RefineryRun lastRun;

  @JsonPropertyDescription("The branches the last finished run could not land, and why.")
  private List<RefineryFailure> failures;

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

  public String getLastMergedBranch() {
    return lastMergedBranch;
  }

  public void setLastMergedBranch(String lastMergedBranch) {
    this.lastMergedBranch = lastMergedBranch;
  }

  public String getLastMergedCommit() {
    return lastMergedCommit;
  }

  public void setLastMergedCommit(String lastMergedCommit) {
    this.lastMergedCommit = lastMergedCommit;
  }

  public RefineryRun getLastRun() {
    return lastRun;
  }

  public void setLastRun(RefineryRun lastRun) {
    this.lastRun = lastRun;
  }

  public List<RefineryFailure> getFailures() {
    return failures;
  }

  public void setFailures(List<RefineryFailure> failures) {
    this.failures = failures;
  }
}
