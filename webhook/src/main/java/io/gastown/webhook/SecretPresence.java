package io.gastown.webhook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.LongSupplier;

/**
 * Which Secrets exist, asked of the apiserver by name (the webhook may {@code get} Secrets, never
 * list or watch them) and answered without waiting for the apiserver when it can be: the Secrets of
 * one Pod are asked for at once, a question already on its way is shared by every admission that
 * asks it, and a Secret that exists is taken to exist for {@link #REMEMBER} after the apiserver
 * said so. A missing Secret is never remembered: once the user creates it, the Job controller's
 * next try sees it.
 *
 * <p>What remembering costs: a Secret deleted less than {@link #REMEMBER} ago still lets a Pod
 * through, which then waits for it like a Pod whose Secret was deleted just after admission (the
 * kubelet names it in the Pod's events).
 */
final class SecretPresence {
  /**
   * Short next to how rarely a rig's Secrets are deleted; long next to the Pods of a convoy or a
   * busy rig.
   */
  static final Duration REMEMBER = Duration.ofSeconds(30);

  private final BiPredicate<String, String> exists;
  private final Executor executor;
  private final LongSupplier nanoTime;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();

  private record Answer(CompletableFuture<Boolean> exists, long askedAtNanos) {}

  /**
   * @param exists the apiserver's answer for (namespace, name)
   * @param executor where the questions are asked (one Pod's Secrets at once)
   */
  SecretPresence(BiPredicate<String, String> exists, Executor executor, LongSupplier nanoTime) {
    this.exists = exists;
    this.executor = executor;
    this.nanoTime = nanoTime;
  }

  /** The names, of those given, that do not exist in the namespace, in their order. */
  List<String> missing(String namespace, List<String> names) {
    List<CompletableFuture<Boolean>> asked =
        names.stream().map(name -> ask(namespace, name)).toList();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!answerOf(asked.get(i))) {
        missing.add(names.get(i));
      }
    }
    return missing;
  }

  private CompletableFuture<Boolean> ask(String namespace, String name) {
    long now = nanoTime.getAsLong();
    return answers
        .compute(
            namespace + "/" + name,
            (key, known) ->
                known != null && stillGood(known, now)
                    ? known
                    : new Answer(
                        CompletableFuture.supplyAsync(() -> exists.test(namespace, name), executor),
                        now))
        .exists();
  }

  /** Still on its way, or a yes from less than {@link #REMEMBER} ago. */
  private static boolean stillGood(Answer answer, long now) {
    if (!answer.exists().isDone()) {
      return true;
    }
    return !answer.exists().isCompletedExceptionally()
        && answer.exists().join()
        && now - answer.askedAtNanos() < REMEMBER.toNanos();
  }

  /** The answer, or the apiserver's error as it was thrown (the webhook answers it with a 500). */
  private static boolean answerOf(CompletableFuture<Boolean> answer) {
    try {
      return answer.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
