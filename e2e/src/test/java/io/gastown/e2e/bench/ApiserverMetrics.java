package io.gastown.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The apiserver's counters and histogram sums (not the buckets) from its {@code /metrics}, and what
 * they say between two scrapes: the requests it served and the mean of a histogram.
 */
final class ApiserverMetrics {
  private static final Pattern SAMPLE =
      Pattern.compile("^(\\w+)\\{(.*)\\} ([-0-9.e+]+)$", Pattern.MULTILINE);
  private static final Pattern LABEL_VALUE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /** One series: a metric's name and labels. */
  private record Series(String name, Map<String, String> labels) {
    boolean matches(String metric, Map<String, String> wanted) {
      return name.equals(metric)
          && wanted.entrySet().stream()
              .allMatch(w -> w.getValue().equals(labels.getOrDefault(w.getKey(), "")));
    }
  }

  private final Map<Series, Double> values;

  private ApiserverMetrics(Map<Series, Double> values) {
    this.values = values;
  }

  static ApiserverMetrics scrape(KubernetesClient client) {
    Map<Series, Double> values = new HashMap<>();
    Matcher line = SAMPLE.matcher(client.raw("/metrics"));
    while (line.find()) {
      if (line.group(1).endsWith("_bucket")) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      Matcher label = LABEL_VALUE.matcher(line.group(2));
      while (label.find()) {
        labels.put(label.group(1), label.group(2));
      }
      values.put(new Series(line.group(1), labels), Double.parseDouble(line.group(3)));
    }
    return new ApiserverMetrics(values);
  }

  /** What changed since {@code before}. */
  ApiserverMetrics since(ApiserverMetrics before) {
    Map<Series, Double> delta = new HashMap<>(values);
    before.values.forEach((series, value) -> delta.merge(series, -value, Double::sum));
    return new ApiserverMetrics(delta);
  }

  /**
   * Requests by verb and resource (writes, and reads of single objects): who asks what of the
   * apiserver.
   */
  Map<String, Double> requests() {
    Map<String, Double> out = new TreeMap<>();
    values.forEach(
        (series, count) -> {
          String verb = series.labels().getOrDefault("verb", "");
          String resource = series.labels().getOrDefault("resource", "");
          String subresource = series.labels().getOrDefault("subresource", "");
          if (series.name().equals("apiserver_request_total")
              && !verb.equals("WATCH")
              && !verb.equals("LIST")
              && !resource.isEmpty()) {
            out.merge(
                verb + " " + resource + (subresource.isEmpty() ? "" : "/" + subresource),
                count,
                Double::sum);
          }
        });
    return out;
  }

  /** The mean, in milliseconds, of a histogram's observations with these labels. */
  double meanMillis(String histogram, Map<String, String> labels) {
    double sum = 0;
    double count = 0;
    for (Map.Entry<Series, Double> series : values.entrySet()) {
      if (series.getKey().matches(histogram + "_sum", labels)) {
        sum += series.getValue();
      } else if (series.getKey().matches(histogram + "_count", labels)) {
        count += series.getValue();
      }
    }
    return count == 0 ? Double.NaN : 1000 * sum / count;
  }
}
