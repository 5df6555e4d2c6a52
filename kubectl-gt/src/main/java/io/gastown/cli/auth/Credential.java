package io.gastown.cli.auth;

import java.util.Arrays;

/**
 * Credential bytes found on this machine and where they came from (a path, the Keychain, an
 * environment variable; never the value). {@link #toString} leaves the bytes out so they cannot end
 * up in a log or message.
 */
public final class Credential {
  private final CredentialKind kind;
  private final String origin;
  private final byte[] bytes;

  public Credential(CredentialKind kind, String origin, byte[] bytes) {
    this.kind = kind;
    this.origin = origin;
    this.bytes = bytes.clone();
  }

  public CredentialKind kind() {
    return kind;
  }

  public String origin() {
    return origin;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int size() {
    return bytes.length;
  }

  public boolean sameBytes(byte[] other) {
    return Arrays.equals(bytes, other);
  }

  @Override
  public String toString() {
    return kind + " from " + origin + " (" + bytes.length + " bytes)";
  }
}
