package io.gastown.expand;

import io.fabric8.kubernetes.api.model.Condition;
import io.gastown.model.Convoy;
import io.gastown.model.MergeResult;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.PolecatPhase;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A Refinery's merge queue, computed from the Polecats (no reconciler keeps one): the work branches
 * of the rig's Done polecats in the Refinery's namespace that are not settled yet (no {@value
 * MergeResult#CONDITION} condition saying merged, conflicting or red), that pushed to the
 * repository the Refinery merges into. Oldest first (by completion time, then name); the polecats
 * of one Convoy take the places they hold among themselves in the Convoy's order of beads. The
 * webhook gives a merge run this queue; the status reporter reports its length.
 */
public final class RefineryQueue {
  /** One queued work branch and the polecat that pushed it. */
  public record Entry(String polecat, String branch) {}

  private RefineryQueue() {}

  public static List<Entry> of(
      Refinery refinery, Rig rig, List<Polecat> polecats, List<Convoy> convoys) {
    String rigName = refinery.getSpec() != null ? refinery.getSpec().getRigRef() : null;
    String namespace = refinery.getMetadata().getNamespace();
    String repository = rig != null && rig.getSpec() != null ? rig.getSpec().getGitURL() : null;
    List<Polecat> queued =
        polecats.stream()
            .filter(p -> Objects.equals(namespace, p.getMetadata().getNamespace()))
            .filter(p -> p.getSpec() != null && Objects.equals(rigName, p.getSpec().getRig()))
            .filter(p -> p.getStatus() != null && p.getStatus().getPhase() == PolecatPhase.Done)
            .filter(p -> !settled(p))
            .filter(p -> repository == null || repository.equals(repositoryOf(p, repository)))
            .sorted(
                Comparator.comparing(
                        (Polecat p) -> completedAt(p),
                        Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(p -> p.getMetadata().getName()))
            .toList();
    List<Polecat> ordered = inConvoyOrder(queued, rigName, namespace, convoys);
    return ordered.stream().map(p -> new Entry(p.getMetadata().getName(), branchOf(p))).toList();
  }

  /** The work branch a polecat pushed: the same rule as its git-init's. */
  public static String branchOf(Polecat polecat) {
    var spec = polecat.getSpec();
    String given = spec.getKubernetes() != null ? spec.getKubernetes().getWorkBranch() : null;
    return PodContract.workBranch(given, spec.getBeadID(), polecat.getMetadata().getName());
  }

  /** The queue as the merge run's Pod carries it ({@code polecat=branch ...}). */
  public static String annotation(List<Entry> queue) {
    return String.join(" ", queue.stream().map(e -> e.polecat() + "=" + e.branch()).toList());
  }

  /** The queue from a merge run's Pod annotation; malformed pairs are skipped. */
  public static List<Entry> fromAnnotation(String annotation) {
    List<Entry> entries = new ArrayList<>();
    if (annotation == null) {
      return entries;
    }
    for (String pair : annotation.trim().split("\\s+")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && equals < pair.length() - 1) {
        entries.add(new Entry(pair.substring(0, equals), pair.substring(equals + 1)));
      }
    }
    return entries;
  }

  private static boolean settled(Polecat polecat) {
    List<Condition> conditions = polecat.getStatus().getConditions();
    return conditions != null
        && conditions.stream()
            .anyMatch(
                c ->
                    MergeResult.CONDITION.equals(c.getType())
                        && MergeResult.settles(c.getReason()));
  }

  private static String repositoryOf(Polecat polecat, String rigRepository) {
    var k = polecat.getSpec().getKubernetes();
    return k != null && k.getGitRepository() != null && !k.getGitRepository().isBlank()
        ? k.getGitRepository()
        : rigRepository;
  }

  private static Instant completedAt(Polecat polecat) {
    String at = polecat.getStatus().getCompletedAt();
    try {
      return at != null ? Instant.parse(at) : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Each Convoy of the rig (by name) reorders its polecats among the places they hold in the queue,
   * in the order of its beads; a polecat is reordered by the first Convoy that tracks it.
   */
  private static List<Polecat> inConvoyOrder(
      List<Polecat> queue, String rig, String namespace, List<Convoy> convoys) {
    List<Polecat> ordered = new ArrayList<>(queue);
    Set<String> placed = new HashSet<>();
    List<Convoy> ofRig =
        convoys.stream()
            .filter(c -> Objects.equals(namespace, c.getMetadata().getNamespace()))
            .filter(c -> c.getSpec() != null && Objects.equals(rig, c.getSpec().getRigRef()))
            .filter(c -> c.getSpec().getTrackedBeads() != null)
            .sorted(Comparator.comparing(c -> c.getMetadata().getName()))
            .toList();
    for (Convoy convoy : ofRig) {
      List<String> beads = convoy.getSpec().getTrackedBeads();
      List<Integer> places = new ArrayList<>();
      List<Polecat> members = new ArrayList<>();
      for (int i = 0; i < ordered.size(); i++) {
        Polecat p = ordered.get(i);
        if (!placed.contains(p.getMetadata().getName())
            && beads.contains(p.getSpec().getBeadID())) {
          places.add(i);
          members.add(p);
        }
      }
      members.sort(Comparator.comparingInt(p -> beads.indexOf(p.getSpec().getBeadID())));
      for (int i = 0; i < places.size(); i++) {
        ordered.set(places.get(i), members.get(i));
        placed.add(members.get(i).getMetadata().getName());
      }
    }
    return ordered;
  }
}
