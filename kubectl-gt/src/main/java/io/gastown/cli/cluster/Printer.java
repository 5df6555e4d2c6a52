package io.gastown.cli.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.gastown.cli.OutputFormat;
import io.gastown.model.Serialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Renders objects in the format of {@code -o}. Pure: the same objects, format and time give the
 * same text.
 *
 * <ul>
 *   <li>table / wide: aligned columns; with {@code -A} a NAMESPACE column first (namespaced kinds).
 *   <li>json: a list is one array (empty: {@code []}); one object is that object.
 *   <li>yaml: the same shapes as JSON (a list is a YAML sequence).
 *   <li>name: {@code polecat.gastown.gastown.io/furiosa}, one per line.
 * </ul>
 *
 * Server-side bookkeeping ({@code managedFields}) is left out, as kubectl does.
 */
public final class Printer {
  private Printer() {}

  public static <T extends HasMetadata> String list(
      ResourceView<T> view,
      List<T> items,
      OutputFormat format,
      boolean noHeaders,
      boolean withNamespace,
      Instant now) {
    List<T> sorted = sorted(items);
    return switch (format) {
      case json -> Serialization.toJson(clean(sorted)) + "\n";
      case yaml -> Serialization.toYaml(clean(sorted));
      case name -> names(view, sorted);
      // kubectl prints no header for nothing: the "No ... found" note goes to stderr.
      case table, wide ->
          sorted.isEmpty()
              ? ""
              : table(view, sorted, format == OutputFormat.wide, withNamespace, now)
                  .render(!noHeaders);
    };
  }

  public static <T extends HasMetadata> String one(
      ResourceView<T> view, T item, OutputFormat format, Instant now) {
    return switch (format) {
      case json -> Serialization.toJson(clean(List.of(item)).get(0)) + "\n";
      case yaml -> Serialization.toYaml(clean(List.of(item)).get(0));
      case name -> names(view, List.of(item));
      case table, wide -> view.describe(item, now);
    };
  }

  static <T extends HasMetadata> Table table(
      ResourceView<T> view, List<T> items, boolean wide, boolean withNamespace, Instant now) {
    List<Column<T>> columns = new ArrayList<>();
    if (withNamespace) {
      columns.add(Column.of("NAMESPACE", item -> item.getMetadata().getNamespace()));
    }
    view.columns().stream().filter(c -> wide || !c.wideOnly()).forEach(columns::add);
    Table table = new Table(columns.stream().map(Column::header).toList());
    for (T item : items) {
      table.row(columns.stream().map(c -> c.cell().apply(item, now)).toList());
    }
    return table;
  }

  private static <T extends HasMetadata> String names(ResourceView<T> view, List<T> items) {
    StringBuilder out = new StringBuilder();
    items.forEach(
        item ->
            out.append(view.kind())
                .append('.')
                .append(view.group())
                .append('/')
                .append(item.getMetadata().getName())
                .append('\n'));
    return out.toString();
  }

  private static <T extends HasMetadata> List<T> sorted(List<T> items) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(
        Comparator.comparing((T item) -> Objects.toString(item.getMetadata().getNamespace(), ""))
            .thenComparing(item -> item.getMetadata().getName()));
    return copy;
  }

  private static <T extends HasMetadata> List<T> clean(List<T> items) {
    items.forEach(item -> item.getMetadata().setManagedFields(null));
    return items;
  }
}
