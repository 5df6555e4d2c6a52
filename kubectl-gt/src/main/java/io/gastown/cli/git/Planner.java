package io.gastown.cli.git;

/**
 * Decides a command's changes from the repository's current content. Called again after a rejected
 * push, on the fetched state, so concurrent writers never lose a commit and never get the same
 * name.
 */
@FunctionalInterface
public interface Planner<R> {
  Plan<R> plan(RepositoryState state);
}
