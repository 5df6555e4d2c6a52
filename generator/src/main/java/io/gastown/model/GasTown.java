package io.gastown.model;

import java.util.Map;

/** Names shared by every part: the API group, labels, annotations and validation patterns. */
public final class GasTown {
  public static final String GROUP = "gastown.gastown.io";
  public static final String VERSION = "v1alpha1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String CATEGORY = "gastown";

  public static final String LABEL_POLECAT = "gastown.io/polecat";
  public static final String LABEL_RIG = "gastown.io/rig";
  public static final String LABEL_BEAD = "gastown.io/bead";

  /**
   * On a Refinery's CronJob, its pod template and the Pods of its merge runs: the Refinery's name.
   */
  public static final String LABEL_REFINERY = "gastown.io/refinery";

  /**
   * Set on a merge run's Pod by the webhook: the queue it was given, {@code polecat=branch} pairs
   * in merge order, separated by spaces (the status reporter maps the run's results back to the
   * polecats by it).
   */
  public static final String ANNOTATION_MERGE_QUEUE = "gastown.io/merge-queue";

  /**
   * Namespaces carrying this label (value {@value #NAMESPACE_OPT_IN_VALUE}) have their polecat Pods
   * expanded.
   */
  public static final String LABEL_NAMESPACE_OPT_IN = "gastown.io/polecats";

  public static final String NAMESPACE_OPT_IN_VALUE = "enabled";

  /**
   * The Pod Security Standard a rig's namespace enforces: polecat Pods are expanded to meet {@value
   * #POD_SECURITY_LEVEL}, and anything less privileged that lands in the namespace is refused.
   */
  public static final String LABEL_POD_SECURITY_ENFORCE = "pod-security.kubernetes.io/enforce";

  public static final String POD_SECURITY_LEVEL = "restricted";

  /**
   * The labels of a rig's namespace: the webhook's opt-in, the rig, the Pod Security Standard. The
   * one home of these labels: kubectl gt and the Argo CD plugin write them from here, and the tests
   * hold the ApplicationSet's managed namespace metadata and templates/rig.yaml to them.
   */
  public static Map<String, String> rigNamespaceLabels(String rig) {
    return Map.of(
        LABEL_NAMESPACE_OPT_IN,
        NAMESPACE_OPT_IN_VALUE,
        LABEL_RIG,
        rig,
        LABEL_POD_SECURITY_ENFORCE,
        POD_SECURITY_LEVEL);
  }

  /** Set on a Pod by the webhook; its presence makes a second expansion a no-op. */
  public static final String ANNOTATION_EXPANDED = "gastown.io/expanded";

  /** A DNS-1123 label: names of rigs, polecats, namespaces. */
  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** A bead ID is used as a label value, so it must be one. */
  public static final String BEAD_ID_PATTERN = "^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$";

  /**
   * Git branch: slash-separated components of safe characters, no leading dash, no empty component.
   */
  public static final String BRANCH_PATTERN =
      "^[A-Za-z0-9_]([A-Za-z0-9._-]*[A-Za-z0-9_])?(/[A-Za-z0-9_]([A-Za-z0-9._-]*[A-Za-z0-9_])?)*$";

  /** Rejects "..", which the pattern alone lets through. */
  public static final String BRANCH_RULE = "!self.contains('..')";

  public static final String BRANCH_RULE_MESSAGE = "must not contain '..'";

  /**
   * Git URLs: scp-like SSH ({@code git@host:path}), {@code ssh://[user@]host[:port]/path}, {@code
   * https://host[:port]/path} (never with credentials in it) and {@code file:///path}.
   */
  public static final String GIT_URL_PATTERN =
      "^([A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[A-Za-z0-9._~/-]+"
          + "|ssh://([A-Za-z0-9._-]+@)?[A-Za-z0-9.-]+(:[0-9]{1,5})?/[A-Za-z0-9._~/-]+"
          + "|https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/[A-Za-z0-9._~/-]+"
          + "|file://(/[A-Za-z0-9._~-]+)+/?)$";

  /** A DNS-1123 subdomain: Secret and ConfigMap names. */
  public static final String SECRET_NAME_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";

  /** A Go-style duration such as 30s, 15m, 1h30m. */
  public static final String DURATION_PATTERN = "^([0-9]+(ms|s|m|h))+$";

  public static final String IMMUTABLE_RULE = "self == oldSelf";

  private GasTown() {}
}
