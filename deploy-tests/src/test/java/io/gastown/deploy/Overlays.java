package io.gastown.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kustomize directories that get installed, built with kubectl kustomize. The dev overlays need
 * the certificates hack/dev-certs.sh makes (git-ignored, in the dev-ca component), so they are
 * built from a temporary copy of kustomize/ with freshly generated ones; the checked-in tree is
 * never written to.
 */
final class Overlays {
  static final String BASE = "kustomize/base";
  static final String CERT_MANAGER = "kustomize/overlays/cert-manager";
  static final String OPENSHIFT = "kustomize/overlays/openshift";
  static final String OPENSHIFT_FIPS = "kustomize/overlays/openshift-fips";
  static final String DEV = "kustomize/overlays/dev";
  static final String DEV_IN_CLUSTER = "kustomize/overlays/dev-in-cluster";
  static final List<String> INSTALLABLE =
      List.of(CERT_MANAGER, OPENSHIFT, OPENSHIFT_FIPS, DEV, DEV_IN_CLUSTER);
  private static final String DEV_CA = "components/dev-ca";

  private static final Map<String, List<Map<String, Object>>> BUILT = new HashMap<>();
  private static Path devCopy;

  private Overlays() {}

  static synchronized List<Map<String, Object>> build(String directory) {
    return BUILT.computeIfAbsent(directory, d -> Kubectl.kustomize(path(d)));
  }

  static String buildText(String directory) {
    return Kubectl.kustomizeText(path(directory));
  }

  /** Where to build {@code directory} from (the temporary copy for the dev overlay). */
  static synchronized Path path(String directory) {
    if (!directory.equals(DEV) && !directory.equals(DEV_IN_CLUSTER)) {
      return Manifests.root().resolve(directory);
    }
    return devCopy().getParent().resolve(directory);
  }

  /** The certificates directory of the dev copy (ca.crt, tls.crt, tls.key). */
  static synchronized Path devCertificates() {
    return devCopy().resolve(DEV_CA).resolve("certs");
  }

  private static Path devCopy() {
    if (devCopy == null) {
      devCopy = copyWithDevCertificates();
    }
    return devCopy;
  }

  private static Path copyWithDevCertificates() {
    try {
      Path copy = Files.createTempDirectory("gt-kustomize").resolve("kustomize");
      Manifests.copyTree(Manifests.root().resolve("kustomize"), copy);
      Path certs = copy.resolve(DEV_CA).resolve("certs");
      Kubectl.Result result =
          Kubectl.exec(
              List.of(
                  "bash",
                  Manifests.root().resolve("hack/dev-certs.sh").toString(),
                  certs.toString()),
              null,
              Map.of("FORCE", "1"));
      result.orFail("hack/dev-certs.sh");
      return copy;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
