package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the agent runs; only Kubernetes pods are supported. */
public enum ExecutionMode {
  @JsonProperty("kubernetes")
  kubernetes
}
