package io.gastown.expand;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitRemoteTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "git@github.com:gastown/rig.git, github.com",
        "git@gitlab.example.com:group/sub/rig, gitlab.example.com",
        "ssh://git@git.example.com/team/app.git, git.example.com",
        "ssh://git.example.com:22/team/app.git, git.example.com",
        "ssh://git@git.example.com:2222/team/app.git, '[git.example.com]:2222'",
        "https://github.com/gastown/rig.git, none",
        "http://git.local:8080/rig, none",
        "file:///srv/git/rig.git, none",
      })
  void findsTheHostSshLooksUpInKnownHosts(String url, String host) {
    assertThat(GitRemote.sshHost(url).orElse(null)).isEqualTo(host);
    assertThat(GitRemote.isSsh(url)).isEqualTo(host != null);
  }
}
