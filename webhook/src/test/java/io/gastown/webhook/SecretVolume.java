package io.gastown.webhook;

import io.gastown.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A directory laid out like a mounted Secret: {@code tls.crt -> ..data/tls.crt}, {@code ..data ->
 * ..<version>}. Publishing a new version swaps the {@code ..data} symlink atomically, as the
 * kubelet does on rotation.
 */
record SecretVolume(Path mount) {
  void publish(String version, TestPki certificates, TestPki.KeyFormat format) throws Exception {
    certificates.writeTo(mount.resolve(version), format);
    Path next = mount.resolve("..data_tmp");
    Files.deleteIfExists(next);
    Files.createSymbolicLink(next, Path.of(version));
    Files.move(
        next,
        mount.resolve("..data"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    for (String file : new String[] {"tls.crt", "tls.key"}) {
      if (!Files.isSymbolicLink(mount.resolve(file))) {
        Files.createSymbolicLink(mount.resolve(file), Path.of("..data", file));
      }
    }
  }
}
