package io.gastown.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class RefinerySpec {
  public static final String DEFAULT_MERGE_METHOD = "rebase";
  public static final String DEFAULT_MAX_BATCH = "10";
  public static final int MAX_BATCH_LIMIT = 100;
  public static final String DEFAULT_SCHEDULE = "*/10 * * * *";

  /** Five cron fields, or one of the @ shorthands a CronJob accepts. */
  public static final String SCHEDULE_PATTERN =
      "^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)"
          + "|[0-9A-Za-z*/,?-]+( [0-9A-Za-z*/,?-]+){4})$";

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
  @ValidationRule(
      value = "!self.contains('\\n')",
      message = "spec.testCommand must be a single line")
  @JsonPropertyDescription("Command run before a merge, e.g. mvn -B verify. Single line.")
  private String testCommand;

  @Default(DEFAULT_MERGE_METHOD)
  @JsonPropertyDescription(
      "How a work branch lands on the target: rebase (its commits replayed on the target head, "
          + "a linear history) or merge (a merge commit). Either way the target only moves by a fast-forward push.")
  private MergeMethod mergeMethod;

  @Min(1)
  @Max(MAX_BATCH_LIMIT)
  @Default(DEFAULT_MAX_BATCH)
  @JsonPropertyDescription(
      "Work branches one merge run takes, oldest first; the rest wait for the next run.")
  private Integer maxBatch;

  @Pattern(SCHEDULE_PATTERN)
  @Default("\"" + DEFAULT_SCHEDULE + "\"") // quoted: the generator reads defaults as YAML
  @JsonPropertyDescription(
      "Cron schedule of the merge runs (five fields, e.g. */10 * * * *, or @hourly): the schedule of "
          + "the CronJob refinery-<name> beside the Refinery in git.")
  private String schedule;

  @JsonPropertyDescription(
      "Secret (key ssh-privatekey) with the SSH key that fetches the work branches and pushes the target; "
          + "default: the Rig's settings.gitSecretRef.")
  private SecretReference gitSecretRef;

  @JsonPropertyDescription(
      "ConfigMap with key known_hosts: the host keys of the Rig's git server, for an SSH gitURL whose host is"
          + " not in the built-in list of verified host keys (a self-hosted server). Default: the built-in list.")
  private ConfigMapReference sshKnownHostsConfigMapRef;

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

  public MergeMethod getMergeMethod() {
    return mergeMethod;
  }

  public void setMergeMethod(MergeMethod mergeMethod) {
    this.mergeMethod = mergeMethod;
  }

  public Integer getMaxBatch() {
    return maxBatch;
  }

  public void setMaxBatch(Integer maxBatch) {
    this.maxBatch = maxBatch;
  }

  public String getSchedule() {
    return schedule;
  }

  public void setSchedule(String schedule) {
    this.schedule = schedule;
  }

  public SecretReference getGitSecretRef() {
    return gitSecretRef;
  }

  public void setGitSecretRef(SecretReference gitSecretRef) {
    this.gitSecretRef = gitSecretRef;
  }

  public ConfigMapReference getSshKnownHostsConfigMapRef() {
    return sshKnownHostsConfigMapRef;
  }

  public void setSshKnownHostsConfigMapRef(ConfigMapReference sshKnownHostsConfigMapRef) {
    this.sshKnownHostsConfigMapRef = sshKnownHostsConfigMapRef;
  }
}
