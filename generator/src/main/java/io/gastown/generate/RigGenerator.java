package io.gastown.generate;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gastown.model.GasTown;
import io.gastown.model.PodContract;
import io.gastown.model.Polecat;
import io.gastown.model.Refinery;
import io.gastown.model.Rig;
import io.gastown.render.GitOpsLayout;
import io.gastown.render.Manifests;
import io.gastown.render.PolecatManifests;
import io.gastown.render.RefineryManifests;
import io.gastown.render.RigManifests;
import io.gastown.validation.GasTownValidation;
import io.gastown.validation.Violation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What Argo CD syncs for one rig directory: the Argo CD plugin's generate command and {@code
 * kubectl gt render} both call this, so they print the same bytes for the same tree.
 *
 * <p>The files are those the rig's kustomization lists, then any file of the layout it does not
 * list (a Polecat written by hand into {@code polecats/}). Every document passes through unchanged;
 * added are only what {@code kubectl gt} would have written beside it: the skeleton Job of a
 * Polecat that has none, the CronJob of a Refinery that has none, and the Namespace and Witness of
 * a Rig whose directory lacks them. Gas Town objects are checked first (the CRD schemas and the
 * rules the webhook applies, plus: a Polecat belongs to the directory's rig and runs in its
 * namespace); any problem fails the whole rig with {@link InvalidRigSource}, so that nothing is
 * pruned because one file is wrong.
 */
public final class RigGenerator {
  private static final String GROUP = GasTown.GROUP + "/";

  private RigGenerator() {}

  /** One document and the file it came from (relative to the rig directory). */
  private record Source(String file, JsonNode document) {
    String kind() {
      return document.path("kind").asText();
    }

    String name() {
      return document.path("metadata").path("name").asText();
    }

    String namespace() {
      JsonNode namespace = document.path("metadata").path("namespace");
      return namespace.isTextual() ? namespace.asText() : null;
    }
  }

  /**
   * The rig's manifests in the order Argo CD applies them (by sync wave, file order within a wave).
   *
   * @param directory the rig directory relative to the repository root (e.g. {@code rigs/shop}),
   *     for messages
   * @param agentImage image of the placeholder container of derived Jobs (the webhook replaces the
   *     container)
   * @throws InvalidRigSource naming every file and field that is wrong, and the fix
   */
  public static List<JsonNode> generate(String directory, RigFiles files, String agentImage) {
    List<String> problems = new ArrayList<>();
    List<Source> sources = new ArrayList<>();
    for (String file : resources(directory, files, problems)) {
      try {
        Manifests.readAll(files.read(file))
            .forEach(document -> sources.add(new Source(file, document)));
      } catch (RuntimeException e) {
        problems.add(
            directory
                + "/"
                + file
                + " is not valid YAML ("
                + yamlError(e)
                + "): fix the file and commit");
      }
    }
    List<Rig> rigs = new ArrayList<>();
    for (Source source : sources) {
      List<String> wrong = violations(directory, source);
      problems.addAll(wrong);
      if (wrong.isEmpty() && source.kind().equals("Rig") && isGasTown(source.document())) {
        Rig rig = Manifests.first(List.of(source.document()), "Rig", Rig.class);
        if (rig != null && rig.getMetadata() != null && rig.getSpec() != null) {
          rigs.add(rig);
        }
      }
    }
    if (rigs.size() == 1) {
      for (Source source : sources) {
        if (isPolecat(source)) {
          problems.addAll(belongsTo(directory, source, rigs.get(0)));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidRigSource(directory, problems);
    }
    List<JsonNode> manifests = new ArrayList<>();
    for (Source source : sources) {
      Rig rig =
          source.kind().equals("Rig") && isGasTown(source.document())
              ? Manifests.first(List.of(source.document()), "Rig", Rig.class)
              : null;
      // Where kubectl gt writes them in rig.yaml: Namespace, Rig, Witness.
      if (rig != null && !has(sources, "Namespace", RigManifests.namespaceOf(rig), null)) {
        manifests.add(Manifests.toTree(RigManifests.namespace(rig)));
      }
      manifests.add(source.document());
      if (rig != null
          && sources.stream()
              .noneMatch(s -> s.kind().equals("Witness") && isGasTown(s.document()))) {
        manifests.add(Manifests.toTree(RigManifests.witness(rig)));
      }
      if (isPolecat(source) && !hasJob(sources, source)) {
        Polecat polecat = Manifests.first(List.of(source.document()), "Polecat", Polecat.class);
        manifests.add(Manifests.toTree(PolecatManifests.job(polecat, agentImage)));
      }
      if (isGasTownKind(source, "Refinery")
          && !has(
              sources,
              "CronJob",
              PodContract.refineryCronJobName(source.name()),
              source.namespace())) {
        Refinery refinery = Manifests.first(List.of(source.document()), "Refinery", Refinery.class);
        if (refinery.getSpec() != null && refinery.getSpec().getRigRef() != null) {
          manifests.add(Manifests.toTree(RefineryManifests.cronJob(refinery, agentImage)));
        }
      }
    }
    return Manifests.inSyncOrder(manifests);
  }

  /** The files the kustomization lists, then the layout's files it does not list. */
  private static List<String> resources(String directory, RigFiles files, List<String> problems) {
    Set<String> resources = new LinkedHashSet<>();
    if (files.exists(GitOpsLayout.KUSTOMIZATION)) {
      String kustomization = directory + "/" + GitOpsLayout.KUSTOMIZATION;
      try {
        List<JsonNode> documents = Manifests.readAll(files.read(GitOpsLayout.KUSTOMIZATION));
        for (JsonNode resource :
            documents.isEmpty() ? List.<JsonNode>of() : list(documents.get(0).path("resources"))) {
          if (files.exists(resource.asText())) {
            resources.add(resource.asText());
          } else {
            problems.add(
                kustomization
                    + " lists "
                    + resource.asText()
                    + ", which does not exist: restore it with "
                    + "git, or remove it from the list");
          }
        }
      } catch (RuntimeException e) {
        problems.add(
            kustomization + " is not valid YAML (" + yamlError(e) + "): fix the file and commit");
      }
    }
    resources.addAll(files.layoutFiles());
    return List.copyOf(resources);
  }

  private static List<JsonNode> list(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items;
  }

  private static List<String> violations(String directory, Source source) {
    if (!isGasTown(source.document())) {
      return List.of();
    }
    if (source.name().isEmpty()) {
      return List.of(
          directory
              + "/"
              + source.file()
              + ": "
              + source.kind()
              + ": metadata.name: is required: name "
              + "the object and commit");
    }
    List<Violation> violations = GasTownValidation.violations(source.document());
    return violations.stream()
        .map(v -> where(directory, source) + v + ": correct the field and commit")
        .toList();
  }

  /**
   * A Polecat of this directory is one of its Rig's: spec.rig names it and it runs in the Rig's
   * namespace.
   */
  private static List<String> belongsTo(String directory, Source source, Rig rig) {
    List<String> problems = new ArrayList<>();
    String rigName = rig.getMetadata().getName();
    String rigField = source.document().path("spec").path("rig").asText(null);
    if (rigField != null && !rigField.equals(rigName)) {
      problems.add(
          where(directory, source)
              + "spec.rig: is "
              + rigField
              + ", but this is the directory of rig "
              + rigName
              + ": set spec.rig: "
              + rigName
              + " (or move the file to rigs/"
              + rigField
              + "/polecats/)");
    }
    String namespace = RigManifests.namespaceOf(rig);
    if (source.namespace() != null && !source.namespace().equals(namespace)) {
      problems.add(
          where(directory, source)
              + "metadata.namespace: is "
              + source.namespace()
              + ", but rig "
              + rigName
              + "'s polecats run in "
              + namespace
              + " (the namespace opted in to the webhook): set metadata.namespace: "
              + namespace
              + ", or leave it out");
    }
    return problems;
  }

  private static String where(String directory, Source source) {
    return directory + "/" + source.file() + ": " + source.kind() + " " + source.name() + ": ";
  }

  private static boolean hasJob(List<Source> sources, Source polecat) {
    return has(sources, "Job", PodContract.jobName(polecat.name()), polecat.namespace());
  }

  private static boolean has(List<Source> sources, String kind, String name, String namespace) {
    return sources.stream()
        .anyMatch(
            s ->
                s.kind().equals(kind)
                    && s.name().equals(name)
                    && Objects.equals(s.namespace(), namespace));
  }

  private static boolean isGasTownKind(Source source, String kind) {
    return source.kind().equals(kind) && isGasTown(source.document());
  }

  private static boolean isPolecat(Source source) {
    return source.kind().equals("Polecat") && isGasTown(source.document());
  }

  private static boolean isGasTown(JsonNode document) {
    return document.path("apiVersion").asText().startsWith(GROUP);
  }

  /** The parser's complaint and where: one line, no stack trace. */
  private static String yamlError(RuntimeException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException parse) {
        String message = firstLine(parse.getOriginalMessage());
        JsonLocation location = parse.getLocation();
        return location == null || location.getLineNr() < 0
            ? message
            : "line "
                + location.getLineNr()
                + ", column "
                + location.getColumnNr()
                + ": "
                + message;
      }
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message.strip() : message.substring(0, newline).strip();
  }
}
