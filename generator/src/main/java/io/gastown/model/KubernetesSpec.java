package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class KubernetesSpec {
  @Pattern(GasTown.GIT_URL_PATTERN)
  @Size(max = 2048)
  @JsonPropertyDescription(
      "Repository to clone: git@host:path, ssh://host[:port]/path, https://host[:port]/path or "
          + "file:///path. Defaults to the Rig's gitURL.")
  private String gitRepository;

  @Pattern(GasTown.BRANCH_PATTERN)
  @Size(max = 255)
  @ValidationRule(value = GasTown.BRANCH_RULE, message = GasTown.BRANCH_RULE_MESSAGE)
  @JsonPropertyDescription("Branch to clone. Defaults to the Rig's branch, else main.")
  private String gitBranch;

  @Pattern(GasTown.BRANCH_PATTERN)
  @Size(max = 255)
  @ValidationRule(value = GasTown.BRANCH_RULE, message = GasTown.BRANCH_RULE_MESSAGE)
  @JsonPropertyDescription(
      "Branch the agent commits to. Defaults to feature/<beadID>, else polecat/<name>.")
  private String workBranch;

  @JsonPropertyDescription(
      "Secret with the SSH private key (key ssh-privatekey) used to clone and push.")
  private SecretReference gitSecretRef;

  @JsonPropertyDescription(
      "Secret with the Claude credentials file (key .credentials.json), from kubectl gt auth sync.")
  private SecretReference claudeCredsSecretRef;

  @JsonPropertyDescription("Secret key holding an Anthropic API key (becomes ANTHROPIC_API_KEY).")
  private SecretKeyRef apiKeySecretRef;

  @Size(max = 512)
  @JsonPropertyDescription(
      "Agent container image. Defaults to the Rig's image, else the platform's.")
  private String image;

  @JsonPropertyDescription("Agent container resources. Defaults to the Rig's, else the platform's.")
  private ResourceRequirements resources;

  @Min(1)
  @JsonPropertyDescription(
      "Seconds the Pod may run before it is stopped and the polecat Failed. Default 3600.")
  private Long activeDeadlineSeconds;

  @JsonPropertyDescription(
      "ConfigMap with key known_hosts. Defaults to a built-in list of verified host keys.")
  private ConfigMapReference sshKnownHostsConfigMapRef;

  public String getGitRepository() {
    return gitRepository;
  }

  public void setGitRepository(String gitRepository) {
    this.gitRepository = gitRepository;
  }

  public String getGitBranch() {
    return gitBranch;
  }

  public void setGitBranch(String gitBranch) {
    this.gitBranch = gitBranch;
  }

  public String getWorkBranch() {
    return workBranch;
  }

  public void setWorkBranch(String workBranch) {
    this.workBranch = workBranch;
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

  public ConfigMapReference getSshKnownHostsConfigMapRef() {
    return sshKnownHostsConfigMapRef;
  }

  public void setSshKnownHostsConfigMapRef(ConfigMapReference sshKnownHostsConfigMapRef) {
    this.sshKnownHostsConfigMapRef = sshKnownHostsConfigMapRef;
  }
}
