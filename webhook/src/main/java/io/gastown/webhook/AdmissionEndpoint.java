package io.gastown.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReviewBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.gastown.validation.KubernetesSyntax;
import io.gastown.validation.Violation;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of one admission endpoint: checks the request (content type, size, AdmissionReview
 * v1 with a request uid), hands the review to the webhooks framework's controller and writes its
 * answer. A bad request gets a 4xx status with a one-line reason; anything unexpected is a 500 (and
 * the stack trace goes to the log only), so that the webhook configuration's failurePolicy decides.
 */
final class AdmissionEndpoint implements Handler {
  private static final Logger log = LoggerFactory.getLogger(AdmissionEndpoint.class);

  /**
   * Deep enough for any Pod or Gas Town object (they nest about 15 levels), far below a stack
   * overflow.
   */
  static final int MAX_NESTING_DEPTH = 64;

  /**
   * Strict: a key given twice is an error (the apiserver's decoder would keep one of them
   * silently).
   */
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
              .build());

  /**
   * The request thread's CPU time, for the debug log: how much of a slow answer was work, not
   * waiting.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
  static final String API_VERSION = "admission.k8s.io/v1";

  private final String path;
  private final UnaryOperator<AdmissionReview> controller;
  private final KubernetesSerialization serialization;
  private final long maxRequestBytes;
  private final AdmissionMetrics metrics;

  AdmissionEndpoint(
      String path,
      UnaryOperator<AdmissionReview> controller,
      KubernetesSerialization serialization,
      long maxRequestBytes,
      AdmissionMetrics metrics) {
    this.path = path;
    this.controller = controller;
    this.serialization = serialization;
    this.maxRequestBytes = maxRequestBytes;
    this.metrics = metrics;
  }

  @Override
  public void handle(Context ctx) {
    long start = System.nanoTime();
    Instant received = log.isDebugEnabled() ? Instant.now() : null;
    long cpuStart = received != null ? THREADS.getCurrentThreadCpuTime() : 0;
    ServerTiming timing = ServerTiming.start();
    AdmissionMetrics.Result result;
    try {
      AdmissionReview review = read(ctx);
      timing.mark("read");
      ReviewInputs.requireValidRequest(review.getRequest());
      List<Violation> syntax = ReviewInputs.objectViolations(review.getRequest());
      AdmissionReview answer =
          syntax.isEmpty() ? controller.apply(review) : refused(review.getRequest(), syntax);
      timing.mark("handle");
      byte[] json = serialization.asJson(answer).getBytes(StandardCharsets.UTF_8);
      // A known length: the answer goes out in one piece, not chunked.
      ctx.res().setContentLength(json.length);
      ctx.status(200).contentType("application/json").result(json);
      timing.mark("write");
      result =
          Boolean.TRUE.equals(answer.getResponse().getAllowed())
              ? AdmissionMetrics.Result.allowed
              : AdmissionMetrics.Result.denied;
      if (received != null) {
        log.debug(
            "{} {} {} received {}: {}, cpu;dur={}",
            path,
            review.getRequest().getOperation(),
            objectOf(review.getRequest()),
            received,
            timing,
            String.format(
                Locale.ROOT, "%.3f", (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6));
      }
    } catch (BadRequest e) {
      ctx.status(e.status()).contentType("text/plain").result(e.getMessage() + "\n");
      result = AdmissionMetrics.Result.bad_request;
    } catch (RuntimeException e) {
      log.error("internal error answering {}", path, e);
      ctx.status(500)
          .contentType("text/plain")
          .result("internal error; the webhook's log has the details\n");
      result = AdmissionMetrics.Result.error;
    }
    metrics.record(path, result, System.nanoTime() - start);
  }

  private AdmissionReview read(Context ctx) {
    String contentType = ctx.contentType();
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new BadRequest(
          415,
          "Content-Type must be application/json, got "
              + (contentType == null ? "none" : contentType));
    }
    String charset = charsetOf(contentType);
    if (charset != null && !charset.equals("utf-8")) {
      throw new BadRequest(
          415, "Content-Type must be application/json in UTF-8, got charset " + charset);
    }
    return review(body(ctx));
  }

  /** The AdmissionReview in a request body, checked as {@link #handle} checks it. */
  AdmissionReview review(byte[] body) {
    if (body.length == 0) {
      throw new BadRequest(400, "empty body: send an AdmissionReview (" + API_VERSION + ")");
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(utf8(body));
    } catch (JsonProcessingException e) {
      throw new BadRequest(400, "malformed JSON" + at(e.getLocation()) + reason(e));
    }
    if (tree == null || !tree.isObject() || !"AdmissionReview".equals(tree.path("kind").asText())) {
      String kind = tree != null && tree.isObject() ? tree.path("kind").asText() : "";
      throw new BadRequest(
          400,
          "not an AdmissionReview: the body's kind is "
              + (kind.isEmpty() ? "missing" : "'" + kind + "'"));
    }
    if (!API_VERSION.equals(tree.path("apiVersion").asText())) {
      throw new BadRequest(
          400,
          "AdmissionReview apiVersion must be "
              + API_VERSION
              + " (set admissionReviewVersions: "
              + "[v1]), got '"
              + tree.path("apiVersion").asText()
              + "'");
    }
    JsonNode request = tree.path("request");
    if (!request.isObject() || request.path("uid").asText().isEmpty()) {
      throw new BadRequest(400, "the AdmissionReview has no request.uid");
    }
    String operation = request.path("operation").asText();
    if (!OPERATIONS.contains(operation)) {
      throw new BadRequest(
          400,
          "request.operation must be one of CREATE, UPDATE, DELETE, CONNECT, got '"
              + operation
              + "'");
    }
    String objectField = operation.equals("DELETE") ? "oldObject" : "object";
    if (!request.path(objectField).isObject()) {
      throw new BadRequest(400, "the AdmissionReview has no request." + objectField);
    }
    try {
      return serialization.convertValue(tree, AdmissionReview.class);
    } catch (RuntimeException e) {
      throw new BadRequest(
          400,
          "the AdmissionReview does not match its schema"
              + fieldOf(e)
              + ": check the field's type");
    }
  }

  /**
   * "Pod gt-shop/polecat-furiosa-*": the kind, namespace and name (or generateName) of the
   * request's object.
   */
  private static String objectOf(AdmissionRequest request) {
    if (!(request.getObject() instanceof HasMetadata object) || object.getMetadata() == null) {
      return String.valueOf(request.getKind() != null ? request.getKind().getKind() : null);
    }
    String name =
        object.getMetadata().getName() != null && !object.getMetadata().getName().isEmpty()
            ? object.getMetadata().getName()
            : object.getMetadata().getGenerateName() + "*";
    return KubernetesSyntax.shown(String.valueOf(object.getKind()))
        + " "
        + request.getNamespace()
        + "/"
        + KubernetesSyntax.shown(name);
  }

  /** A denial that names every field with a syntax error; nothing was looked up. */
  private static AdmissionReview refused(AdmissionRequest request, List<Violation> violations) {
    String message =
        "the object is malformed: "
            + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    return new AdmissionReviewBuilder()
        .withApiVersion(API_VERSION)
        .withKind("AdmissionReview")
        .withResponse(
            new AdmissionResponseBuilder()
                .withUid(request.getUid())
                .withAllowed(false)
                .withStatus(new StatusBuilder().withCode(400).withMessage(message).build())
                .build())
        .build();
  }

  /** The body as text, refusing bytes that are not UTF-8 (the apiserver only sends UTF-8). */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BadRequest(400, "the body is not UTF-8: send the AdmissionReview as UTF-8 JSON");
    }
  }

  private static String charsetOf(String contentType) {
    for (String parameter : contentType.toLowerCase(Locale.ROOT).split(";")) {
      String p = parameter.strip();
      if (p.startsWith("charset=")) {
        return p.substring("charset=".length()).replace("\"", "").strip();
      }
    }
    return null;
  }

  private static String at(JsonLocation location) {
    return location == null || location.getLineNr() < 0
        ? ""
        : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /**
   * The parser's reason in our words, for the errors a client can fix: never the parser's own text.
   */
  private static String reason(JsonProcessingException e) {
    String message = String.valueOf(e.getOriginalMessage());
    if (message.startsWith("Duplicate field")) {
      return ": a key is given twice";
    }
    if (message.contains("nesting depth")) {
      return ": nested deeper than " + MAX_NESTING_DEPTH + " levels";
    }
    return "";
  }

  /** " at request.object.metadata" for the field a conversion failed on, or nothing. */
  private static String fieldOf(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
          if (reference.getFieldName() != null) {
            path.append(path.length() == 0 ? "" : ".")
                .append(io.gastown.validation.KubernetesSyntax.shown(reference.getFieldName()));
          } else if (reference.getIndex() >= 0) {
            path.append('[').append(reference.getIndex()).append(']');
          }
        }
        return path.length() == 0 ? "" : " at " + path;
      }
    }
    return "";
  }

  /** The body, refusing more than the limit even when the client sends no Content-Length. */
  private byte[] body(Context ctx) {
    try (InputStream in = ctx.bodyInputStream()) {
      if (ctx.contentLength() > maxRequestBytes) {
        throw tooLarge(in);
      }
      if (ctx.contentLength() >= 0) {
        // The usual case, the apiserver's: one array of the announced length (Jetty ends the
        // stream there).
        return in.readNBytes(ctx.contentLength());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
      byte[] buffer = new byte[16 * 1024];
      int read;
      while ((read = in.read(buffer)) != -1) {
        out.write(buffer, 0, read);
        if (out.size() > maxRequestBytes) {
          throw tooLarge(in);
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new BadRequest(400, "cannot read the body: " + e.getClass().getSimpleName());
    }
  }

  /**
   * The 413, after reading what is left of a moderately oversized body: a server that answers and
   * closes while the client is still sending makes the client's TCP stack drop the answer (a
   * reset), so the client would see a broken connection instead of the reason. Past {@link
   * #DRAIN_FACTOR} times the limit the connection is just closed.
   */
  private BadRequest tooLarge(InputStream rest) throws IOException {
    long left = DRAIN_FACTOR * maxRequestBytes;
    byte[] buffer = new byte[16 * 1024];
    int read;
    while (left > 0 && (read = rest.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1) {
      left -= read;
    }
    return tooLarge();
  }

  static final long DRAIN_FACTOR = 16;

  private BadRequest tooLarge() {
    return new BadRequest(
        413, "body larger than " + maxRequestBytes + " bytes (GASTOWN_MAX_REQUEST_BYTES)");
  }
}
