package io.gastown.cli.dev;

import java.util.List;

/**
 * Argo CD's order of kinds within a sync wave (gitops-engine sync_tasks.go, taken from Helm): Namespaces first,
 * workloads late, and every kind not listed (every custom resource) after all of them.
 */
final class KindOrder {
  private static final List<String> KINDS = List.of(
      "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget",
      "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass", "PersistentVolume",
      "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
      "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet", "Pod",
      "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job",
      "CronJob", "Ingress", "APIService");

  private KindOrder() {
  }

  /** Negative for the listed kinds, in list order; 0 for any other kind. */
  static int of(String kind) {
    int index = KINDS.indexOf(kind);
    return index < 0 ? 0 : index - KINDS.size();
  }
}
