package io.gastown.cli.git;

/**
 * What a command will commit: the changes, the commit message, and a summary for the command's
 * output.
 *
 * @param <R> what the command reports (e.g. the names it allocated)
 */
public record Plan<R>(Changes changes, String message, R result) {}
