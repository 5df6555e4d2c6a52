package io.gastown.expand;

import io.gastown.model.ConfigMapReference;
import io.gastown.model.SecretReference;

/**
 * What git-init clones and with which credentials: a polecat's work, or a merge run's target.
 *
 * @param name who commits in the clone (the polecat, or the refinery)
 * @param workBranch the local branch made on top of {@code branch}
 * @param gitSecret the SSH key, or null
 * @param knownHosts the ConfigMap with SSH host keys, or null for the built-in list
 */
record GitCheckout(
    String name,
    String repository,
    String branch,
    String workBranch,
    SecretReference gitSecret,
    ConfigMapReference knownHosts) {}
