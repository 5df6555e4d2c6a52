package io.gastown.cli.auth;

import io.gastown.cli.cluster.ClusterSession;
import io.gastown.cli.cluster.RigLookup;
import picocli.CommandLine.Option;

/** {@code --rig}: the credential Secrets live where the rig's polecats run. */
public class AuthNamespace {
  @Option(
      names = "--rig",
      paramLabel = "RIG",
      description =
          "Use the namespace of this rig's polecats (default: -n, else the context's namespace).")
  String rig;

  String resolve(ClusterSession session) {
    return rig != null ? RigLookup.namespaceFor(session, rig) : session.namespace();
  }
}
