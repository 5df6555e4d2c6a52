package io.gastown.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The shape of a polecat's Job and Pod that the parts rely on, defined once: the renderer writes
 * the skeleton Job by it, the expansion fills the Pod by it, the status reporter and {@code kubectl
 * gt} read Jobs and Pods by it.
 */
public final class PodContract {
  /** The Job of polecat {@code name} is {@value}{@code name}. */
  public static final String JOB_PREFIX = "polecat-";

  /** The skeleton Job's one container; the expansion replaces it by the agent container. */
  public static final String PLACEHOLDER_CONTAINER = "agent";

  /** The init container that clones the work branch. */
  public static final String GIT_INIT_CONTAINER = "git-init";

  /** The container of a Refinery's merge run. */
  public static final String REFINERY_MERGE_CONTAINER = "refinery-merge";

  /** The CronJob of the Refinery of rig {@code rig} is {@value}{@code rig}. */
  public static final String REFINERY_CRONJOB_PREFIX = "refinery-";

  /** The local branch git-init makes in a merge run's clone; never pushed. */
  public static final String REFINERY_LOCAL_BRANCH = "gt-refinery";

  /**
   * Where the merge container writes its result lines: the container's termination message, which
   * the status reporter reads from the Pod's status.
   */
  public static final String TERMINATION_MESSAGE_PATH = "/dev/termination-log";

  /** The branch cloned when neither the Polecat nor its Rig names one. */
  public static final String DEFAULT_BRANCH = "main";

  /** The work branch of a polecat with a bead: {@value}{@code <bead>}. */
  public static final String WORK_BRANCH_PREFIX = "feature/";

  /** The work branch of a polecat without a bead: {@value}{@code <name>}. */
  public static final String NAMED_WORK_BRANCH_PREFIX = "polecat/";

  /**
   * Starts the webhook's refusal of a polecat Pod for want of a slot (the Rig's maxPolecats or a
   * Convoy's parallelism reached); the status reporter tells a polecat that waits for a slot from
   * one that is refused by it, in the Job's FailedCreate event.
   */
  public static final String WAITING_FOR_A_SLOT = "waiting for a slot: ";

  /** Bead prefixes no rig may take (they name Gas Town's own places). */
  public static final Set<String> RESERVED_BEAD_PREFIXES = Set.of("hq", "system", "default");

  private PodContract() {}

  public static String jobName(String polecat) {
    return JOB_PREFIX + polecat;
  }

  public static String refineryCronJobName(String refinery) {
    return REFINERY_CRONJOB_PREFIX + refinery;
  }

  /** The name of the container that runs {@code agent}. */
  public static String agentContainer(Agent agent) {
    return switch (agent) {
      case CLAUDE_CODE -> "claude";
      case OPENCODE -> "opencode";
      case AIDER -> "aider";
      case CUSTOM -> PLACEHOLDER_CONTAINER;
    };
  }

  /** Every name an agent container has: the expanded ones and the skeleton's placeholder. */
  public static List<String> agentContainers() {
    return Arrays.stream(Agent.values()).map(PodContract::agentContainer).distinct().toList();
  }

  /** The work branch: the one given, else {@code feature/<bead>}, else {@code polecat/<name>}. */
  public static String workBranch(String given, String beadId, String polecat) {
    if (given != null && !given.isBlank()) {
      return given;
    }
    return beadId != null && !beadId.isBlank()
        ? WORK_BRANCH_PREFIX + beadId
        : NAMED_WORK_BRANCH_PREFIX + polecat;
  }

  /**
   * Environment variables the expansion sets on the polecat's containers; GT_* and HOME are Gas
   * Town's.
   */
  public static final class Env {
    /** Names starting with this are reserved: a Polecat's own env may not use them. */
    public static final String RESERVED_PREFIX = "GT_";

    public static final String HOME = "HOME";
    public static final String POLECAT = "GT_POLECAT";
    public static final String GIT_REPOSITORY = "GT_GIT_REPOSITORY";
    public static final String GIT_BRANCH = "GT_GIT_BRANCH";

    /** The branch the agent pushes: read back by the status reporter into {@code status.branch}. */
    public static final String WORK_BRANCH = "GT_WORK_BRANCH";

    public static final String REPO_DIR = "GT_REPO_DIR";

    /** A Refinery's merge run: the branch it lands work branches on. */
    public static final String TARGET_BRANCH = "GT_TARGET_BRANCH";

    /** A Refinery's merge run: the work branches in merge order, separated by spaces. */
    public static final String MERGE_BRANCHES = "GT_MERGE_BRANCHES";

    public static final String TEST_COMMAND = "GT_TEST_COMMAND";
    public static final String MERGE_METHOD = "GT_MERGE_METHOD";
    public static final String MAX_BATCH = "GT_MAX_BATCH";

    /**
     * A Refinery's merge run: the file that gets a copy of the result lines (as many whole lines as
     * fit in a termination message).
     */
    public static final String RESULT_FILE = "GT_RESULT_FILE";

    private Env() {}

    /** Whether a Polecat's own env may not set {@code name}. */
    public static boolean reserved(String name) {
      return name.startsWith(RESERVED_PREFIX) || name.equals(HOME);
    }
  }
}
