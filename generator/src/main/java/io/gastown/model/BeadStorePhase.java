package io.gastown.model;

public enum BeadStorePhase {
  Pending,
  Synced,
  Error
}
