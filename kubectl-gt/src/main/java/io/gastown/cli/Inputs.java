package io.gastown.cli;

import io.gastown.model.Agent;
import io.gastown.model.GasTown;
import io.gastown.model.NamepoolTheme;
import io.gastown.model.PodContract;
import java.util.Set;

/**
 * Checks of command-line values before anything is rendered, each failing with one line that names
 * the option and the fix. (Rendered Gas Town objects are also validated against the CRD schemas
 * before they are written.)
 */
public final class Inputs {
  /** Keeps {@code gt-<rig>} and Argo CD's Application names within 63 characters. */
  public static final int MAX_RIG_NAME = 40;

  /** Keeps the Job name {@code polecat-<name>} within 63 characters. */
  public static final int MAX_POLECAT_NAME = 50;

  private static final Set<String> RESERVED_PREFIXES = PodContract.RESERVED_BEAD_PREFIXES;

  private Inputs() {}

  public static String rigName(String value, String what) {
    return dnsLabel(value, what, MAX_RIG_NAME);
  }

  public static String polecatName(String value, String what) {
    return dnsLabel(value, what, MAX_POLECAT_NAME);
  }

  public static String namespace(String value, String what) {
    return value == null ? null : dnsLabel(value, what, 63);
  }

  public static String beadId(String value, String what) {
    if (value == null || !value.matches(GasTown.BEAD_ID_PATTERN)) {
      throw GtException.invalid(
          what
              + " '"
              + value
              + "' is not a valid bead ID: use letters, digits, '.', '_' "
              + "and '-' (at most 63, starting and ending with a letter or digit), e.g. gt-123");
    }
    return value;
  }

  public static String branch(String value, String what) {
    if (value == null) {
      return null;
    }
    if (value.length() > 255
        || !value.matches(GasTown.BRANCH_PATTERN)
        || value.contains("..")
        || value.endsWith(".lock")) {
      throw GtException.invalid(
          what
              + " '"
              + value
              + "' is not a valid branch name: use letters, digits, '.', '_', "
              + "'-' and '/' between parts (no '..', no leading '-'), e.g. feature/gt-123");
    }
    return value;
  }

  public static String gitUrl(String value, String what) {
    if (value == null || value.length() > 2048 || !value.matches(GasTown.GIT_URL_PATTERN)) {
      throw GtException.invalid(
          what
              + " '"
              + redactUserInfo(value)
              + "' is not a supported git URL: use "
              + "git@host:path, ssh://[user@]host[:port]/path, https://host[:port]/path or file:///path "
              + "(no credentials in the URL: HTTPS tokens come from the cluster's Secrets)");
    }
    return value;
  }

  public static String beadsPrefix(String value, String what) {
    if (value == null || !value.matches("^[a-z]{2,10}$")) {
      throw GtException.invalid(
          what
              + " '"
              + value
              + "' is not a valid bead prefix: use 2 to 10 lowercase letters, "
              + "e.g. gt for gt-123");
    }
    if (RESERVED_PREFIXES.contains(value)) {
      throw GtException.invalid(
          what + " '" + value + "' is reserved (hq, system, default): choose another prefix");
    }
    return value;
  }

  public static NamepoolTheme theme(String value, String what) {
    if (value == null) {
      return null;
    }
    try {
      return NamepoolTheme.fromValue(value);
    } catch (IllegalArgumentException e) {
      throw GtException.invalid(what + ": " + e.getMessage());
    }
  }

  public static Agent agent(String value, String what) {
    if (value == null) {
      return null;
    }
    try {
      return Agent.fromValue(value);
    } catch (IllegalArgumentException e) {
      throw GtException.invalid(what + ": " + e.getMessage());
    }
  }

  private static String dnsLabel(String value, String what, int max) {
    if (value == null || value.length() > max || !value.matches(GasTown.NAME_PATTERN)) {
      throw GtException.invalid(
          what
              + " '"
              + value
              + "' is not a valid name: use lowercase letters, digits and '-' "
              + "(at most "
              + max
              + ", starting and ending with a letter or digit), e.g. my-rig");
    }
    return value;
  }

  /** Never echo a password that someone put into a URL. */
  static String redactUserInfo(String url) {
    return url == null ? null : url.replaceAll("://[^/@\\s]+@", "://***@");
  }
}
