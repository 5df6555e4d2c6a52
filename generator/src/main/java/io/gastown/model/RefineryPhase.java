package io.gastown.model;

public enum RefineryPhase {
  Idle,
  Processing,
  Error
}
