package io.gastown.webhook;

/**
 * A request the webhook cannot handle: answered with a 4xx status and the message, never a stack
 * trace.
 */
final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  BadRequest(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }
}
