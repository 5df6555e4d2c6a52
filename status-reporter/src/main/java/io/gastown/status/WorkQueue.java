package io.gastown.status;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A de-duplicating work queue with the semantics of client-go's: a key waits at most once however
 * often it is added; a key is handed to one worker at a time, and a key added while being processed
 * is queued again when the worker is done. It remembers when each waiting key was first added, for
 * the lag metric.
 */
final class WorkQueue<K> {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition available = lock.newCondition();
  private final LinkedHashMap<K, Long> waiting = new LinkedHashMap<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Long> dirtyWhileProcessing = new LinkedHashMap<>();
  private boolean shutDown;

  /** A key taken from the queue, with the time (System.nanoTime) it was first added. */
  record Item<K>(K key, long addedNanos) {}

  void add(K key) {
    long now = System.nanoTime();
    lock.lock();
    try {
      if (shutDown) {
        return;
      }
      if (processing.contains(key)) {
        dirtyWhileProcessing.putIfAbsent(key, now);
        return;
      }
      if (waiting.putIfAbsent(key, now) == null) {
        available.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** The next key, waiting up to the timeout; null on time-out or shut-down. */
  Item<K> take(long timeout, TimeUnit unit) throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lock();
    try {
      while (waiting.isEmpty() && !shutDown) {
        if (nanos <= 0) {
          return null;
        }
        nanos = available.awaitNanos(nanos);
      }
      if (shutDown) {
        return null;
      }
      Map.Entry<K, Long> first = waiting.entrySet().iterator().next();
      waiting.remove(first.getKey());
      processing.add(first.getKey());
      return new Item<>(first.getKey(), first.getValue());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Marks a key processed; if it was added meanwhile, it waits again (keeping its first-added
   * time).
   */
  void done(K key) {
    lock.lock();
    try {
      processing.remove(key);
      Long again = dirtyWhileProcessing.remove(key);
      if (again != null && !shutDown) {
        waiting.putIfAbsent(key, again);
        available.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  int size() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  void shutDown() {
    lock.lock();
    try {
      shutDown = true;
      waiting.clear();
      dirtyWhileProcessing.clear();
      available.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
