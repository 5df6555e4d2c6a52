package io.gastown.cli.git;

import io.gastown.cli.GtEnvironment;
import org.eclipse.jgit.api.TransportCommand;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Credentials for fetch, push and clone. SSH uses the Apache MINA transport with the user's ~/.ssh
 * (keys, agent config, known_hosts); HTTPS uses a token from the environment, never from the
 * command line or the repository.
 */
public final class Remotes {
  public static final String TOKEN = "GT_GIT_TOKEN";
  public static final String USERNAME = "GT_GIT_USERNAME";

  /** GitHub accepts any user name with a token; x-access-token also works for GitHub App tokens. */
  public static final String DEFAULT_USERNAME = "x-access-token";

  public static final String ORIGIN = "origin";

  private Remotes() {}

  public static <C extends TransportCommand<C, ?>> C authenticate(
      C command, GtEnvironment environment) {
    String token = environment.get(TOKEN);
    if (token != null) {
      String user =
          environment.get(USERNAME) != null ? environment.get(USERNAME) : DEFAULT_USERNAME;
      command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(user, token));
    }
    return command;
  }
}
