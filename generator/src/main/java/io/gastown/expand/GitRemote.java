package io.gastown.expand;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parts of a repository URL that decide how git-init connects. */
public final class GitRemote {
  private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@([A-Za-z0-9.-]+):.*$");
  private static final Pattern SSH_URL =
      Pattern.compile("^ssh://(?:[A-Za-z0-9._-]+@)?([A-Za-z0-9.-]+)(?::([0-9]+))?/.*$");

  private GitRemote() {}

  public static boolean isSsh(String url) {
    return sshHost(url).isPresent();
  }

  /**
   * The host as ssh looks it up in known_hosts: {@code host}, or {@code [host]:port} for a port
   * other than 22. Empty for https and file URLs.
   */
  static Optional<String> sshHost(String url) {
    Matcher scp = SCP_LIKE.matcher(url);
    if (!url.contains("://") && scp.matches()) {
      return Optional.of(scp.group(1));
    }
    Matcher ssh = SSH_URL.matcher(url);
    if (ssh.matches()) {
      String port = ssh.group(2);
      return Optional.of(
          port == null || port.equals("22") ? ssh.group(1) : "[" + ssh.group(1) + "]:" + port);
    }
    return Optional.empty();
  }
}
