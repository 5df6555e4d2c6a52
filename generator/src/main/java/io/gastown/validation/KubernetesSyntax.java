package io.gastown.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The apiserver's syntax for names, namespaces, label keys and values and annotation keys (the
 * rules of {@code k8s.io/apimachinery/pkg/util/validation}). Checked before a value is used to look
 * anything up, so that a hostile value never reaches a request to the apiserver. Each check returns
 * the rule broken, or null.
 */
public final class KubernetesSyntax {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern NAME_PART = LABEL_VALUE;

  /** The apiserver's limit for all annotations of one object together. */
  public static final int MAX_ANNOTATIONS_BYTES = 256 * 1024;

  private static final int MAX_SHOWN = 80;

  private KubernetesSyntax() {}

  /** A DNS-1123 label: namespaces, rig and polecat names. */
  public static String dns1123Label(String value) {
    if (value == null || value.isEmpty()) {
      return "must not be empty";
    }
    if (value.length() > 63 || !LABEL.matcher(value).matches()) {
      return "must be a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a "
          + "letter or digit";
    }
    return null;
  }

  /** A DNS-1123 subdomain: names of most objects, e.g. Secrets and ConfigMaps. */
  public static String dns1123Subdomain(String value) {
    if (value == null || value.isEmpty()) {
      return "must not be empty";
    }
    if (value.length() > 253 || !SUBDOMAIN.matcher(value).matches()) {
      return "must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and "
          + "ending with a letter or digit";
    }
    return null;
  }

  /**
   * A label value: empty, or at most 63 letters, digits, '-', '_' and '.', starting and ending with
   * one of the first two.
   */
  public static String labelValue(String value) {
    if (value == null) {
      return "must not be null";
    }
    if (!value.isEmpty() && (value.length() > 63 || !LABEL_VALUE.matcher(value).matches())) {
      return "must be a label value: at most 63 letters, digits, '-', '_' and '.', starting and ending with a "
          + "letter or digit";
    }
    return null;
  }

  /**
   * A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of at
   * most 63 characters.
   */
  public static String qualifiedName(String key) {
    if (key == null || key.isEmpty()) {
      return "must not be empty";
    }
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0 && dns1123Subdomain(key.substring(0, slash)) != null) {
      return "must be a qualified name: its prefix (before '/') must be a DNS-1123 subdomain";
    }
    if (name.isEmpty() || name.length() > 63 || !NAME_PART.matcher(name).matches()) {
      return "must be a qualified name: at most 63 letters, digits, '-', '_' and '.' (after an optional "
          + "'prefix/'), starting and ending with a letter or digit";
    }
    return null;
  }

  /**
   * Every syntax error of an object's metadata: name, generateName, namespace, labels and
   * annotations.
   */
  public static List<Violation> metadata(ObjectMeta metadata) {
    List<Violation> out = new ArrayList<>();
    if (metadata == null) {
      return out;
    }
    if (metadata.getName() != null && !metadata.getName().isEmpty()) {
      add(out, "metadata.name", metadata.getName(), dns1123Subdomain(metadata.getName()));
    }
    String generateName = metadata.getGenerateName();
    if (generateName != null && !generateName.isEmpty()) {
      // The apiserver appends five characters: the prefix may end in '-'.
      add(out, "metadata.generateName", generateName, dns1123Subdomain(generateName + "x"));
    }
    if (metadata.getNamespace() != null && !metadata.getNamespace().isEmpty()) {
      add(
          out,
          "metadata.namespace",
          metadata.getNamespace(),
          dns1123Label(metadata.getNamespace()));
    }
    labels(out, metadata.getLabels());
    annotations(out, metadata.getAnnotations());
    return out;
  }

  private static void labels(List<Violation> out, Map<String, String> labels) {
    if (labels == null) {
      return;
    }
    for (Map.Entry<String, String> label : labels.entrySet()) {
      String path = "metadata.labels[" + shown(label.getKey()) + "]";
      add(out, path, label.getKey(), qualifiedName(label.getKey()));
      add(out, path, label.getValue(), labelValue(label.getValue()));
    }
  }

  private static void annotations(List<Violation> out, Map<String, String> annotations) {
    if (annotations == null) {
      return;
    }
    long bytes = 0;
    for (Map.Entry<String, String> annotation : annotations.entrySet()) {
      add(
          out,
          "metadata.annotations[" + shown(annotation.getKey()) + "]",
          annotation.getKey(),
          qualifiedName(annotation.getKey()));
      bytes += length(annotation.getKey()) + length(annotation.getValue());
    }
    if (bytes > MAX_ANNOTATIONS_BYTES) {
      out.add(
          new Violation(
              "metadata.annotations",
              null,
              "must hold at most "
                  + MAX_ANNOTATIONS_BYTES
                  + " bytes together (holds "
                  + bytes
                  + ")"));
    }
  }

  private static long length(String text) {
    return text == null ? 0 : text.length();
  }

  private static void add(List<Violation> out, String path, String value, String rule) {
    if (rule != null) {
      out.add(new Violation(path, value == null ? null : "\"" + shown(value) + "\"", rule));
    }
  }

  /** A value fit for a message: control characters escaped, long values cut. */
  public static String shown(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < value.length() && text.length() < MAX_SHOWN; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
        text.append(String.format("\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    if (text.length() >= MAX_SHOWN && value.length() > MAX_SHOWN) {
      text.append("... (").append(value.length()).append(" characters)");
    }
    return text.toString();
  }
}
