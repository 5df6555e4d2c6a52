package io.gastown.cli.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * A kubectl-style table: upper-case headers, columns separated by three spaces, left-aligned, no
 * trailing spaces. Empty cells print as {@code <none>} so columns stay parseable with awk.
 */
public final class Table {
  static final String NONE = "<none>";
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public Table(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  public Table row(List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException(
          "row has " + cells.size() + " cells, table has " + headers.size() + " columns");
    }
    List<String> clean = new ArrayList<>(cells.size());
    for (String cell : cells) {
      clean.add(cell == null || cell.isBlank() ? NONE : cell.replace('\n', ' '));
    }
    rows.add(clean);
    return this;
  }

  public String render(boolean withHeaders) {
    List<List<String>> all = new ArrayList<>();
    if (withHeaders) {
      all.add(headers);
    }
    all.addAll(rows);
    int[] widths = new int[headers.size()];
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(row.get(i));
        if (i < row.size() - 1) {
          line.append(" ".repeat(widths[i] - row.get(i).length() + 3));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
