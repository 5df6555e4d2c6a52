package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RefinerySpec {
  @Required
  @Pattern(GasTown.NAME_PATTERN)
  @JsonPropertyDescription("The Rig whose work branches this refinery merges.")
  private String rigRef;

  @Pattern(GasTown.BRANCH_PATTERN)
  @ValidationRule(value = GasTown.BRANCH_RULE, message = GasTown.BRANCH_RULE_MESSAGE)
  @Default(PodContract.DEFAULT_BRANCH)
  @JsonPropertyDescription("Branch that work branches are merged into.")
  private String targetBranch;

  @Size(max = 1024)
  @ValidationRule(value = "!self.contains('\\n')", message = "spec.testCommand must be a single line")
  @JsonPropertyDescription("Command run before a merge, e.g. mvn -B verify. Single line.")
  private String testCommand;

  @Min(1)
  @Default("1")
  @JsonPropertyDescription("Merges processed at once.")
  private Integer parallelism;

  @JsonPropertyDescription("Secret with the SSH key used to push merges.")
  private SecretReference gitSecretRef;

  public String getRigRef() {
    return rigRef;
  }

  public void setRigRef(String rigRef) {
    this.rigRef = rigRef;
  }

  public String getTargetBranch() {
    return targetBranch;
  }

  public void setTargetBranch(String targetBranch) {
    this.targetBranch = targetBranch;
  }

  public String getTestCommand() {
    return testCommand;
  }

  public void setTestCommand(String testCommand) {
    this.testCommand = testCommand;
  }

  public Integer getParallelism() {
    return parallelism;
  }

  public void setParallelism(Integer parallelism) {
    this.parallelism = parallelism;
  }

  public SecretReference getGitSecretRef() {
    return gitSecretRef;
  }

  public void setGitSecretRef(SecretReference gitSecretRef) {
    this.gitSecretRef = gitSecretRef;
  }
}
