package io.gastown.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against the JVM's real control plane (see {@link ControlPlaneExtension}). On
 * its own it is the same as {@code @ExtendWith(ControlPlaneExtension.class)}; {@code nodes = true}
 * also asks for kube-controller-manager, kube-scheduler and kwok, so that Jobs make Pods that are
 * scheduled, run and finish. {@code realNode = true} instead starts a real node ({@link LocalNode}:
 * containerd, kubelet, kube-proxy) whose Pods really run; such test classes are named {@code
 * *NodeIT} / {@code *NodeE2E} and run in their own JVM inside {@code hack/in-netns.sh} (the second
 * phase of {@code hack/test.sh}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@ExtendWith(ControlPlaneExtension.class)
public @interface ControlPlane {

  /** Start kube-controller-manager, kube-scheduler and kwok with a fake node (once per JVM). */
  boolean nodes() default false;

  /**
   * Start the real node (once per JVM; the JVM's control plane is then started for it). Fails
   * outside the network namespace of {@code hack/in-netns.sh}.
   */
  boolean realNode() default false;
}
