package io.gastown.cli.wait;

/**
 * Where a wait stands after one look: still waiting (and why), reached the goal, or failed (and
 * why).
 */
public record Verdict(State state, String message) {
  /** The three outcomes of one look. */
  public enum State {
    WAITING,
    REACHED,
    FAILED
  }

  public static Verdict waiting(String message) {
    return new Verdict(State.WAITING, message);
  }

  public static Verdict reached(String message) {
    return new Verdict(State.REACHED, message);
  }

  public static Verdict failed(String message) {
    return new Verdict(State.FAILED, message);
  }

  public boolean done() {
    return state != State.WAITING;
  }
}
