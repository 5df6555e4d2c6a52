package io.gastown.expand;

import static io.gastown.expand.PodLayout.*;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.gastown.model.MergeMethod;
import io.gastown.model.PodContract;
import io.gastown.model.PodContract.Env;
import io.gastown.model.RefinerySpec;
import java.util.List;

/**
 * The container of a Refinery's merge run: the fixed merge script ({@code refinery-merge.sh}) with
 * the Refinery's settings and the work branches in its environment. It runs after git-init in the
 * same Pod layout, so it finds the SSH key and host keys git-init put in {@code $HOME}.
 */
public final class RefineryMergeContainer {
  private RefineryMergeContainer() {}

  /** {@code branches} in merge order (oldest first, or the Convoy's order). */
  public static Container build(
      RefinerySpec spec, String gitRepository, List<String> branches, PlatformConfig platform) {
    EnvList env =
        new EnvList()
            .value(Env.HOME, HOME)
            .value(Env.GIT_REPOSITORY, gitRepository)
            .value(Env.REPO_DIR, REPO_DIR)
            .value(Env.TARGET_BRANCH, targetBranch(spec))
            .value(Env.MERGE_BRANCHES, String.join(" ", branches))
            .value(Env.TEST_COMMAND, spec.getTestCommand())
            .value(Env.MERGE_METHOD, mergeMethod(spec).value())
            .value(Env.MAX_BATCH, String.valueOf(maxBatch(spec)))
            .value(Env.RESULT_FILE, PodContract.TERMINATION_MESSAGE_PATH)
            .value("GIT_SSH_COMMAND", GIT_SSH_COMMAND)
            .value("GIT_TERMINAL_PROMPT", "0");
    return new ContainerBuilder()
        .withName(PodContract.REFINERY_MERGE_CONTAINER)
        .withImage(platform.gitInitImage())
        .withImagePullPolicy("IfNotPresent")
        .withCommand(
            "/bin/sh", "-c", Resources.REFINERY_MERGE_SCRIPT, PodContract.REFINERY_MERGE_CONTAINER)
        .withEnv(env.build())
        .withResources(platform.gitInitResources())
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(Volumes.commonMounts())
        .withTerminationMessagePath(PodContract.TERMINATION_MESSAGE_PATH)
        // A run that stops early (bad input, no target) has no result lines: its log tail says why.
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }

  public static String targetBranch(RefinerySpec spec) {
    return spec.getTargetBranch() != null ? spec.getTargetBranch() : PodContract.DEFAULT_BRANCH;
  }

  static MergeMethod mergeMethod(RefinerySpec spec) {
    return spec.getMergeMethod() != null
        ? spec.getMergeMethod()
        : MergeMethod.fromValue(RefinerySpec.DEFAULT_MERGE_METHOD);
  }

  static int maxBatch(RefinerySpec spec) {
    return spec.getMaxBatch() != null
        ? spec.getMaxBatch()
        : Integer.parseInt(RefinerySpec.DEFAULT_MAX_BATCH);
  }
}
