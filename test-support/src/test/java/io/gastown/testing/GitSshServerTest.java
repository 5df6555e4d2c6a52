package io.gastown.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git SSH server as a polecat Pod's git-init and agent wrapper use it: OpenSSH's ssh and the
 * git command line, with the private key and the known_hosts line the server hands out, written to
 * files the way the Pod gets them from its Secret and ConfigMap.
 */
class GitSshServerTest {
  @TempDir Path directory;
  GitSshServer server;

  @BeforeEach
  void start() throws Exception {
    server = GitSshServer.start(directory.resolve("repos"), InetAddress.getLoopbackAddress());
    server.createRepository("shop", "README.md", "# shop\n");
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void cloneAndPushWithOpenSshAndTheHandedOutKeyAndHostKey() throws Exception {
    Path clone = directory.resolve("clone");
    git(server.userKey().privateKeyPem(), "clone", "--depth", "1", server.url("shop"), clone).ok();
    assertThat(clone.resolve("README.md")).hasContent("# shop");

    Files.writeString(clone.resolve("work.txt"), "done\n");
    git(null, "-C", clone, "checkout", "-q", "-b", "polecat/furiosa").ok();
    git(null, "-C", clone, "add", "work.txt").ok();
    git(
            null,
            "-C",
            clone,
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t.invalid",
            "commit",
            "-q",
            "-m",
            "work")
        .ok();
    git(
            server.userKey().privateKeyPem(),
            "-C",
            clone,
            "push",
            "-q",
            "origin",
            "HEAD:refs/heads/polecat/furiosa")
        .ok();

    try (Git bare = Git.open(server.repository("shop").toFile())) {
      assertThat(bare.getRepository().exactRef("refs/heads/polecat/furiosa")).isNotNull();
    }
    assertThat(server.pushes())
        .singleElement()
        .satisfies(
            push -> {
              assertThat(push.repository()).isEqualTo("shop.git");
              assertThat(push.ref()).isEqualTo("refs/heads/polecat/furiosa");
            });
  }

  @Test
  void anotherKeyIsRefused() throws Exception {
    Result result =
        git(
            GitSshServer.SshKey.generate("stranger").privateKeyPem(),
            "clone",
            server.url("shop"),
            directory.resolve("clone"));
    assertThat(result.code()).isNotZero();
    assertThat(result.output()).contains("Permission denied (publickey)");
  }

  @Test
  void knownHostsLineNamesTheAddressAndPort() {
    assertThat(server.knownHostsLine())
        .startsWith("[127.0.0.1]:" + server.port() + " ecdsa-sha2-nistp256 AAAA");
  }

  @Test
  void userKeyIsOneOpenSshReadsBackToItsPublicHalf() throws Exception {
    Path keyFile = directory.resolve("user-key");
    Files.createFile(
        keyFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(keyFile, server.userKey().privateKeyPem());
    Process keygen =
        new ProcessBuilder("ssh-keygen", "-y", "-f", keyFile.toString())
            .redirectErrorStream(true)
            .start();
    String publicHalf = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(keygen.exitValue()).as(publicHalf).isZero();
    String[] expected = server.userKey().publicKeyLine().split(" ");
    assertThat(publicHalf.strip()).startsWith(expected[0] + " " + expected[1]);
  }

  record Result(int code, String output) {
    Result ok() {
      assertThat(code).as(output).isZero();
      return this;
    }
  }

  private Result git(String key, Object... args) throws Exception {
    Path ssh = Files.createDirectories(directory.resolve("ssh"));
    Path keyFile = ssh.resolve("id");
    Files.deleteIfExists(keyFile);
    Files.createFile(
        keyFile,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(keyFile, key != null ? key : "");
    Path knownHosts = ssh.resolve("known_hosts");
    Files.writeString(knownHosts, server.knownHostsLine() + "\n");
    List<String> command = new ArrayList<>(List.of("git"));
    for (Object arg : args) {
      command.add(arg.toString());
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .putAll(
            Map.of(
                "GIT_SSH_COMMAND",
                "ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o IdentityFile="
                    + keyFile
                    + " -o StrictHostKeyChecking=yes -o UserKnownHostsFile="
                    + knownHosts,
                "GIT_TERMINAL_PROMPT",
                "0",
                "GIT_CONFIG_NOSYSTEM",
                "1",
                "HOME",
                directory.toString()));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
