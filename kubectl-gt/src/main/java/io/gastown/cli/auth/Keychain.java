package io.gastown.cli.auth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The macOS Keychain, where Claude Code 2.x keeps its OAuth credentials instead of
 * ~/.claude/.credentials.json.
 */
public interface Keychain {
  /** The Keychain item Claude Code writes. */
  String CLAUDE_SERVICE = "Claude Code-credentials";

  /** The password of the generic-password item of this service, or empty when there is none. */
  Optional<byte[]> read(String service);

  /**
   * {@code security find-generic-password -s <service> -w}; the user may be asked to allow access.
   */
  static Keychain macOs() {
    return service -> {
      try {
        Process process =
            new ProcessBuilder(List.of("security", "find-generic-password", "-s", service, "-w"))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
          ByteArrayOutputStream buffer = new ByteArrayOutputStream();
          in.transferTo(buffer);
          out = buffer.toByteArray();
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return Optional.empty();
        }
        if (process.exitValue() != 0 || out.length == 0) {
          return Optional.empty();
        }
        int end = out.length;
        while (end > 0 && (out[end - 1] == '\n' || out[end - 1] == '\r')) {
          end--;
        }
        return Optional.of(java.util.Arrays.copyOf(out, end));
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    };
  }

  static Keychain none() {
    return service -> Optional.empty();
  }
}
