package dbo.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a CSV feature table into a dense float {@link Dataset}: one sample per row, the integer class label
 * in the first column and the d features after it, comma-separated, no quoting. A first line whose label
 * field is not a number is taken as a header and skipped; blank lines are skipped. Every row must have the
 * same number of fields. Missing or non-finite features (empty, NaN, Inf) are refused, naming the file and
 * line, since silently imputing them would change the problem.
 */
public final class CsvReader {
  private CsvReader() {}

  public static Dataset read(Path file) {
    return read(file.toString());
  }

  /** The same at a location {@link Storage} opens (a plain path or a Hadoop URI). */
  public static Dataset read(String file) {
    List<float[]> rows = new ArrayList<>();
    List<Integer> rawLabels = new ArrayList<>();
    int width = -1;
    try (BufferedReader in = Storage.reader(file, "problem.logistic.data.path")) {
      String text;
      long line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        TableLines.Dense parsed = TableLines.csv(file, line, text, width);
        if (parsed == null) continue;
        if (width < 0) width = parsed.values().length + 1;
        rawLabels.add(parsed.label());
        float[] row = parsed.values();
        rows.add(row);
      }
    } catch (IOException e) {
      throw Storage.failure(file, e);
    }
    if (rows.isEmpty()) throw new DataFileException(file + ": no samples; the file is empty or only a header");
    int d = width - 1;
    int n = rows.size();
    if ((long) n * d > Integer.MAX_VALUE - 8) {
      throw new DataFileException(file + ": " + n + " x " + d + " is too large for a dense table");
    }
    float[] dense = new float[n * d];
    for (int s = 0; s < n; s++) System.arraycopy(rows.get(s), 0, dense, s * d, d);
    int[] raw = rawLabels.stream().mapToInt(Integer::intValue).toArray();
    int[] classValues = ClassLabels.values(raw);
    return Dataset.ofFloats(file, dense, n, d, ClassLabels.indices(raw, classValues), classValues);
  }
}
