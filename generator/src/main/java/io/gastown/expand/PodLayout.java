package io.gastown.expand;

/**
 * Where things live inside a polecat Pod: mount paths and volume names shared by the containers and
 * scripts.
 */
final class PodLayout {
  static final String WORKSPACE = "/workspace";
  static final String REPO_DIR = WORKSPACE + "/repo";
  static final String HOME = "/home/polecat";
  static final String TMP = "/tmp";
  static final String GIT_SSH_DIR = "/etc/gastown/git-ssh";
  static final String KNOWN_HOSTS_DIR = "/etc/gastown/ssh-known-hosts";
  static final String CLAUDE_CREDENTIALS_DIR = "/etc/gastown/claude";
  static final String AGENT_CONFIG_DIR = "/etc/gastown/agent";

  static final String SSH_KEY = "ssh-privatekey";
  static final String KNOWN_HOSTS_KEY = "known_hosts";
  static final String CLAUDE_CREDENTIALS_KEY = ".credentials.json";

  static final String VOLUME_WORKSPACE = "workspace";
  static final String VOLUME_HOME = "home";
  static final String VOLUME_TMP = "tmp";
  static final String VOLUME_GIT_SSH = "git-ssh";
  static final String VOLUME_KNOWN_HOSTS = "ssh-known-hosts";
  static final String VOLUME_CLAUDE_CREDENTIALS = "claude-credentials";
  static final String VOLUME_AGENT_CONFIG = "agent-config";

  /** Owner-read-only: Secret files are copied into $HOME by the scripts, never used in place. */
  static final int SECRET_FILE_MODE = 0400;

  /**
   * git's ssh: only our key and host keys, no user config (the image's passwd home may differ from
   * $HOME, and git expands $HOME here because it runs GIT_SSH_COMMAND through the shell).
   */
  static final String GIT_SSH_COMMAND =
      "ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes"
          + " -o IdentityFile=\"$HOME/.ssh/id_gastown\" -o StrictHostKeyChecking=yes"
          + " -o UserKnownHostsFile=\"$HOME/.ssh/known_hosts\"";

  private PodLayout() {}
}
