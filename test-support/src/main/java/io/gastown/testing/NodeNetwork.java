package io.gastown.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The private network namespace that {@code hack/in-netns.sh} makes for the real node, and the
 * check that this JVM runs in it.
 *
 * <p>Networking rule of the test environment: traffic may only go to loopback or to addresses
 * inside network namespaces the environment creates itself. The real node's pods and services get
 * addresses, so the node only starts where those addresses cannot leak: a namespace that holds
 * nothing but {@code lo}, the node address's interface and what the node's CNI plugin adds, with no
 * route out.
 *
 * @param nodeAddress the node's IPv4 address (the kubelet's node IP, the apiserver's advertise
 *     address, where a git server for the pods listens)
 */
public record NodeNetwork(String nodeAddress) {
  static final String SCRIPT = "hack/in-netns.sh";
  static final String ENVIRONMENT = "GASTOWN_NETNS";
  static final String NODE_INTERFACE = "gt-node0";
  static final String POD_BRIDGE = "gtcni0";
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** The namespace this JVM runs in; fails, naming {@value #SCRIPT}, when it is not one. */
  static NodeNetwork current() {
    List<String> interfaces = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        interfaces.add(nic.getName());
      }
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
    return check(System.getenv(), interfaces, readRoutes());
  }

  /**
   * The check, on the environment, the names of the network interfaces and the text of {@code
   * /proc/net/route}.
   */
  static NodeNetwork check(
      Map<String, String> environment, List<String> interfaces, String routes) {
    String address = environment.get(ENVIRONMENT);
    String run =
        " The real node runs only inside the private network namespace of "
            + SCRIPT
            + ", e.g. `"
            + SCRIPT
            + " mvn -o -Preal-node verify` (hack/test.sh does so for *NodeIT and *NodeE2E tests).";
    if (address == null || address.isBlank()) {
      throw new IllegalStateException(ENVIRONMENT + " is not set: not in a node namespace." + run);
    }
    if (!IPV4.matcher(address).matches()) {
      throw new IllegalStateException(
          ENVIRONMENT + "='" + address + "' is not an IPv4 address." + run);
    }
    List<String> foreign =
        interfaces.stream()
            .filter(
                name ->
                    !name.equals("lo")
                        && !name.equals(NODE_INTERFACE)
                        && !name.equals(POD_BRIDGE)
                        && !name.startsWith("veth"))
            .sorted()
            .toList();
    if (!foreign.isEmpty()) {
      throw new IllegalStateException(
          "This network namespace has interfaces the environment did not create: "
              + String.join(", ", foreign)
              + "; pod and service addresses could leak through them."
              + run);
    }
    for (String line : routes.lines().skip(1).toList()) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length > 1 && fields[1].equals("00000000")) {
        throw new IllegalStateException(
            "This network namespace has a default route (via " + fields[0] + ")." + run);
      }
    }
    return new NodeNetwork(address);
  }

  private static String readRoutes() {
    try {
      return Files.readString(Path.of("/proc/net/route"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
