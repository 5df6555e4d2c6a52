package io.gastown.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.transport.sshd.JGitKeyCache;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactory;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * init --remote, rig create and sling against a git server reached over SSH (Apache MINA on both
 * sides, in this JVM, on 127.0.0.1): the transport kubectl gt uses for git@host:path remotes. The
 * client is set up as a user's ~/.ssh would set it up (a key pair and the server's host key),
 * through JGit's SshdSessionFactory.
 */
class SshPushTest {
  @TempDir Path directory;
  SshServer server;
  SshSessionFactory previous;
  SshdSessionFactory client;

  @BeforeEach
  void sshServer() throws Exception {
    Path bare = directory.resolve("remote.git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    KeyPair user = KeyPairGenerator.getInstance("EC").generateKeyPair();

    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(directory.resolve("host-key")));
    server.setPublickeyAuthenticator(
        (name, key, session) -> KeyUtils.compareKeys(key, user.getPublic()));
    server.setCommandFactory((channel, command) -> new GitCommand(command, bare));
    server.start();
    PublicKey hostKey = server.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();

    previous = SshSessionFactory.getInstance();
    client =
        new SshdSessionFactoryBuilder()
            .setHomeDirectory(directory.toFile())
            .setSshDirectory(directory.resolve(".ssh").toFile())
            .setDefaultKeysProvider(sshDir -> List.of(user))
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
    server.stop(true);
  }

  @Test
  void slingIsPushedOverSsh() throws Exception {
    String remote = "ssh://git@127.0.0.1:" + server.getPort() + "/remote.git";
    GitOpsFixture fixture =
        new GitOpsFixture(directory.resolve("home"), directory.resolve("clone"));
    fixture.ok("init", "--remote", remote);
    fixture.ok(
        "rig", "create", "shop", "--git-url", "git@github.com:acme/shop.git", "--prefix", "sh");
    var result = fixture.ok("sling", "sh-1", "shop");

    assertThat(result.out()).contains("pushed to origin/main");
    try (Git bare = Git.open(directory.resolve("remote.git").toFile())) {
      assertThat(bare.log().call())
          .extracting(RevCommit::getShortMessage)
          .startsWith(
              "sling sh-1 to shop as furiosa",
              "rig create shop (git@github.com:acme/shop.git, prefix sh, namespace gt-shop)",
              "init: Gas Town GitOps repository");
    }
  }

  /** git-upload-pack and git-receive-pack for the one bare repository. */
  static final class GitCommand implements Command {
    private final String command;
    private final Path bare;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    GitCommand(String command, Path bare) {
      this.command = command;
      this.bare = bare;
    }

    @Override
    public void setInputStream(InputStream in) {
      this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
      this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment environment) {
      Thread thread =
          new Thread(
              () -> {
                int code = 0;
                try (Git git = Git.open(bare.toFile())) {
                  Repository repository = git.getRepository();
                  if (command.startsWith("git-upload-pack")) {
                    new UploadPack(repository).upload(in, out, err);
                  } else if (command.startsWith("git-receive-pack")) {
                    new ReceivePack(repository).receive(in, out, err);
                  } else {
                    code = 127;
                  }
                  out.flush();
                } catch (Exception e) {
                  code = 1;
                }
                exit.onExit(code);
              },
              "ssh-git");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
