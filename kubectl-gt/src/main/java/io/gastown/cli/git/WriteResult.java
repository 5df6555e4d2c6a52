package io.gastown.cli.git;

/**
 * What a write did.
 *
 * @param plan the plan that was committed (after the last retry)
 * @param commit the commit's abbreviated ID
 * @param pushedTo the remote branch it was pushed to, or null when it was only committed
 * @param attempts how many times it was planned and committed (more than 1 when pushes were
 *     rejected)
 */
public record WriteResult<R>(Plan<R> plan, String commit, String pushedTo, int attempts) {}
