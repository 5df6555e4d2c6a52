package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RigSettings {
  @Default("mad-max")
  @JsonPropertyDescription("Name pool for new polecats: mad-max, minerals or wasteland.")
  private NamepoolTheme namepoolTheme;

  @Min(1)
  @Max(100)
  @Default("8")
  @JsonPropertyDescription(
      "Most polecats the rig may have at once: kubectl gt sling counts its polecats in git, the webhook "
          + "holds back a polecat Pod while this many of the rig's Pods run.")
  private Integer maxPolecats;

  @JsonPropertyDescription("Default agent for new polecats.")
  private Agent agent;

  @Pattern(GasTown.NAME_PATTERN)
  @Size(max = 63)
  @JsonPropertyDescription("Namespace of the rig's polecats. Default gt-<rig name>.")
  private String namespace;

  @Pattern(GasTown.BRANCH_PATTERN)
  @Size(max = 255)
  @ValidationRule(value = GasTown.BRANCH_RULE, message = GasTown.BRANCH_RULE_MESSAGE)
  @JsonPropertyDescription("Default branch to clone. Default main.")
  private String gitBranch;

  @Size(max = 512)
  @JsonPropertyDescription("Default agent image.")
  private String image;

  @JsonPropertyDescription("Default agent container resources.")
  private ResourceRequirements resources;

  @Min(1)
  @JsonPropertyDescription("Default activeDeadlineSeconds of the rig's polecat Pods.")
  private Long activeDeadlineSeconds;

  @JsonPropertyDescription("Default SSH key Secret of the rig's polecats.")
  private SecretReference gitSecretRef;

  @JsonPropertyDescription("Default Claude credentials Secret of the rig's polecats.")
  private SecretReference claudeCredsSecretRef;

  @JsonPropertyDescription("Default API key Secret of the rig's polecats.")
  private SecretKeyRef apiKeySecretRef;

  public NamepoolTheme getNamepoolTheme() {
    return namepoolTheme;
  }

  public void setNamepoolTheme(NamepoolTheme namepoolTheme) {
    this.namepoolTheme = namepoolTheme;
  }

  public Integer getMaxPolecats() {
    return maxPolecats;
  }

  public void setMaxPolecats(Integer maxPolecats) {
    this.maxPolecats = maxPolecats;
  }

  public Agent getAgent() {
    return agent;
  }

  public void setAgent(Agent agent) {
    this.agent = agent;
  }

  public String getNamespace() {
    return namespace;
  }

  public void setNamespace(String namespace) {
    this.namespace = namespace;
  }

  public String getGitBranch() {
    return gitBranch;
  }

  public void setGitBranch(String gitBranch) {
    this.gitBranch = gitBranch;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Long getActiveDeadlineSeconds() {
    return activeDeadlineSeconds;
  }

  public void setActiveDeadlineSeconds(Long activeDeadlineSeconds) {
    this.activeDeadlineSeconds = activeDeadlineSeconds;
  }

  public SecretReference getGitSecretRef() {
    return gitSecretRef;
  }

  public void setGitSecretRef(SecretReference gitSecretRef) {
    this.gitSecretRef = gitSecretRef;
  }

  public SecretReference getClaudeCredsSecretRef() {
    return claudeCredsSecretRef;
  }

  public void setClaudeCredsSecretRef(SecretReference claudeCredsSecretRef) {
    this.claudeCredsSecretRef = claudeCredsSecretRef;
  }

  public SecretKeyRef getApiKeySecretRef() {
    return apiKeySecretRef;
  }

  public void setApiKeySecretRef(SecretKeyRef apiKeySecretRef) {
    this.apiKeySecretRef = apiKeySecretRef;
  }
}
