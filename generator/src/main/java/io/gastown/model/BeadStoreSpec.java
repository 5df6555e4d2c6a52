package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class BeadStoreSpec {
  @Required
  @Pattern(GasTown.NAME_PATTERN)
  @JsonPropertyDescription("The Rig whose beads this store holds.")
  private String rigRef;

  @Required
  @Pattern("^[a-z]{2,10}-$")
  @JsonPropertyDescription("Bead ID prefix with its dash, e.g. gt-.")
  private String prefix;

  @Pattern(GasTown.GIT_URL_PATTERN)
  @Size(max = 2048)
  @JsonPropertyDescription(
      "Repository holding the beads database, if not the rig's own (reaches pods as GT_BEADS_REPO).")
  private String gitRepository;

  @JsonPropertyDescription(
      "Not supported yet: accepted and ignored. Meant to name the Secret with the SSH key for the "
          + "beads repository; today nothing reads it.")
  private SecretReference gitSecretRef;

  @Pattern(GasTown.DURATION_PATTERN)
  @JsonPropertyDescription(
      "Not supported yet: accepted and ignored. Meant to set how often beads are synchronised "
          + "(e.g. 5m); today nothing synchronises them on a schedule.")
  private String syncInterval;

  public String getRigRef() {
    return rigRef;
  }

  public void setRigRef(String rigRef) {
    this.rigRef = rigRef;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public String getGitRepository() {
    return gitRepository;
  }

  public void setGitRepository(String gitRepository) {
    this.gitRepository = gitRepository;
  }

  public SecretReference getGitSecretRef() {
    return gitSecretRef;
  }

  public void setGitSecretRef(SecretReference gitSecretRef) {
    this.gitSecretRef = gitSecretRef;
  }

  public String getSyncInterval() {
    return syncInterval;
  }

  public void setSyncInterval(String syncInterval) {
    this.syncInterval = syncInterval;
  }
}
