package io.gastown.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.gastown.model.Serialization;
import io.gastown.render.GitOpsLayout;
import io.gastown.testing.LocalArgoCd;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.jgit.api.Git;

/**
 * What Argo CD reports about a rig, read the ways a person reads it: the Application object in the
 * cluster ({@code kubectl get application -o yaml}) and argocd-server's REST API, which is what the
 * Argo CD UI renders (resource tree with health, resource actions).
 */
final class ArgoView {
  private final LocalArgoCd argo;
  private final HttpClient http = HttpClient.newHttpClient();

  ArgoView(LocalArgoCd argo) {
    this.argo = argo;
  }

  /**
   * The rig's Application as JSON, or a missing node when the ApplicationSet has not generated it.
   */
  JsonNode application(String rig) {
    GenericKubernetesResource app = argo.application(GitOpsLayout.argoCdApplication(rig));
    return app == null
        ? Serialization.jsonMapper().missingNode()
        : Serialization.jsonMapper().valueToTree(app);
  }

  /**
   * Whether the rig's Application is Synced to {@code revision} and its last sync operation
   * succeeded.
   */
  boolean syncedTo(String rig, String revision) {
    JsonNode status = application(rig).path("status");
    return status.path("sync").path("status").asText().equals("Synced")
        && status.path("sync").path("revision").asText().equals(revision)
        && status.path("operationState").path("phase").asText().equals("Succeeded")
        && status
            .path("operationState")
            .path("syncResult")
            .path("revision")
            .asText()
            .equals(revision);
  }

  /**
   * Waits until Argo CD reports the rig's Application Synced to the head of branch main of the
   * GitOps {@code remote} (a bare repository), its sync Succeeded; a timeout names the status and
   * Argo CD's log tails.
   */
  void awaitSynced(String rig, Path remote, Duration patience) {
    String head = head(remote);
    try {
      await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> syncedTo(rig, head));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "rig-"
              + rig
              + " not Synced to "
              + head
              + ": "
              + Serialization.toJson(application(rig).path("status"))
              + "\n"
              + argo.logTails(30),
          e);
    }
  }

  /**
   * The health Argo CD shows for one resource of the rig's Application, from the resource tree
   * (Argo CD 3 keeps resource health out of the Application object, in its cache: {@code
   * controller.resource.health.persist}).
   */
  Optional<JsonNode> resourceHealth(String rig, String kind, String name) {
    return treeNode(rig, kind, name)
        .filter(n -> n.path("name").asText().equals(name))
        .map(n -> n.path("health"))
        .filter(h -> !h.isMissingNode());
  }

  String healthStatus(String rig, String kind, String name) {
    return resourceHealth(rig, kind, name).map(h -> h.path("status").asText()).orElse("");
  }

  /**
   * The node of the resource tree (GET /api/v1/applications/NAME/resource-tree), as the UI draws
   * it.
   */
  Optional<JsonNode> treeNode(String rig, String kind, String namePrefix) {
    JsonNode tree =
        get("/api/v1/applications/" + GitOpsLayout.argoCdApplication(rig) + "/resource-tree");
    return StreamSupport.stream(tree.path("nodes").spliterator(), false)
        .filter(
            n ->
                n.path("kind").asText().equals(kind)
                    && n.path("name").asText().startsWith(namePrefix))
        .findFirst();
  }

  /** The resource actions the UI offers on a Polecat (GET .../resource/actions). */
  JsonNode polecatActions(String rig, String namespace, String polecat) {
    return get("/api/v1/applications/"
            + GitOpsLayout.argoCdApplication(rig)
            + "/resource/actions?namespace="
            + encode(namespace)
            + "&resourceName="
            + encode(polecat)
            + "&group=gastown.gastown.io&version=v1alpha1&kind=Polecat")
        .path("actions");
  }

  JsonNode get(String path) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + argo.apiServer() + path))
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(
            "GET " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return Serialization.jsonMapper().readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The commit the branch main of a (bare) repository points at. */
  static String head(Path repository) {
    try (Git git = Git.open(repository.toFile())) {
      return git.getRepository().resolve("refs/heads/main").name();
    } catch (IOException e) {
      throw new AssertionError("cannot read " + repository, e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
