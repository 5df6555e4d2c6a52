package io.gastown.validation;

/**
 * Admission refuses the object: the message is what the user sees (in the webhook's denial, in the
 * Job's events, on the preview's stderr). It names the field or object and the fix, and never holds
 * a credential, only Secret names.
 */
public class AdmissionRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AdmissionRefusal(String message) {
    super(message);
  }
}
