package io.gastown.render;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Argo CD sync waves of what kubectl gt writes: the rig's Namespace and Rig first, then Polecats, Convoys and the
 * Witness, then the Jobs (a Job's Pod is expanded from its Polecat, so the Polecat must exist first).
 */
public final class SyncWave {
  public static final String ANNOTATION = "argocd.argoproj.io/sync-wave";
  public static final String NAMESPACE = "-1";
  public static final String RIG = "-1";
  public static final String POLECAT = "0";
  public static final String CONVOY = "0";
  public static final String WITNESS = "0";
  public static final String JOB = "1";

  private SyncWave() {
  }

  /** The wave of a manifest (0 when it has none, as in Argo CD). */
  public static int of(JsonNode manifest) {
    String wave = manifest.path("metadata").path("annotations").path(ANNOTATION).asText("0");
    try {
      return Integer.parseInt(wave.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
