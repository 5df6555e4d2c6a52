package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gastown.testing.GitSshServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init --remote, rig create and sling against a git server reached over SSH (the test git server,
 * {@link GitSshServer}, in this JVM, on 127.0.0.1): the transport kubectl gt uses for git@host:path
 * remotes. The client is set up as a user's ~/.ssh would set it up (a key pair and the server's
 * host key), through JGit's SshdSessionFactory.
 */
class SshPushTest {
  @TempDir Path directory;
  GitSshServer server;
  SshSessionFactory previous;
  SshdSessionFactory client;

  @BeforeEach
  void sshServer() throws Exception {
    server = GitSshServer.start(directory.resolve("repos"), InetAddress.getLoopbackAddress());
    server.createEmptyRepository("remote");
    PublicKey hostKey = server.hostKey();

    previous = SshSessionFactory.getInstance();
    client =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(directory.toFile())
            .setSshDirectory(directory.resolve(".ssh").toFile())
            .setDefaultKeysProvider(sshDir -> List.of(server.userKey().keyPair()))
            .setServerKeyDatabase(
                (home, sshDir) ->
                    new ServerKeyDatabase() {
                      @Override
                      public List<PublicKey> lookup(
                          String connectAddress,
                          InetSocketAddress remoteAddress,
                          Configuration config) {
                        return List.of(hostKey);
                      }

                      @Override
                      public boolean accept(
                          String connectAddress,
                          InetSocketAddress remoteAddress,
                          PublicKey serverKey,
                          Configuration config,
                          CredentialsProvider provider) {
                        return KeyUtils.compareKeys(serverKey, hostKey);
                      }
                    })
            .setPreferredAuthentications("publickey")
            .build(new JGitKeyCache());
    SshSessionFactory.setInstance(client);
  }

  @AfterEach
  void stop() throws Exception {
    SshSessionFactory.setInstance(previous);
    client.close();
    server.close();
  }

  @Test
  void slingIsPushedOverSsh() throws Exception {
    String remote = server.url("remote");
    GitOpsFixture fixture =
        new GitOpsFixture(directory.resolve("home"), directory.resolve("clone"));
    fixture.ok("init", "--remote", remote);
    fixture.ok(
        "rig", "create", "shop", "--git-url", "git@github.com:acme/shop.git", "--prefix", "sh");
    var result = fixture.ok("sling", "sh-1", "shop");

    assertThat(result.out()).contains("pushed to origin/main");
    try (Git bare = Git.open(server.repository("remote").toFile())) {
      assertThat(bare.log().call())
          .extracting(RevCommit::getShortMessage)
          .startsWith(
              "sling sh-1 to shop as furiosa",
              "rig create shop (git@github.com:acme/shop.git, prefix sh, namespace gt-shop)",
              "init: Gas Town GitOps repository");
    }
  }
}
