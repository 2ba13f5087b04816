package dbo.report;

import java.util.List;

/** Small helpers for writing the report page: escaping and table rows. */
final class Html {
  private Html() {}

  /** Escapes text for HTML element content and quoted attribute values. */
  static String esc(Object o) {
    String s = String.valueOf(o);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** One table row of escaped cells; {@code th} for a header row. */
  static String row(List<String> cells, boolean th) {
    String tag = th ? "th" : "td";
    StringBuilder b = new StringBuilder("<tr>");
    for (String c : cells) {
      b.append('<').append(tag).append(!th && numeric(c) ? " class=\"num\">" : ">").append(esc(c))
          .append("</").append(tag).append('>');
    }
    return b.append("</tr>\n").toString();
  }

  /** Numbers (and "1.23 s") are right-aligned so their digits line up. */
  static boolean numeric(String s) {
    String t = s.endsWith(" s") ? s.substring(0, s.length() - 2) : s;
    if (t.isEmpty()) return false;
    try {
      Double.parseDouble(t);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static final String CSS = """
      body { font-family: -apple-system, "Segoe UI", "DejaVu Sans", Arial, sans-serif; margin: 24px auto;
             max-width: 1240px; padding: 0 16px; color: #222; background: #fff; line-height: 1.4; }
      h1 { font-size: 24px; margin-bottom: 4px; }
      h2 { font-size: 19px; margin-top: 32px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
      h3 { font-size: 16px; margin-top: 20px; }
      .outcome { display: inline-block; padding: 2px 10px; border-radius: 10px; font-weight: bold; color: #fff; }
      .converged { background: #2c8a2c; } .budget { background: #b07a00; } .diverged { background: #c0392b; }
      .unknown { background: #777; }
      table { border-collapse: collapse; margin: 8px 0 16px; font-size: 13px; }
      th, td { border: 1px solid #d4d4d4; padding: 4px 8px; text-align: left; vertical-align: top; }
      th { background: #f2f2f2; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      table.facts th { width: 180px; }
      code { background: #f6f6f6; padding: 1px 4px; border-radius: 3px; font-size: 12px; }
      .plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; }
      figure { margin: 0; border: 1px solid #e2e2e2; padding: 6px; background: #fff; }
      figure img { width: 100%; height: auto; display: block; }
      figcaption { font-size: 13px; color: #444; margin-top: 4px; }
      .note { color: #555; font-size: 13px; }
      nav a { margin-right: 12px; }
      """;
}
