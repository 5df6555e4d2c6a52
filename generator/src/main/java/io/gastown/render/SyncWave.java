package io.gastown.render;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Argo CD sync waves of what kubectl gt writes: the rig's Namespace and Rig first, then everything
 * else together.
 *
 * <p>A Polecat and its Job share a wave on purpose. Argo CD starts a wave only when every object of
 * the waves before it is Healthy, and a Polecat is Progressing from the moment it exists until its
 * Job's Pod has run: with the Job one wave later, the first sync would never create the Job, and
 * any Working polecat would hold back the Jobs of every later sling. Within a wave Argo CD applies
 * built-in kinds before custom resources, so the Job may come first; the webhook then waits for the
 * Polecat to reach its cache (a few milliseconds) before expanding the Pod.
 */
public final class SyncWave {
  public static final String ANNOTATION = "argocd.argoproj.io/sync-wave";
  public static final String NAMESPACE = "-1";
  public static final String RIG = "-1";
  public static final String POLECAT = "0";
  public static final String CONVOY = "0";
  public static final String WITNESS = "0";
  public static final String JOB = "0";
  public static final String REFINERY = "0";
  public static final String CRON_JOB = "0";

  private SyncWave() {}

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
