package io.gastown.model;

/** Observed phase of a polecat, written by the status reporter. */
public enum PolecatPhase {
  Pending,
  Working,
  Done,
  Failed,
  Stuck,
  Terminated,
  Idle
}
