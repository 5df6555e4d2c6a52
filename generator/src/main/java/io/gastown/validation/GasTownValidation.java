package io.gastown.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.BeadStore;
import io.gastown.model.Convoy;
import io.gastown.model.DesiredState;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import io.gastown.model.Serialization;
import io.gastown.model.Witness;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Everything that makes a Gas Town object invalid, in one place for every part that checks one: the
 * webhook's {@code /validate/<plural>}, {@code kubectl gt} before it commits, the offline preview
 * and the template validator ({@code kubectl gt template}). The CRD schema, the rules the schema
 * cannot express, and on update the immutable fields.
 */
public final class GasTownValidation {
  private GasTownValidation() {}

  /** Every violation of the object; {@code old} is the object before an update, or null. */
  public static List<Violation> violations(Object object, Object old) {
    return violations(Serialization.jsonMapper().valueToTree(object), object, old);
  }

  /**
   * Every violation of an object given as a tree (as written to git); the typed rules when its kind
   * is ours.
   */
  public static List<Violation> violations(JsonNode tree) {
    return violations(tree, value -> false);
  }

  /**
   * The same for an object some of whose values are not known yet (a template's missing variables,
   * which {@code unknown} accepts): the schema leaves them unchecked, and the cross-field rules
   * wait until every value is known, so that a placeholder never reads as a wrong value.
   */
  public static List<Violation> violations(JsonNode tree, Predicate<JsonNode> unknown) {
    if (anyUnknown(tree, unknown)) {
      return Crds.validate(tree, unknown);
    }
    Class<?> type = TYPES.get(tree.path("kind").asText());
    Object typed = null;
    if (type != null) {
      try {
        typed = Serialization.jsonMapper().treeToValue(tree, type);
      } catch (IOException | IllegalArgumentException e) {
        // The schema check below names what does not fit the type.
      }
    }
    return violations(tree, typed, null);
  }

  private static boolean anyUnknown(JsonNode node, Predicate<JsonNode> unknown) {
    if (unknown.test(node)) {
      return true;
    }
    for (JsonNode child : node) {
      if (anyUnknown(child, unknown)) {
        return true;
      }
    }
    return false;
  }

  private static final Map<String, Class<?>> TYPES =
      Map.of(
          "Rig",
          Rig.class,
          "Polecat",
          Polecat.class,
          "Convoy",
          Convoy.class,
          "Witness",
          Witness.class,
          "Refinery",
          Refinery.class,
          "BeadStore",
          BeadStore.class);

  /** The same, for an object given both as its tree (as written) and typed. */
  public static List<Violation> violations(JsonNode tree, Object object, Object old) {
    List<Violation> violations = new ArrayList<>(Crds.validate(tree));
    if (object != null) {
      violations.addAll(CrossFieldRules.check(object));
    }
    if (old != null) {
      violations.addAll(CrossFieldRules.immutability(old, object));
    }
    return violations;
  }

  /**
   * What {@code POST /validate/<plural>} refuses, for the webhook and the offline preview alike:
   * every violation of the object ({@link #violations(Object, Object)}), and for a valid Polecat
   * that would run the platform's and its Rig's policy ({@link PolicyRules}). An Idle or Terminated
   * Polecat is not held to the policy, so that retiring a polecat is never blocked by a policy that
   * changed after it was written.
   *
   * @param old the object before an update, or null
   * @param cluster where the Polecat's Rig is read
   */
  public static List<Violation> admission(
      Object object, Object old, AdmissionLookup cluster, PlatformConfig platform) {
    List<Violation> violations = new ArrayList<>(violations(object, old));
    if (violations.isEmpty() && object instanceof Polecat polecat && mayRun(polecat)) {
      violations.addAll(PolicyRules.check(polecat, rigOf(polecat, cluster), platform));
    }
    return violations;
  }

  /**
   * The refusal message of {@code /validate/<plural>}: {@code <Kind> <namespace>/<name> is invalid:
   * <violations>}.
   */
  public static String refusal(String kind, HasMetadata object, List<Violation> violations) {
    String name =
        object.getMetadata() == null
            ? ""
            : (object.getMetadata().getNamespace() == null
                    ? ""
                    : object.getMetadata().getNamespace() + "/")
                + object.getMetadata().getName();
    return kind
        + " "
        + name
        + " is invalid: "
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
  }

  private static boolean mayRun(Polecat polecat) {
    return polecat.getSpec() == null
        || polecat.getSpec().getDesiredState() == null
        || polecat.getSpec().getDesiredState() == DesiredState.Working;
  }

  /** The Polecat's Rig; the schema check before this made sure spec.rig is a name. */
  private static Rig rigOf(Polecat polecat, AdmissionLookup cluster) {
    String rig = polecat.getSpec() != null ? polecat.getSpec().getRig() : null;
    return rig != null && KubernetesSyntax.dns1123Label(rig) == null
        ? cluster.rig(rig).orElse(null)
        : null;
  }
}
