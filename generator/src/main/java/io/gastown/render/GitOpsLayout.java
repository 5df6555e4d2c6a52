package io.gastown.render;

import java.util.Optional;

/**
 * Where things live in the GitOps repository (DESIGN.md section 4). Every path is relative to the
 * repository root and uses '/'.
 *
 * <pre>
 *   README.md
 *   rigs/&lt;rig&gt;/kustomization.yaml
 *   rigs/&lt;rig&gt;/rig.yaml                 Namespace, Rig, Witness
 *   rigs/&lt;rig&gt;/polecats/&lt;name&gt;.yaml     Polecat + Job
 *   rigs/&lt;rig&gt;/convoys/&lt;id&gt;.yaml
 *   rigs/&lt;rig&gt;/refinery.yaml             Refinery + CronJob
 * </pre>
 */
public final class GitOpsLayout {
  public static final String README = "README.md";
  public static final String RIGS = "rigs";
  public static final String KUSTOMIZATION = "kustomization.yaml";
  public static final String RIG_FILE = "rig.yaml";
  public static final String POLECATS = "polecats";
  public static final String CONVOYS = "convoys";
  public static final String REFINERY_FILE = "refinery.yaml";
  private static final String YAML = ".yaml";

  /**
   * The ApplicationSet of argocd/base/rigs-applicationset.yaml: one Application per rig directory.
   */
  public static final String ARGOCD_APPLICATION_SET = "gastown-rigs";

  private static final String ARGOCD_APPLICATION_PREFIX = "rig-";

  private GitOpsLayout() {}

  /**
   * The Argo CD Application that {@link #ARGOCD_APPLICATION_SET} generates for a rig's directory.
   */
  public static String argoCdApplication(String rig) {
    return ARGOCD_APPLICATION_PREFIX + rig;
  }

  /** The rig whose directory holds the path, if it is under {@code rigs/<rig>/}. */
  public static Optional<String> rigOf(String path) {
    String prefix = RIGS + "/";
    if (!path.startsWith(prefix) || path.indexOf('/', prefix.length()) < 0) {
      return Optional.empty();
    }
    return Optional.of(path.substring(prefix.length(), path.indexOf('/', prefix.length())));
  }

  public static String rigDirectory(String rig) {
    return RIGS + "/" + rig;
  }

  public static String rigFile(String rig) {
    return rigDirectory(rig) + "/" + RIG_FILE;
  }

  public static String refineryFile(String rig) {
    return rigDirectory(rig) + "/" + REFINERY_FILE;
  }

  public static String kustomization(String rig) {
    return rigDirectory(rig) + "/" + KUSTOMIZATION;
  }

  public static String polecatDirectory(String rig) {
    return rigDirectory(rig) + "/" + POLECATS;
  }

  public static String polecatFile(String rig, String name) {
    return polecatDirectory(rig) + "/" + name + YAML;
  }

  public static String convoyDirectory(String rig) {
    return rigDirectory(rig) + "/" + CONVOYS;
  }

  public static String convoyFile(String rig, String id) {
    return convoyDirectory(rig) + "/" + id + YAML;
  }

  /** The name of a polecat or convoy from its file name ({@code furiosa.yaml} gives furiosa). */
  public static Optional<String> nameOf(String fileName) {
    int slash = fileName.lastIndexOf('/');
    String base = fileName.substring(slash + 1);
    return base.endsWith(YAML) && base.length() > YAML.length()
        ? Optional.of(base.substring(0, base.length() - YAML.length()))
        : Optional.empty();
  }
}
