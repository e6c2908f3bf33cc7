package io.github.gen4j.compare.report;

/** HTML escaping and small fragments for the report. */
final class Html {

    private Html() {}

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String p(String text) {
        return "<p>" + esc(text) + "</p>\n";
    }

    /** A figure with a relative image path and a caption. */
    static String figure(String src, String caption) {
        return "<figure><img src=\"" + esc(src) + "\" alt=\"" + esc(caption) + "\"><figcaption>" + esc(caption)
                + "</figcaption></figure>\n";
    }

    static String list(java.util.List<String> items) {
        StringBuilder sb = new StringBuilder("<ul>\n");
        items.forEach(i -> sb.append("<li>").append(esc(i)).append("</li>\n"));
        return sb.append("</ul>\n").toString();
    }
}
