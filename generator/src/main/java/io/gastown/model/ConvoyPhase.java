package io.gastown.model;

public enum ConvoyPhase {
  Pending,
  InProgress,
  Complete,
  Failed
}
