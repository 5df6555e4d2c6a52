package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret in the polecat's namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretReference {
  @Required
  @Pattern(GasTown.SECRET_NAME_PATTERN)
  @JsonPropertyDescription("Name of the Secret, in the same namespace.")
  private String name;

  public SecretReference() {}

  public SecretReference(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
