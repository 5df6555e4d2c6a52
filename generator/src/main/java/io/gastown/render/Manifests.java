package io.gastown.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.gastown.model.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * YAML documents in the project's style ({@link Serialization}) with map keys (labels, annotations)
 * sorted, so the same objects always give the same bytes.
 */
public final class Manifests {
  private static final YAMLMapper YAML =
      (YAMLMapper)
          Serialization.yamlMapper().copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final String SEPARATOR = "---\n";

  private Manifests() {}

  /** The objects as one multi-document YAML text, separated by {@code ---}. */
  public static String toYaml(List<?> objects) {
    StringBuilder text = new StringBuilder();
    for (Object object : objects) {
      if (!text.isEmpty()) {
        text.append(SEPARATOR);
      }
      JsonNode tree = object instanceof JsonNode node ? node : YAML.valueToTree(object);
      text.append(PlainYaml.write(tree).orElseGet(() -> jackson(tree)));
    }
    return text.toString();
  }

  /** The document as the project's Jackson YAML style writes it. */
  static String jackson(Object object) {
    try {
      return YAML.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a multi-document YAML text, empty documents skipped. */
  public static List<JsonNode> readAll(String yaml) {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && document.isObject() && !document.isEmpty()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** The first document of the given kind, bound to a model class. */
  public static <T> T first(List<JsonNode> documents, String kind, Class<T> type) {
    for (JsonNode document : documents) {
      if (kind.equals(document.path("kind").asText())) {
        try {
          return YAML.treeToValue(document, type);
        } catch (JsonProcessingException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return null;
  }

  public static ObjectNode toTree(Object object) {
    return YAML.valueToTree(object);
  }

  /**
   * The manifests in the order Argo CD applies them: by sync wave, keeping the given order within a
   * wave.
   */
  public static List<JsonNode> inSyncOrder(List<JsonNode> manifests) {
    List<JsonNode> sorted = new ArrayList<>(manifests);
    sorted.sort(Comparator.comparingInt(SyncWave::of));
    return sorted;
  }

  static ObjectMeta metadata(
      String name, String namespace, Map<String, String> labels, String syncWave) {
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(name);
    metadata.setNamespace(namespace);
    metadata.setLabels(labels.isEmpty() ? null : new TreeMap<>(labels));
    metadata.setAnnotations(new TreeMap<>(Map.of(SyncWave.ANNOTATION, syncWave)));
    return metadata;
  }

  /**
   * The skeleton Pod of a rendered Job (a polecat's or a merge run's): the labels, one container by
   * name and image, never restarted. The webhook expands it at admission.
   */
  static PodTemplateSpec skeletonPod(Map<String, String> labels, String container, String image) {
    ObjectMeta podMetadata = new ObjectMeta();
    podMetadata.setLabels(new TreeMap<>(labels));
    PodTemplateSpec template = new PodTemplateSpec();
    template.setMetadata(podMetadata);
    template.setSpec(
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withContainers(new ContainerBuilder().withName(container).withImage(image).build())
            .build());
    return template;
  }
}
