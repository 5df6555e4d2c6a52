package io.gastown.model;

public enum RigPhase {
  Initializing,
  Ready,
  Degraded
}
