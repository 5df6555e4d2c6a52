package io.gastown.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.UserConfig;

/**
 * The author of kubectl gt's commits: {@code --author 'Name <email>'}, else git config, else the OS
 * user.
 */
public final class Authors {
  private static final Pattern NAME_EMAIL =
      Pattern.compile("^\\s*([^<>]+?)\\s*<([^<>\\s]+@[^<>\\s]+)>\\s*$");

  private Authors() {}

  public static PersonIdent resolve(String option, Repository repository) {
    if (option != null) {
      Matcher matcher = NAME_EMAIL.matcher(option);
      if (!matcher.matches()) {
        throw GtException.invalid(
            "--author '"
                + option
                + "' is not 'Name <email>': write it like "
                + "--author 'Ada Lovelace <ada@example.com>'");
      }
      return new PersonIdent(matcher.group(1), matcher.group(2));
    }
    UserConfig user = repository.getConfig().get(UserConfig.KEY);
    String name = user.isAuthorNameImplicit() ? null : user.getAuthorName();
    String email = user.isAuthorEmailImplicit() ? null : user.getAuthorEmail();
    String login = System.getProperty("user.name", "kubectl-gt");
    return new PersonIdent(
        name != null ? name : login, email != null ? email : login + "@localhost");
  }
}
