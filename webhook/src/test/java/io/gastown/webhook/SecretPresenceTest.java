package io.gastown.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SecretPresenceTest {
  final Set<String> existing = ConcurrentHashMap.newKeySet();
  final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
  final AtomicLong clock = new AtomicLong();
  final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  final SecretPresence secrets =
      new SecretPresence(
          (namespace, name) -> {
            asked.add(namespace + "/" + name);
            return existing.contains(namespace + "/" + name);
          },
          executor,
          clock::get);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  @Test
  void namesTheMissingSecretsInTheirOrder() {
    existing.add("gt-shop/git-ssh-key");
    assertThat(secrets.missing("gt-shop", List.of("claude-home", "git-ssh-key", "other")))
        .containsExactly("claude-home", "other");
    assertThat(secrets.missing("gt-other", List.of("git-ssh-key"))).containsExactly("git-ssh-key");
  }

  @Test
  void aSecretFoundIsTakenToExistForAWhileThenAskedForAgain() {
    existing.add("gt-shop/git-ssh-key");
    assertThat(secrets.missing("gt-shop", List.of("git-ssh-key"))).isEmpty();
    existing.clear();
    clock.addAndGet(SecretPresence.REMEMBER.toNanos() - 1);
    assertThat(secrets.missing("gt-shop", List.of("git-ssh-key")))
        .as("deleted, still remembered")
        .isEmpty();
    assertThat(asked).hasSize(1);

    clock.addAndGet(1);
    assertThat(secrets.missing("gt-shop", List.of("git-ssh-key"))).containsExactly("git-ssh-key");
    assertThat(asked).hasSize(2);
  }

  @Test
  void aMissingSecretIsAskedForEveryTimeSoThatCreatingItHelpsAtOnce() {
    assertThat(secrets.missing("gt-shop", List.of("claude-home"))).containsExactly("claude-home");
    existing.add("gt-shop/claude-home");
    assertThat(secrets.missing("gt-shop", List.of("claude-home"))).isEmpty();
    assertThat(asked).containsExactly("gt-shop/claude-home", "gt-shop/claude-home");
  }

  @Test
  void aPodsSecretsAreAskedForAtOnceAndAQuestionOnItsWayIsShared() throws Exception {
    CountDownLatch bothAsked = new CountDownLatch(2);
    CountDownLatch answer = new CountDownLatch(1);
    SecretPresence slow =
        new SecretPresence(
            (namespace, name) -> {
              asked.add(name);
              bothAsked.countDown();
              await(answer);
              return true;
            },
            executor,
            clock::get);
    try (ExecutorService admissions = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<List<String>> first =
          admissions.submit(() -> slow.missing("gt-shop", List.of("a", "b")));
      assertThat(bothAsked.await(10, TimeUnit.SECONDS))
          .as("both asked before either is answered")
          .isTrue();
      Future<List<String>> second =
          admissions.submit(() -> slow.missing("gt-shop", List.of("a", "b")));
      answer.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEmpty();
      assertThat(second.get(10, TimeUnit.SECONDS)).isEmpty();
    }
    assertThat(asked).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void theApiserversErrorIsThrownAsItWasAndNotRemembered() {
    SecretPresence failing =
        new SecretPresence(
            (namespace, name) -> {
              asked.add(name);
              throw new KubernetesClientException("apiserver unavailable");
            },
            executor,
            clock::get);
    assertThatThrownBy(() -> failing.missing("gt-shop", List.of("git-ssh-key")))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessage("apiserver unavailable");
    assertThatThrownBy(() -> failing.missing("gt-shop", List.of("git-ssh-key")))
        .isInstanceOf(KubernetesClientException.class);
    assertThat(asked).hasSize(2);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
