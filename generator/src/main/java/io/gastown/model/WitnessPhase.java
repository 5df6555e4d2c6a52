package io.gastown.model;

public enum WitnessPhase {
  Pending,
  Active,
  Degraded
}
