package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConvoySpec {
  @Required
  @Size(min = 1, max = 1024)
  @JsonPropertyDescription("What the convoy delivers, in words.")
  private String description;

  @Required
  @Size(min = 1, max = 5000)
  @JsonPropertyDescription("The beads the convoy tracks; its progress counts their polecats.")
  // Per-item schema, not a CEL rule: the apiserver rejects self.all(..matches..) over 5000 items as
  // too costly.
  private List<@Pattern(GasTown.BEAD_ID_PATTERN) @Size(max = 63) String> trackedBeads;

  @Pattern(GasTown.NAME_PATTERN)
  @JsonPropertyDescription("The Rig the convoy's beads belong to.")
  private String rigRef;

  @Min(0)
  @Default("0")
  @JsonPropertyDescription(
      "Most polecats of the convoy working at once (the webhook holds back a polecat Pod of a "
          + "tracked bead while this many run); 0 means no limit.")
  private Integer parallelism;

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public List<String> getTrackedBeads() {
    return trackedBeads;
  }

  public void setTrackedBeads(List<String> trackedBeads) {
    this.trackedBeads = trackedBeads;
  }

  public String getRigRef() {
    return rigRef;
  }

  public void setRigRef(String rigRef) {
    this.rigRef = rigRef;
  }

  public Integer getParallelism() {
    return parallelism;
  }

  public void setParallelism(Integer parallelism) {
    this.parallelism = parallelism;
  }
}
