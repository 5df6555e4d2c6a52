package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * Platform policy for polecat Pods, checked at admission: in the platform config ({@code policy:})
 * and per Rig ({@code spec.policy}). Both apply, so a Rig's policy can only narrow the platform's.
 * An unset field allows all.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AdmissionPolicy {
  @Size(max = 4)
  @JsonPropertyDescription("Agents the polecats may use. Unset: all.")
  private List<Agent> allowedAgents;

  @Size(max = 64)
  @JsonPropertyDescription(
      "Agent images the polecats may use: a registry or repository prefix (ghcr.io/acme/, "
          + "ghcr.io/acme/agent), a whole image, or a digest (sha256:...) the image must be pinned to. Unset: all.")
  private List<@Size(max = 512) String> allowedImages;

  @Min(1)
  @JsonPropertyDescription("Longest activeDeadlineSeconds a polecat Pod may have.")
  private Long maxActiveDeadlineSeconds;

  @JsonPropertyDescription(
      "Most resources (e.g. cpu: \"4\", memory: 8Gi) the agent container may request or be "
          + "limited to.")
  private Map<String, Quantity> maxResources;

  public List<Agent> getAllowedAgents() {
    return allowedAgents;
  }

  public void setAllowedAgents(List<Agent> allowedAgents) {
    this.allowedAgents = allowedAgents;
  }

  public List<String> getAllowedImages() {
    return allowedImages;
  }

  public void setAllowedImages(List<String> allowedImages) {
    this.allowedImages = allowedImages;
  }

  public Long getMaxActiveDeadlineSeconds() {
    return maxActiveDeadlineSeconds;
  }

  public void setMaxActiveDeadlineSeconds(Long maxActiveDeadlineSeconds) {
    this.maxActiveDeadlineSeconds = maxActiveDeadlineSeconds;
  }

  public Map<String, Quantity> getMaxResources() {
    return maxResources;
  }

  public void setMaxResources(Map<String, Quantity> maxResources) {
    this.maxResources = maxResources;
  }
}
