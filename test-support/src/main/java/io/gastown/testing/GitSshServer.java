package io.gastown.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A git server over SSH for tests: Apache MINA SSH serving bare repositories with JGit's upload and
 * receive packs, the way a git host serves {@code ssh://git@host:port/<name>.git}. It accepts one
 * user key (made here, handed out as the OpenSSH private key a Kubernetes Secret carries) and
 * proves itself with a host key made here (handed out as a known_hosts line). It binds the address
 * it is given on a free port chosen at start, so a pod on a real node reaches it on the node's
 * address. Every push it takes is recorded ({@link #pushes()}).
 */
public final class GitSshServer implements AutoCloseable {
  private final Path root;
  private final String host;
  private final SshKey user;
  private final KeyPair hostKey;
  private final SshServer server;
  private final List<Push> pushes = new CopyOnWriteArrayList<>();

  /** An SSH key pair with its OpenSSH texts. */
  public record SshKey(KeyPair keyPair, String privateKeyPem, String publicKeyLine) {
    /** A new ECDSA P-256 key (what OpenSSH and Apache MINA both accept without extra providers). */
    public static SshKey generate(String comment) {
      try {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        ByteArrayOutputStream pem = new ByteArrayOutputStream();
        OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, comment, null, pem);
        return new SshKey(
            pair,
            pem.toString(StandardCharsets.US_ASCII),
            PublicKeyEntry.toString(pair.getPublic()) + " " + comment);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot make an SSH key", e);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** One ref update the server accepted. */
  public record Push(Instant at, String repository, String ref, String newId) {}

  private GitSshServer(Path root, String host, SshKey user, KeyPair hostKey, SshServer server) {
    this.root = root;
    this.host = host;
    this.user = user;
    this.hostKey = hostKey;
    this.server = server;
  }

  /**
   * Starts a server for the bare repositories under {@code root} on {@code bindAddress} and a free
   * port.
   */
  public static GitSshServer start(Path root, InetAddress bindAddress) throws IOException {
    Files.createDirectories(root);
    SshKey user = SshKey.generate("gastown-test-user");
    KeyPair hostKey = SshKey.generate("host").keyPair();
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost(bindAddress.getHostAddress());
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setKeyboardInteractiveAuthenticator(null);
    server.setPasswordAuthenticator(null);
    server.setPublickeyAuthenticator(
        (name, key, session) -> KeyUtils.compareKeys(key, user.keyPair().getPublic()));
    GitSshServer git = new GitSshServer(root, bindAddress.getHostAddress(), user, hostKey, server);
    server.setCommandFactory((channel, command) -> git.new GitCommand(command));
    server.start();
    return git;
  }

  /** Creates the empty bare repository {@code <name>.git} (default branch {@code main}). */
  public Path createEmptyRepository(String name) throws GitAPIException {
    Path bare = root.resolve(name + ".git");
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    return bare;
  }

  /** Creates the bare repository {@code <name>.git} with one commit on {@code main}. */
  public Path createRepository(String name, String file, String content)
      throws IOException, GitAPIException {
    Path bare = createEmptyRepository(name);
    Path work = Files.createTempDirectory(root, name + "-seed");
    try (Git git =
        Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call()) {
      Files.writeString(work.resolve(file), content);
      git.add().addFilepattern(file).call();
      git.commit()
          .setMessage("initial commit")
          .setAuthor("Gas Town test", "test@gastown.invalid")
          .setCommitter("Gas Town test", "test@gastown.invalid")
          .setSign(false)
          .call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/main")).call();
    }
    deleteTree(work);
    return bare;
  }

  private static void deleteTree(Path tree) throws IOException {
    try (var paths = Files.walk(tree)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  public Path repository(String name) {
    return root.resolve(name + ".git");
  }

  /** {@code ssh://git@<address>:<port>/<name>.git}. */
  public String url(String name) {
    return "ssh://git@" + hostForUrl() + ":" + port() + "/" + name + ".git";
  }

  public int port() {
    return server.getPort();
  }

  /** The known_hosts line for this server: {@code [address]:port ecdsa-sha2-nistp256 AAAA...}. */
  public String knownHostsLine() {
    return "[" + host + "]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  /** The server's host key. */
  public PublicKey hostKey() {
    return hostKey.getPublic();
  }

  /** The key the server accepts. */
  public SshKey userKey() {
    return user;
  }

  /** Every ref update accepted so far, oldest first. */
  public List<Push> pushes() {
    return List.copyOf(pushes);
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }

  private String hostForUrl() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /**
   * The bare repository a command names: {@code git-upload-pack '/shop.git'} → root/shop.git; null
   * for anything outside root.
   */
  private Path repositoryOf(String command) {
    String[] parts = command.trim().split("\\s+", 2);
    if (parts.length < 2) {
      return null;
    }
    String path = parts[1].trim().replaceAll("^'|'$", "").replaceAll("^/+", "");
    Path resolved = root.resolve(path).normalize();
    return resolved.startsWith(root) && Files.isDirectory(resolved) ? resolved : null;
  }

  /** git-upload-pack and git-receive-pack for one bare repository. */
  private final class GitCommand implements Command {
    private final String command;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;

    GitCommand(String command) {
      this.command = command;
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
      Thread thread = new Thread(this::run, "git-ssh-server");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      int code = 0;
      Path bare = repositoryOf(command);
      try {
        if (bare == null) {
          err.write(("no such repository: " + command + "\n").getBytes(StandardCharsets.UTF_8));
          code = 128;
        } else {
          try (Git git = Git.open(bare.toFile())) {
            Repository repository = git.getRepository();
            if (command.startsWith("git-upload-pack")) {
              new UploadPack(repository).upload(in, out, err);
            } else if (command.startsWith("git-receive-pack")) {
              ReceivePack receive = new ReceivePack(repository);
              String name = root.relativize(bare).toString();
              receive.setPostReceiveHook(
                  (pack, commands) -> {
                    for (ReceiveCommand update : commands) {
                      if (update.getResult() == ReceiveCommand.Result.OK) {
                        pushes.add(
                            new Push(
                                Instant.now(),
                                name,
                                update.getRefName(),
                                update.getNewId().name()));
                      }
                    }
                  });
              receive.receive(in, out, err);
            } else {
              code = 127;
            }
          }
        }
        out.flush();
        err.flush();
      } catch (Exception e) {
        code = 1;
      }
      exit.onExit(code);
    }

    @Override
    public void destroy(ChannelSession channel) {}
  }
}
