package io.gastown.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Renders docs/crds.md, the field reference, from the checked-in CRDs so the two cannot drift
 * apart.
 */
final class CrdReference {
  private CrdReference() {}

  static String render(List<JsonNode> crds) {
    StringBuilder md = new StringBuilder();
    md.append("# CRD reference\n\n")
        .append(
            "API group `gastown.gastown.io`, version `v1alpha1`. Generated from the CRDs in `kustomize/base/crds/`")
        .append(" (themselves generated from the model classes in `generator/`); do not edit.\n")
        .append("Regenerate: `")
        .append(CrdFiles.REGENERATE.replace("CrdDriftTest", "CrdDriftTest,CrdReferenceTest"))
        .append("`.\n\n")
        .append(
            "All kinds have the `/status` subresource, the category `gastown` (`kubectl get gastown`),\n")
        .append("`status.observedGeneration` and standard `status.conditions`.\n\n");
    for (JsonNode crd : crds) {
      md.append("- [")
          .append(kind(crd))
          .append("](#")
          .append(kind(crd).toLowerCase())
          .append(")\n");
    }
    for (JsonNode crd : crds) {
      renderKind(crd, md);
    }
    return md.toString();
  }

  private static String kind(JsonNode crd) {
    return crd.path("spec").path("names").path("kind").asText();
  }

  private static void renderKind(JsonNode crd, StringBuilder md) {
    JsonNode names = crd.path("spec").path("names");
    JsonNode version = crd.path("spec").path("versions").get(0);
    md.append("\n## ").append(kind(crd)).append("\n\n");
    md.append("Plural `")
        .append(names.path("plural").asText())
        .append("`, ")
        .append(
            crd.path("spec").path("scope").asText().equals("Cluster")
                ? "cluster-scoped"
                : "namespaced");
    List<String> shortNames = new ArrayList<>();
    names.path("shortNames").forEach(s -> shortNames.add("`" + s.asText() + "`"));
    if (!shortNames.isEmpty()) {
      md.append(", short name ").append(String.join(", ", shortNames));
    }
    List<String> columns = new ArrayList<>();
    version.path("additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText()));
    md.append(". `kubectl get` columns: NAME, ")
        .append(String.join(", ", columns).toUpperCase())
        .append(".\n\n");
    JsonNode schema = version.path("schema").path("openAPIV3Schema").path("properties");
    for (String part : List.of("spec", "status")) {
      md.append("### ")
          .append(part)
          .append("\n\n")
          .append("| Field | Type | Required | Default | Validation | Description |\n")
          .append("|---|---|---|---|---|---|\n");
      fields(schema.path(part), part, md);
      md.append("\n");
    }
  }

  private static void fields(JsonNode schema, String path, StringBuilder md) {
    JsonNode properties = schema.path("properties");
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(r -> required.add(r.asText()));
    for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String fieldPath = path + "." + field.getKey();
      JsonNode fs = field.getValue();
      md.append("| `")
          .append(fieldPath)
          .append("` | ")
          .append(type(fs))
          .append(" | ")
          .append(required.contains(field.getKey()) ? "yes" : "")
          .append(" | ")
          .append(fs.has("default") ? "`" + fs.get("default").asText() + "`" : "")
          .append(" | ")
          .append(validation(fs))
          .append(" | ")
          .append(cell(fs.path("description").asText("")))
          .append(" |\n");
      if (fs.path("type").asText().equals("object")
          && fs.has("properties")
          && !isKubernetesType(fieldPath)) {
        fields(fs, fieldPath, md);
      } else if (fs.path("type").asText().equals("array")
          && fs.path("items").has("properties")
          && !isKubernetesType(fieldPath)) {
        fields(fs.path("items"), fieldPath + "[]", md);
      }
    }
  }

  /** Core Kubernetes types are documented upstream; listing their every field would bury ours. */
  private static boolean isKubernetesType(String path) {
    return path.endsWith(".resources") || path.endsWith(".env") || path.endsWith(".conditions");
  }

  private static String type(JsonNode fs) {
    if (fs.path("x-kubernetes-int-or-string").asBoolean()) {
      return "int or string";
    }
    String type = fs.path("type").asText();
    if (type.equals("array")) {
      return "[]" + fs.path("items").path("type").asText("object");
    }
    if (type.equals("object") && fs.has("additionalProperties")) {
      return "map[string]" + fs.path("additionalProperties").path("type").asText("object");
    }
    return type;
  }

  private static String validation(JsonNode fs) {
    List<String> rules = new ArrayList<>();
    if (fs.has("enum")) {
      List<String> values = new ArrayList<>();
      fs.get("enum").forEach(v -> values.add(v.asText()));
      rules.add("one of " + String.join(", ", values));
    }
    if (fs.has("pattern")) {
      rules.add("pattern `" + fs.get("pattern").asText() + "`");
    }
    if (fs.has("minimum")) {
      rules.add("min " + fs.get("minimum").asLong());
    }
    if (fs.has("maximum")) {
      rules.add("max " + fs.get("maximum").asLong());
    }
    if (fs.has("minLength")) {
      rules.add("min length " + fs.get("minLength").asInt());
    }
    if (fs.has("maxLength")) {
      rules.add("max length " + fs.get("maxLength").asInt());
    }
    if (fs.has("minItems")) {
      rules.add("min items " + fs.get("minItems").asInt());
    }
    if (fs.has("maxItems")) {
      rules.add("max items " + fs.get("maxItems").asInt());
    }
    for (JsonNode rule : fs.path("x-kubernetes-validations")) {
      rules.add("CEL `" + rule.path("rule").asText() + "`: " + rule.path("message").asText());
    }
    return cell(String.join("; ", rules));
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
