package io.gastown.testing;

/**
 * Pod annotations that tell kwok how a Pod on the fake node behaves (stages in {@code
 * kwok-stages.yaml}).
 *
 * <p>Only Pods with {@code restartPolicy} {@code Never} or {@code OnFailure} (every Job's Pods)
 * finish; others stay Running. Put the annotations on a Job's pod template so the Job's Pods carry
 * them.
 *
 * <ul>
 *   <li>{@value #OUTCOME}: {@value #SUCCEED} (the default when absent) or {@value #FAIL}.
 *   <li>{@value #DURATION}: how long the Pod runs before it finishes, as a Go duration ({@code
 *       500ms}, {@code 3s}, {@code 1h}); default {@value #DEFAULT_DURATION}.
 *   <li>{@value #EXIT_CODE}: the container exit code of a failing Pod; default 1.
 *   <li>{@value #MESSAGE}: the termination message of the containers of a succeeding Pod (what a
 *       container writes to its terminationMessagePath); default none.
 * </ul>
 */
public final class SimulatedPod {
  public static final String OUTCOME = "gastown.io/simulate";
  public static final String SUCCEED = "succeed";
  public static final String FAIL = "fail";
  public static final String DURATION = "gastown.io/simulate-duration";
  public static final String DEFAULT_DURATION = "500ms";
  public static final String EXIT_CODE = "gastown.io/simulate-exit-code";
  public static final String MESSAGE = "gastown.io/simulate-message";

  private SimulatedPod() {}
}
