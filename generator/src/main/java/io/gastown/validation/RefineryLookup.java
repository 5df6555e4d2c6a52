package io.gastown.validation;

import io.gastown.model.Convoy;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import java.util.List;
import java.util.Optional;

/** What admission reads for a merge run's Pod: the Refinery, its Rig, and what makes the queue. */
public interface RefineryLookup {
  Optional<Refinery> refinery(String namespace, String name);

  Optional<Rig> rig(String name);

  /** The Polecats in the namespace. */
  List<Polecat> polecats(String namespace);

  /** The Convoys in the namespace. */
  List<Convoy> convoys(String namespace);

  /** The Secrets, of those named, that do not exist in the namespace, in their order. */
  List<String> missingSecrets(String namespace, List<String> names);
}
