package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gastown.cli.git.Remotes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the repository is, who the author is, and which credentials a push uses. */
class GitSettingsTest {
  @TempDir Path directory;

  @Test
  void repositoryComesFromTheOptionThenTheVariableThenTheConfigFileThenTheDefault()
      throws Exception {
    GlobalOptions none = new GlobalOptions();
    GtEnvironment bare = GtEnvironment.of(Map.of(), directory);
    assertThat(RepositoryLocation.resolve(none, bare))
        .isEqualTo(directory.resolve(".local/share/gastown/gitops"));

    Path config = directory.resolve(RepositoryLocation.CONFIG_FILE);
    Files.createDirectories(config.getParent());
    Files.writeString(config, "# kubectl gt settings\nrepo: \"/srv/gitops\"\n");
    assertThat(RepositoryLocation.resolve(none, bare)).isEqualTo(Path.of("/srv/gitops"));

    GtEnvironment variable =
        GtEnvironment.of(Map.of(GtEnvironment.GITOPS_REPO, "/from/env"), directory);
    assertThat(RepositoryLocation.resolve(none, variable)).isEqualTo(Path.of("/from/env"));

    GlobalOptions option = new GlobalOptions();
    option.repo = Path.of("/from/option");
    assertThat(RepositoryLocation.resolve(option, variable)).isEqualTo(Path.of("/from/option"));
  }

  @Test
  void authorIsTheOptionElseGitConfig() throws Exception {
    try (Git git = Git.init().setDirectory(directory.toFile()).call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("user", null, "name", "Config Person");
      config.setString("user", null, "email", "config@example.com");
      config.save();
      PersonIdent fromConfig = Authors.resolve(null, git.getRepository());
      assertThat(fromConfig.getName()).isEqualTo("Config Person");
      assertThat(fromConfig.getEmailAddress()).isEqualTo("config@example.com");

      PersonIdent given = Authors.resolve("Ada Lovelace <ada@example.com>", git.getRepository());
      assertThat(given.getName()).isEqualTo("Ada Lovelace");
      assertThat(given.getEmailAddress()).isEqualTo("ada@example.com");

      assertThatThrownBy(() -> Authors.resolve("ada@example.com", git.getRepository()))
          .isInstanceOf(GtException.class)
          .hasMessageContaining("is not 'Name <email>'");
    }
  }

  @Test
  void httpsTokenComesFromTheEnvironmentOnly() throws Exception {
    try (Git git = Git.init().setDirectory(directory.toFile()).call()) {
      var withToken =
          Remotes.authenticate(
              git.fetch(), GtEnvironment.of(Map.of(Remotes.TOKEN, "s3cret"), directory));
      CredentialItem.Username user = new CredentialItem.Username();
      CredentialItem.Password password = new CredentialItem.Password();
      var provider = credentialsOf(withToken);
      assertThat(provider.get(new URIish("https://github.com/acme/gitops.git"), user, password))
          .isTrue();
      assertThat(user.getValue()).isEqualTo(Remotes.DEFAULT_USERNAME);
      assertThat(new String(password.getValue())).isEqualTo("s3cret");

      var withoutToken = Remotes.authenticate(git.fetch(), GtEnvironment.of(Map.of(), directory));
      assertThat(credentialsOf(withoutToken)).isNull();
    }
  }

  private static org.eclipse.jgit.transport.CredentialsProvider credentialsOf(Object command)
      throws Exception {
    var field = org.eclipse.jgit.api.TransportCommand.class.getDeclaredField("credentialsProvider");
    field.setAccessible(true);
    return (org.eclipse.jgit.transport.CredentialsProvider) field.get(command);
  }
}
