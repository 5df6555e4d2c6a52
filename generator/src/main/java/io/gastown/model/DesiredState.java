package io.gastown.model;

/**
 * What the polecat should be doing; retire a polecat by setting Terminated (or removing it from
 * git).
 */
public enum DesiredState {
  Idle,
  Working,
  Terminated
}
