package dbo.data;

/**
 * The line parsers behind {@link LibsvmReader} and {@link CsvReader}, shared with the Spark readers of
 * {@link TableSource} so that a table read line by line on an executor gives the same bits as the plain
 * readers (one parser, one {@link Float#parseFloat} per value). Errors name the file and the 1-based line.
 */
public final class TableLines {
  private TableLines() {}

  /**
   * One LIBSVM line: the raw integer label and the 1-based feature indices (increasing) with their values.
   */
  public record Sparse(int label, int[] indices, float[] values) {
    /** Largest index on the line, 0 when none. */
    public int maxIndex() {
      return indices.length == 0 ? 0 : indices[indices.length - 1];
    }

    /** The dense row of {@code features} values (omitted features are 0). */
    public float[] dense(int features) {
      float[] out = new float[features];
      for (int t = 0; t < indices.length; t++) out[indices[t] - 1] = values[t];
      return out;
    }
  }

  /** One CSV row: the raw integer label and the features after it. */
  public record Dense(int label, float[] values) {}

  /**
   * Parses one LIBSVM line; null for a blank or comment-only line.
   *
   * @param features d, or 0 when not known (any index >= 1 is accepted)
   */
  public static Sparse libsvm(String file, long line, String text, int features) {
    int hash = text.indexOf('#');
    if (hash >= 0) text = text.substring(0, hash);
    String[] tokens = text.trim().split("\\s+");
    if (tokens.length == 0 || tokens[0].isEmpty()) return null;
    int label = ClassLabels.parse(file, line, tokens[0]);
    int[] idx = new int[tokens.length - 1];
    float[] val = new float[tokens.length - 1];
    for (int t = 1; t < tokens.length; t++) {
      int colon = tokens[t].indexOf(':');
      if (colon <= 0) {
        throw new DataFileException(file + ":" + line + ": \"" + tokens[t] + "\" is not index:value");
      }
      try {
        idx[t - 1] = Integer.parseInt(tokens[t].substring(0, colon));
        val[t - 1] = Float.parseFloat(tokens[t].substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new DataFileException(file + ":" + line + ": \"" + tokens[t] + "\" is not index:value with an"
            + " integer index and a number");
      }
      if (idx[t - 1] < 1) {
        throw new DataFileException(file + ":" + line + ": feature index " + idx[t - 1] + " is below 1;"
            + " LIBSVM indices are 1-based");
      }
      if (t > 1 && idx[t - 1] <= idx[t - 2]) {
        throw new DataFileException(file + ":" + line + ": feature index " + idx[t - 1] + " follows "
            + idx[t - 2] + "; indices must increase along a line");
      }
      if (!Float.isFinite(val[t - 1])) {
        throw new DataFileException(file + ":" + line + ": feature " + idx[t - 1] + " has value "
            + tokens[t].substring(colon + 1) + "; NaN and infinite values are refused, fill or drop them first");
      }
      if (features > 0 && idx[t - 1] > features) {
        throw new DataFileException(file + ":" + line + ": feature index " + idx[t - 1] + " exceeds the "
            + features + " features expected");
      }
    }
    return new Sparse(label, idx, val);
  }

  /**
   * Parses one CSV line; null for a blank line or for a header (line 1 whose label field is not a number).
   *
   * @param width fields per row (label + features) required, or -1 when not known yet
   */
  public static Dense csv(String file, long line, String text, int width) {
    if (text.isBlank()) return null;
    String[] fields = text.split(",", -1);
    if (line == 1 && !isNumber(fields[0].trim())) return null;
    if (fields.length < 2) {
      throw new DataFileException(file + ":" + line + ": one field; expected label,feature1,feature2,...");
    }
    if (width >= 0 && fields.length != width) {
      throw new DataFileException(file + ":" + line + ": " + fields.length + " fields, but the first row has "
          + width + "; every row needs the label and the same features");
    }
    int label = ClassLabels.parse(file, line, fields[0].trim());
    float[] row = new float[fields.length - 1];
    for (int j = 1; j < fields.length; j++) {
      String f = fields[j].trim();
      float v;
      try {
        v = Float.parseFloat(f);
      } catch (NumberFormatException e) {
        throw new DataFileException(file + ":" + line + ": feature " + j + " is \"" + f + "\", not a number;"
            + " fill or drop missing values first");
      }
      if (!Float.isFinite(v)) {
        throw new DataFileException(file + ":" + line + ": feature " + j + " is " + f + "; NaN and infinite"
            + " values are refused, fill or drop them first");
      }
      row[j - 1] = v;
    }
    return new Dense(label, row);
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
