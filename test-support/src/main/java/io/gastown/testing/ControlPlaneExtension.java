package io.gastown.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A real Kubernetes control plane for integration tests: etcd and kube-apiserver (and, with
 * {@code @ControlPlane(nodes = true)}, kube-controller-manager, kube-scheduler and kwok with one
 * fake node), built by {@code hack/control-plane.sh}.
 *
 * <pre>{@code
 * @ControlPlane(nodes = true)            // or @ExtendWith(ControlPlaneExtension.class) for the apiserver only
 * class SomethingIT {
 *   @Test
 *   void jobRuns(KubernetesClient client, ControlPlaneInfo info) { ... }
 * }
 * }</pre>
 *
 * <ul>
 *   <li>One control plane per JVM: started when the first test class needs it, reused by later
 *       classes, stopped when the JVM's tests are done. Tests share it, so each test works in its
 *       own namespace.
 *   <li>Ports are chosen at run time, everything listens on 127.0.0.1 (with the real node: inside
 *       its private network namespace). The start time is logged. Each process logs to {@code
 *       target/control-plane/logs/<process>.log}; the kubeconfig is {@code
 *       target/control-plane/kubeconfig}.
 *   <li>The CRDs in {@code kustomize/base/crds/} are installed and Established before the first
 *       test.
 *   <li>Parameters: {@link KubernetesClient} (cluster-admin, one per test class, closed after it)
 *       and {@link ControlPlaneInfo}.
 *   <li>Admission webhooks: the apiserver runs on this host, so a {@code
 *       MutatingWebhookConfiguration} or {@code ValidatingWebhookConfiguration} with {@code
 *       clientConfig.url: https://127.0.0.1:<port>/...} and the server certificate's CA in {@code
 *       caBundle} reaches a webhook the test starts on that port (the certificate needs the SAN
 *       {@code IP:127.0.0.1}). The webhook admission plugins are on.
 *   <li>Pods on the kwok node do not run anything. Pods with {@code restartPolicy} {@code Never} or
 *       {@code OnFailure} (a Job's Pods) become Running, then after {@code
 *       gastown.io/simulate-duration} (a Go duration, default 500ms) Succeeded, or Failed with exit
 *       code {@code gastown.io/simulate-exit-code} (default 1) when annotated {@code
 *       gastown.io/simulate: fail}. Other Pods stay Running. See {@link SimulatedPod}.
 *   <li>{@code @ControlPlane(realNode = true)}: a real node, {@link LocalNode} {@value
 *       LocalNode#NODE_NAME}, with kube-controller-manager (including the service-account, endpoint
 *       and Deployment controllers) and kube-scheduler; the apiserver then advertises the node
 *       address, authorizes with Node and RBAC and enforces PodSecurity. Parameter {@link
 *       LocalNode} (import images, the node address). Only inside {@code hack/in-netns.sh}, in a
 *       JVM of its own (the real-node phase of {@code hack/test.sh}); {@code hack/node.sh}
 *       provisions it.
 *   <li>Missing binaries fail the test class with a message naming {@code hack/control-plane.sh};
 *       nothing is skipped.
 * </ul>
 *
 * <p>System properties: {@code gastown.cache} (cache root, else {@code $GASTOWN_CACHE}, else {@code
 * ~/.cache/gastown}), {@code gastown.k8s.version} (else the version in {@code
 * control-plane.properties}), {@code gastown.controlplane.timeout} (seconds per start-up wait,
 * default 180).
 */
public final class ControlPlaneExtension implements BeforeAllCallback, ParameterResolver {
  private static final Namespace NAMESPACE = Namespace.create(ControlPlaneExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    controlPlane(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class
        || type == ControlPlaneInfo.class
        || type == LocalNode.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    LocalControlPlane plane = controlPlane(context);
    if (parameter.getParameter().getType() == ControlPlaneInfo.class) {
      return plane.info();
    }
    if (parameter.getParameter().getType() == LocalNode.class) {
      return plane.ensureRealNode();
    }
    return classContext(context)
        .getStore(NAMESPACE)
        .computeIfAbsent(KubernetesClient.class, type -> plane.newClient(), KubernetesClient.class);
  }

  /**
   * The JVM's control plane, started on first use; with the nodes if this test class asks for them.
   */
  private static LocalControlPlane controlPlane(ExtensionContext context) {
    var annotation =
        context
            .getTestClass()
            .flatMap(type -> AnnotationSupport.findAnnotation(type, ControlPlane.class));
    boolean realNode = annotation.map(ControlPlane::realNode).orElse(false);
    LocalControlPlane plane =
        context
            .getRoot()
            .getStore(NAMESPACE)
            .computeIfAbsent(Holder.class, type -> new Holder(), Holder.class)
            .get(realNode);
    if (realNode) {
      plane.ensureRealNode();
    } else if (annotation.map(ControlPlane::nodes).orElse(false)) {
      plane.ensureNodes();
    }
    return plane;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  /**
   * Starts the control plane once and remembers a failed start, so later test classes fail at once
   * with the same message instead of waiting again. Closed by JUnit with the root context, i.e. at
   * the end of the run.
   */
  private static final class Holder implements AutoCloseable {
    private LocalControlPlane plane;
    private RuntimeException failure;

    /** The control plane; the first caller decides whether it is started for a real node. */
    synchronized LocalControlPlane get(boolean realNode) {
      if (failure != null) {
        throw failure;
      }
      if (plane == null) {
        try {
          plane =
              LocalControlPlane.start(
                  ControlPlaneBinaries.locate(),
                  Path.of("target", "control-plane").toAbsolutePath(),
                  CrdManifests.repositoryRoot(),
                  Duration.ofSeconds(Long.getLong("gastown.controlplane.timeout", 180)),
                  realNode ? NodeNetwork.current() : null);
          // Also stop the processes when the JVM ends without closing the root context (e.g.
          // Ctrl-C).
          Runtime.getRuntime().addShutdownHook(new Thread(plane::close, "control-plane-shutdown"));
        } catch (RuntimeException e) {
          failure = e;
          throw e;
        }
      }
      return plane;
    }

    @Override
    public synchronized void close() {
      if (plane != null) {
        plane.close();
      }
    }
  }
}
