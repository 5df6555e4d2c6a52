package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RigSpec {
  @Required
  @Pattern(GasTown.GIT_URL_PATTERN)
  @Size(max = 2048)
  @JsonPropertyDescription(
      "The project repository: git@host:path, ssh://host[:port]/path, https://host[:port]/path "
          + "or file:///path.")
  private String gitURL;

  @Required
  @Pattern("^[a-z]{2,10}$")
  @ValidationRule(
      value = GasTown.IMMUTABLE_RULE,
      message = "spec.beadsPrefix is immutable: bead IDs already use it")
  @ValidationRule(
      value = "!(self in ['hq', 'system', 'default'])",
      message = "spec.beadsPrefix: hq, system and default are reserved")
  @JsonPropertyDescription(
      "Prefix of the rig's bead IDs, e.g. gt for gt-123. 2 to 10 lowercase letters. Immutable.")
  private String beadsPrefix;

  @Size(max = 4096)
  @JsonPropertyDescription(
      "Deprecated and ignored: a laptop path from the original gt CLI. Accepted so old "
          + "manifests still apply.")
  private String localPath;

  @JsonPropertyDescription("Defaults for the rig's polecats.")
  private RigSettings settings;

  @JsonPropertyDescription(
      "Policy for the rig's polecat Pods, checked at admission on top of the platform's (it can "
          + "only narrow it).")
  private AdmissionPolicy policy;

  public AdmissionPolicy getPolicy() {
    return policy;
  }

  public void setPolicy(AdmissionPolicy policy) {
    this.policy = policy;
  }

  public String getGitURL() {
    return gitURL;
  }

  public void setGitURL(String gitURL) {
    this.gitURL = gitURL;
  }

  public String getBeadsPrefix() {
    return beadsPrefix;
  }

  public void setBeadsPrefix(String beadsPrefix) {
    this.beadsPrefix = beadsPrefix;
  }

  public String getLocalPath() {
    return localPath;
  }

  public void setLocalPath(String localPath) {
    this.localPath = localPath;
  }

  public RigSettings getSettings() {
    return settings;
  }

  public void setSettings(RigSettings settings) {
    this.settings = settings;
  }
}
