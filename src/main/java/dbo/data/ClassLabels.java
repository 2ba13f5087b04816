package dbo.data;

import java.nio.file.Path;
import java.util.Arrays;

/** Integer labels as written in a text file, mapped to class indices 0..K-1 in increasing label order. */
final class ClassLabels {
  private ClassLabels() {}

  /** Parses an integer label ("3", "-1", "+1", "2.0"), or throws naming the file and line. */
  static int parse(Object file, long line, String token) {
    double v;
    try {
      v = Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw new DataFileException(file + ":" + line + ": label \"" + token + "\" is not a number; the first field"
          + " of every row must be an integer class label");
    }
    if (v != Math.rint(v) || Math.abs(v) > 1e9) {
      throw new DataFileException(file + ":" + line + ": label \"" + token + "\" is not an integer class label;"
          + " regression targets are not supported");
    }
    return (int) v;
  }

  /** The sorted distinct labels. */
  static int[] values(int[] raw) {
    return Arrays.stream(raw).distinct().sorted().toArray();
  }

  /** Each raw label replaced by its index in {@code values}. */
  static int[] indices(int[] raw, int[] values) {
    int[] out = new int[raw.length];
    for (int s = 0; s < raw.length; s++) out[s] = Arrays.binarySearch(values, raw[s]);
    return out;
  }
}
