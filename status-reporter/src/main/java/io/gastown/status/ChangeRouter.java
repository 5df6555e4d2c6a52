package io.gastown.status;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.gastown.model.Convoy;
import io.gastown.model.GasTown;
import io.gastown.model.MergeResult;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatStatus;
import io.gastown.model.Witness;
import io.gastown.status.model.MergeRuns;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Which statuses a change may affect: each informer event marks the objects whose status is to be
 * computed again. A Job, Pod or Warning event marks its polecat; a polecat whose phase, times, rig
 * or bead changed also marks its Rig, Witnesses and Convoys (after a short delay, so that many
 * changes make one write); a Witness whose spec changed marks its polecats (their thresholds
 * changed); a merge run's Pod marks its Refinery and the polecats it was given; a polecat's phase
 * or {@code Merged} condition marks its rig's Refineries (their queue length).
 */
final class ChangeRouter {
  /** What the engine does with a marked object. */
  interface Marks {
    /** Compute its status as soon as a worker is free. */
    void now(Key key);

    /** Compute it a little later, once for all the changes until then. */
    void soon(Key key);

    /** It was deleted: forget what is remembered of it. */
    void gone(HasMetadata object);
  }

  private final ClusterCache cache;
  private final Marks marks;

  ChangeRouter(ClusterCache cache, Marks marks) {
    this.cache = cache;
    this.marks = marks;
  }

  void register() {
    cache.onChange(cache.polecats, handler(this::polecatChanged));
    cache.onChange(cache.jobs, handler((before, after) -> ownerChanged(before, after)));
    cache.onChange(
        cache.pods,
        handler(
            (before, after) -> {
              ownerChanged(before, after);
              if (after == null) {
                marks.gone(before);
              }
            }));
    for (var informer : cache.warnings) {
      cache.onChange(
          informer, handler((before, after) -> warningChanged(after != null ? after : before)));
    }
    cache.onChange(cache.convoys, handler(this::convoyChanged));
    cache.onChange(
        cache.rigs,
        handler((before, after) -> marks.now(Key.rig(name(after != null ? after : before)))));
    cache.onChange(cache.witnesses, handler(this::witnessChanged));
    cache.onChange(
        cache.refineries,
        handler(
            (before, after) -> {
              if (after != null) {
                marks.now(Key.of(Key.Kind.REFINERY, after));
              } else {
                marks.gone(before);
              }
            }));
    cache.onChange(cache.mergeRuns, handler(this::mergeRunChanged));
  }

  /** A merge run's Pod marks its Refinery and the polecats it was given. */
  private void mergeRunChanged(Pod before, Pod after) {
    for (Pod run : new Pod[] {before, after}) {
      if (run == null) {
        continue;
      }
      String namespace = run.getMetadata().getNamespace();
      String refinery = run.getMetadata().getLabels().get(GasTown.LABEL_REFINERY);
      if (refinery != null) {
        marks.now(new Key(Key.Kind.REFINERY, namespace, refinery));
      }
      MergeRuns.queue(run).forEach(e -> marks.now(Key.polecat(namespace, e.polecat())));
    }
  }

  private void polecatChanged(Polecat before, Polecat after) {
    if (after != null) {
      marks.now(Key.of(Key.Kind.POLECAT, after));
    } else {
      marks.gone(before);
    }
    if (before == null || after == null || aggregateInputsDiffer(before, after)) {
      for (Polecat p : new Polecat[] {before, after}) {
        if (p != null) {
          enqueueAggregatesOf(p);
        }
      }
    }
  }

  private static boolean aggregateInputsDiffer(Polecat a, Polecat b) {
    PolecatStatus sa = a.getStatus() != null ? a.getStatus() : new PolecatStatus();
    PolecatStatus sb = b.getStatus() != null ? b.getStatus() : new PolecatStatus();
    return sa.getPhase() != sb.getPhase()
        || !Objects.equals(sa.getStartedAt(), sb.getStartedAt())
        || !Objects.equals(sa.getCompletedAt(), sb.getCompletedAt())
        || !Objects.equals(rig(a), rig(b))
        || !Objects.equals(bead(a), bead(b))
        || !Objects.equals(mergedReason(sa), mergedReason(sb));
  }

  private static String mergedReason(PolecatStatus status) {
    return status.getConditions() == null
        ? null
        : status.getConditions().stream()
            .filter(c -> MergeResult.CONDITION.equals(c.getType()))
            .map(c -> c.getReason())
            .findFirst()
            .orElse(null);
  }

  private static String rig(Polecat polecat) {
    return polecat.getSpec() != null ? polecat.getSpec().getRig() : null;
  }

  private static String bead(Polecat polecat) {
    return polecat.getSpec() != null ? polecat.getSpec().getBeadID() : null;
  }

  private void enqueueAggregatesOf(Polecat polecat) {
    String rig = rig(polecat);
    String bead = bead(polecat);
    if (rig != null) {
      marks.soon(Key.rig(rig));
      cache
          .witnessesOf(polecat.getMetadata().getNamespace(), rig)
          .forEach(w -> marks.soon(Key.of(Key.Kind.WITNESS, w)));
      cache
          .refineriesOf(polecat.getMetadata().getNamespace(), rig)
          .forEach(r -> marks.soon(Key.of(Key.Kind.REFINERY, r)));
    }
    if (bead != null) {
      cache.convoysTracking(bead).forEach(c -> marks.soon(Key.of(Key.Kind.CONVOY, c)));
    }
  }

  private void ownerChanged(HasMetadata before, HasMetadata after) {
    for (HasMetadata object : new HasMetadata[] {before, after}) {
      if (object != null) {
        for (String polecat : ClusterCache.polecatOf(object)) {
          marks.now(
              Key.polecat(
                  object.getMetadata().getNamespace(),
                  polecat.substring(polecat.indexOf('/') + 1)));
        }
      }
    }
  }

  private void warningChanged(Event event) {
    if (event.getInvolvedObject() == null) {
      return;
    }
    String key =
        event.getInvolvedObject().getNamespace() + "/" + event.getInvolvedObject().getName();
    HasMetadata subject =
        "Job".equals(event.getInvolvedObject().getKind())
            ? cache.jobs.getStore().getByKey(key)
            : "Pod".equals(event.getInvolvedObject().getKind())
                ? cache.pods.getStore().getByKey(key)
                : null;
    if (subject != null) {
      ownerChanged(null, subject);
    }
  }

  private void convoyChanged(Convoy before, Convoy after) {
    if (after != null) {
      marks.now(Key.of(Key.Kind.CONVOY, after));
    } else {
      marks.gone(before);
    }
    for (Convoy c : new Convoy[] {before, after}) {
      if (c != null && c.getSpec() != null && c.getSpec().getRigRef() != null) {
        marks.now(Key.rig(c.getSpec().getRigRef()));
      }
    }
  }

  private void witnessChanged(Witness before, Witness after) {
    if (after != null) {
      marks.now(Key.of(Key.Kind.WITNESS, after));
    } else {
      marks.gone(before);
    }
    boolean specChanged =
        before == null
            || after == null
            || !Objects.equals(
                before.getMetadata().getGeneration(), after.getMetadata().getGeneration());
    if (specChanged) {
      for (Witness w : new Witness[] {before, after}) {
        if (w != null && w.getSpec() != null && w.getSpec().getRigRef() != null) {
          cache.polecatsOfRig(w.getSpec().getRigRef()).stream()
              .filter(p -> w.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()))
              .forEach(p -> marks.now(Key.of(Key.Kind.POLECAT, p)));
        }
      }
    }
  }

  private static String name(HasMetadata object) {
    return object.getMetadata().getName();
  }

  /**
   * Adapts add/update/delete to one (before, after) callback; a resync (same resourceVersion) is
   * ignored.
   */
  private static <T extends HasMetadata> ResourceEventHandler<T> handler(
      BiConsumer<T, T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        onChange.accept(null, object);
      }

      @Override
      public void onUpdate(T before, T after) {
        if (!Objects.equals(
            before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion())) {
          onChange.accept(before, after);
        }
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        onChange.accept(object, null);
      }
    };
  }
}
