package io.github.gen4j.compare.report;

import java.util.ArrayList;
import java.util.List;

/** A table rendered both as HTML and as markdown; a cell can be marked as the best of its row. */
final class Table {

    /** One cell: its text, whether it is marked best, and an optional CSS class. */
    record Cell(String text, boolean best, String css) {
        static Cell of(String t) {
            return new Cell(t, false, null);
        }
    }

    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();

    Table(List<String> header) {
        this.header = header;
    }

    Table row(List<Cell> cells) {
        rows.add(cells);
        return this;
    }

    Table rowOf(String... cells) {
        List<Cell> c = new ArrayList<>();
        for (String s : cells) {
            c.add(Cell.of(s));
        }
        return row(c);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String html() {
        StringBuilder sb = new StringBuilder("<table>\n<thead><tr>");
        header.forEach(h -> sb.append("<th>").append(Html.esc(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> r : rows) {
            sb.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                Cell c = r.get(i);
                String tag = i == 0 ? "th" : "td";
                String css = (c.best() ? "best " : "") + (c.css() == null ? "" : c.css());
                sb.append('<').append(tag).append(css.isBlank() ? "" : " class=\"" + css.strip() + "\"").append('>')
                        .append(Html.esc(c.text())).append(c.best() ? " \u2605" : "").append("</").append(tag)
                        .append('>');
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder("|");
        header.forEach(h -> sb.append(' ').append(md(h)).append(" |"));
        sb.append("\n|");
        header.forEach(h -> sb.append("---|"));
        sb.append('\n');
        for (List<Cell> r : rows) {
            sb.append('|');
            for (Cell c : r) {
                String t = md(c.text());
                sb.append(' ').append(c.best() ? "**" + t + "** \u2605" : t).append(" |");
            }
            sb.append('\n');
        }
        return sb.append('\n').toString();
    }

    private static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
