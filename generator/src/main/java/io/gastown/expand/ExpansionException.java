package io.gastown.expand;

/**
 * A Polecat (with its Rig and the platform settings) that cannot be turned into a Pod. The message
 * names the field and the fix; it never contains credential bytes, only names of Secrets.
 */
public class ExpansionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ExpansionException(String message) {
    super(message);
  }
}
