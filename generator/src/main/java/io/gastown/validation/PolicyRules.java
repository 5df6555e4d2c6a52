package io.gastown.validation;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.gastown.expand.EffectiveValues;
import io.gastown.expand.PlatformConfig;
import io.gastown.model.AdmissionPolicy;
import io.gastown.model.Agent;
import io.gastown.model.Polecat;
import io.gastown.model.Rig;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The platform's policy and the Rig's ({@code spec.policy}) applied to a polecat: allowed agents,
 * allowed images, the longest deadline and the most resources. Both policies apply, so a Rig can
 * only narrow the platform's. Each violation names the value, where it came from, the rule and its
 * limit. Pure: the webhook (validating the Polecat and before it expands a Pod), {@code kubectl gt}
 * and the offline preview use this one copy.
 */
public final class PolicyRules {
  private PolicyRules() {}

  public static List<Violation> check(Polecat polecat, Rig rig, PlatformConfig platform) {
    EffectiveValues values = EffectiveValues.of(polecat, rig, platform);
    List<Violation> out = new ArrayList<>();
    check(out, values, platform.policy(), "the platform policy (policy.");
    if (rig != null && rig.getSpec() != null && rig.getSpec().getPolicy() != null) {
      check(
          out,
          values,
          rig.getSpec().getPolicy(),
          "Rig " + rig.getMetadata().getName() + "'s policy (spec.policy.");
    }
    return out;
  }

  private static void check(
      List<Violation> out, EffectiveValues values, AdmissionPolicy policy, String owner) {
    if (policy == null) {
      return;
    }
    List<Agent> agents = policy.getAllowedAgents();
    if (agents != null && !agents.contains(values.agent())) {
      out.add(
          new Violation(
              values.agentFrom(),
              quoted(values.agent().toString()),
              "is not allowed by "
                  + owner
                  + "allowedAgents: "
                  + agents.stream().map(Agent::toString).collect(Collectors.joining(", "))
                  + ")"));
    }
    List<String> images = policy.getAllowedImages();
    if (images != null
        && images.stream().noneMatch(allowed -> imageAllowed(values.image(), allowed))) {
      out.add(
          new Violation(
              values.imageFrom(),
              quoted(values.image()),
              "is not allowed by " + owner + "allowedImages: " + String.join(", ", images) + ")"));
    }
    Long maxDeadline = policy.getMaxActiveDeadlineSeconds();
    if (maxDeadline != null && values.activeDeadlineSeconds() > maxDeadline) {
      out.add(
          new Violation(
              values.activeDeadlineSecondsFrom(),
              Long.toString(values.activeDeadlineSeconds()),
              "exceeds " + owner + "maxActiveDeadlineSeconds: " + maxDeadline + ")"));
    }
    Map<String, Quantity> max = policy.getMaxResources();
    if (max != null) {
      resources(out, values.resources(), values.resourcesFrom(), max, owner);
    }
  }

  private static void resources(
      List<Violation> out,
      ResourceRequirements resources,
      String from,
      Map<String, Quantity> max,
      String owner) {
    for (Map.Entry<String, Quantity> limit : max.entrySet()) {
      for (String kind : List.of("requests", "limits")) {
        Map<String, Quantity> given =
            resources == null
                ? null
                : kind.equals("requests") ? resources.getRequests() : resources.getLimits();
        Quantity value = given == null ? null : given.get(limit.getKey());
        if (value == null) {
          if (kind.equals("limits")) {
            out.add(
                new Violation(
                    from + ".limits." + limit.getKey(),
                    null,
                    "must be set: "
                        + owner
                        + "maxResources."
                        + limit.getKey()
                        + ": "
                        + limit.getValue()
                        + ")"));
          }
          continue;
        }
        if (amount(value).compareTo(amount(limit.getValue())) > 0) {
          out.add(
              new Violation(
                  from + "." + kind + "." + limit.getKey(),
                  value.toString(),
                  "exceeds "
                      + owner
                      + "maxResources."
                      + limit.getKey()
                      + ": "
                      + limit.getValue()
                      + ")"));
        }
      }
    }
  }

  /**
   * Whether an image is allowed by one entry: the same image; an image under the entry as a
   * registry or repository prefix (the entry followed by '/', ':' or '@', or an entry ending in
   * '/'); or, for an entry {@code sha256:<hex>}, an image pinned to that digest.
   */
  public static boolean imageAllowed(String image, String allowed) {
    if (image == null || allowed == null || allowed.isEmpty()) {
      return false;
    }
    if (allowed.startsWith("sha256:")) {
      return image.endsWith("@" + allowed);
    }
    if (image.equals(allowed)) {
      return true;
    }
    if (image.contains("..")) {
      return false; // never let a path step out of an allowed prefix
    }
    if (allowed.endsWith("/")) {
      return image.startsWith(allowed);
    }
    return image.startsWith(allowed) && "/:@".indexOf(image.charAt(allowed.length())) >= 0;
  }

  private static BigDecimal amount(Quantity quantity) {
    try {
      return Quantity.getAmountInBytes(quantity);
    } catch (IllegalArgumentException e) {
      return BigDecimal.valueOf(Long.MAX_VALUE);
    }
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }
}
