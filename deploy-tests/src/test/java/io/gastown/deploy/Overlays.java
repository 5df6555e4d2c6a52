package io.gastown.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kustomize directories that get installed, built with kubectl kustomize. The dev overlay needs
 * the certificates hack/dev-certs.sh makes (git-ignored), so it is built from a temporary copy of
 * kustomize/ with freshly generated ones; the checked-in tree is never written to.
 */
final class Overlays {
  static final String BASE = "kustomize/base";
  static final String CERT_MANAGER = "kustomize/overlays/cert-manager";
  static final String OPENSHIFT = "kustomize/overlays/openshift";
  static final String OPENSHIFT_FIPS = "kustomize/overlays/openshift-fips";
  static final String DEV = "kustomize/overlays/dev";
  static final List<String> INSTALLABLE = List.of(CERT_MANAGER, OPENSHIFT, OPENSHIFT_FIPS, DEV);

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
    if (!directory.equals(DEV)) {
      return Manifests.root().resolve(directory);
    }
    if (devCopy == null) {
      devCopy = copyWithDevCertificates();
    }
    return devCopy.resolve("overlays/dev");
  }

  /** The certificates directory of the dev copy (ca.crt, tls.crt, tls.key). */
  static Path devCertificates() {
    return path(DEV).resolve("certs");
  }

  private static Path copyWithDevCertificates() {
    try {
      Path copy = Files.createTempDirectory("gt-kustomize").resolve("kustomize");
      Manifests.copyTree(Manifests.root().resolve("kustomize"), copy);
      Path certs = copy.resolve("overlays/dev/certs");
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
