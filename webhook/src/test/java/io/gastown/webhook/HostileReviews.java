package io.gastown.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gastown.model.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded generator of malformed and hostile admission requests: mutations of valid reviews
 * (fields dropped, retyped, made huge or hostile; the text truncated, given a key twice, nested
 * deep, broken as UTF-8) sent with right and wrong content types to the endpoint they belong to or
 * another one. The same seed gives the same requests.
 */
final class HostileReviews {
  /** Shell metacharacters, path traversal, NUL, template syntax, header injection, odd Unicode. */
  static final List<String> HOSTILE =
      List.of(
          "$(rm -rf /)",
          "`id`",
          "; cat /etc/passwd",
          "a | b",
          "a && b",
          "'\"",
          "\\",
          "../",
          "../../etc/passwd",
          "..",
          "/",
          "a/b",
          "%2e%2e%2f",
          "\u0000",
          "nul\u0000byte",
          "{{ .Values.secret }}",
          "{{VARIABLE}}",
          "${HOME}",
          "\r\nX-Injected: 1",
          "a b",
          " ",
          "",
          "\u202e\u0645",
          "\uD83D\uDE00",
          "x".repeat(70_000),
          "-rf",
          "kube-system",
          "*",
          "?watch=true",
          "#fragment",
          "A".repeat(64),
          "0",
          "-1",
          "true",
          "null");

  /** A request: endpoint path, content type (null: none) and body bytes. */
  record Request(String path, String contentType, byte[] body, String mutation) {}

  private final Random random;
  private final List<Map.Entry<String, JsonNode>> valid;

  /**
   * @param valid valid reviews, each with the endpoint path it belongs to
   */
  HostileReviews(long seed, List<Map.Entry<String, JsonNode>> valid) {
    this.random = new Random(seed);
    this.valid = valid;
  }

  Request next() {
    Map.Entry<String, JsonNode> base = valid.get(random.nextInt(valid.size()));
    String path =
        random.nextInt(10) == 0 ? valid.get(random.nextInt(valid.size())).getKey() : base.getKey();
    JsonNode tree = base.getValue().deepCopy();
    List<String> applied = new ArrayList<>();
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      applied.add(mutateTree(tree));
    }
    byte[] body = Serialization.toJson(tree).getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(4) == 0) {
      String textMutation =
          pick("truncate", "duplicate-key", "deep-nesting", "not-utf8", "garbage-prefix", "empty");
      applied.add(textMutation);
      body = mutateText(textMutation, body);
    }
    String contentType =
        random.nextInt(12) != 0
            ? "application/json"
            : pick(
                "text/plain",
                "application/yaml",
                null,
                "application/json; charset=utf-16",
                "multipart/form-data",
                "application/x-www-form-urlencoded",
                "application/jsonx");
    if (random.nextInt(50) == 0) {
      path =
          pick(
              "/validate/pods",
              "/validate/../mutate/pods",
              "/validate/%20",
              "/validate/%7B%7Bx%7D%7D",
              "/validate/" + "x".repeat(3000),
              "/mutate/pods?x=%7B%7Ba%7D%7D",
              "/validate/rigs/extra");
    }
    return new Request(
        path,
        contentType,
        body,
        String.join("+", applied)
            + (contentType == null
                ? "+no-type"
                : contentType.equals("application/json") ? "" : "+type"));
  }

  private String mutateTree(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode parent = containers.get(random.nextInt(containers.size()));
    String kind =
        pick("drop", "retype", "huge", "hostile", "hostile", "hostile-label", "hostile-namespace");
    switch (kind) {
      case "hostile-label" -> {
        JsonNode metadata = root.path("request").path("object").path("metadata");
        if (metadata instanceof ObjectNode m) {
          JsonNode labels = m.path("labels");
          ObjectNode l = labels instanceof ObjectNode o ? o : m.putObject("labels");
          l.put(
              pick("gastown.io/polecat", "gastown.io/rig", "gastown.io/bead", hostile()),
              hostile());
        }
        return kind;
      }
      case "hostile-namespace" -> {
        if (root.path("request") instanceof ObjectNode request) {
          request.put(pick("namespace", "name"), hostile());
        }
        return kind;
      }
      default -> {
        // fall through to the generic mutations of a random field
      }
    }
    if (parent instanceof ObjectNode object && object.size() > 0) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      String field = names.get(random.nextInt(names.size()));
      switch (kind) {
        case "drop" -> object.remove(field);
        case "retype" -> object.set(field, otherType());
        case "huge" -> object.put(field, "y".repeat(70_000));
        default -> object.put(field, hostile());
      }
      return kind + ":" + field;
    }
    if (parent instanceof ArrayNode array && !array.isEmpty()) {
      int index = random.nextInt(array.size());
      switch (kind) {
        case "drop" -> array.remove(index);
        case "retype" -> array.set(index, otherType());
        default -> array.set(index, JsonNodeFactory.instance.textNode(hostile()));
      }
      return kind + ":[" + index + "]";
    }
    return "none";
  }

  private byte[] mutateText(String kind, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return switch (kind) {
      case "truncate" -> java.util.Arrays.copyOf(body, random.nextInt(Math.max(body.length, 1)));
      // The review already has a kind: now it has two.
      case "duplicate-key" ->
          text.replaceFirst("\\{", "{\"kind\":\"AdmissionReview\",")
              .getBytes(StandardCharsets.UTF_8);
      case "deep-nesting" -> {
        int depth = 65 + random.nextInt(5000);
        yield text.replaceFirst("\\{", "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ",")
            .getBytes(StandardCharsets.UTF_8);
      }
      case "not-utf8" -> {
        byte[] broken = body.clone();
        broken[random.nextInt(broken.length)] = (byte) (0x80 | random.nextInt(0x80));
        yield broken;
      }
      case "garbage-prefix" -> ("\u0000\u00ff" + text).getBytes(StandardCharsets.ISO_8859_1);
      default -> new byte[0];
    };
  }

  private JsonNode otherType() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (random.nextInt(7)) {
      case 0 -> f.numberNode(random.nextLong());
      case 1 -> f.booleanNode(random.nextBoolean());
      case 2 -> f.nullNode();
      case 3 -> f.arrayNode().add(hostile()).add(f.objectNode());
      case 4 -> f.objectNode().put(hostile(), hostile());
      case 5 -> f.numberNode(1e308 * 10);
      default -> f.textNode(hostile());
    };
  }

  private String hostile() {
    return HOSTILE.get(random.nextInt(HOSTILE.size()));
  }

  @SafeVarargs
  private <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isContainerNode()) {
      out.add(node);
      for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
        collect(children.next(), out);
      }
    }
  }
}
