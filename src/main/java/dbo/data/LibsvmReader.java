package dbo.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a LIBSVM / SVMlight text file into a dense float {@link Dataset}: one sample per line,
 *
 * <pre>  label index:value index:value ...   # optional comment</pre>
 * with integer class labels (mapped to class indices in increasing order, e.g. -1, +1 to 0, 1), 1-based
 * feature indices in increasing order, and finite values; omitted features are 0. Blank lines and lines
 * starting with '#' are skipped. Errors name the file and line.
 */
public final class LibsvmReader {
  private LibsvmReader() {}

  /**
   * @param features number of features d, or 0 to use the largest index in the file; an index above a
   *     given d is refused
   */
  public static Dataset read(Path file, int features) {
    if (features < 0) throw new IllegalArgumentException("features = " + features + "; allowed: >= 0 (0 = infer)");
    List<int[]> indices = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    List<Integer> rawLabels = new ArrayList<>();
    int maxIndex = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String text;
      long line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        int hash = text.indexOf('#');
        if (hash >= 0) text = text.substring(0, hash);
        String[] tokens = text.trim().split("\\s+");
        if (tokens.length == 0 || tokens[0].isEmpty()) continue;
        rawLabels.add(ClassLabels.parse(file, line, tokens[0]));
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
          maxIndex = Math.max(maxIndex, idx[t - 1]);
        }
        indices.add(idx);
        values.add(val);
      }
    } catch (NoSuchFileException e) {
      throw new DataFileException(file + ": no such file; check the path", e);
    } catch (IOException e) {
      throw new DataFileException(file + ": cannot read (" + e.getMessage() + ")", e);
    }
    int d = features > 0 ? features : Math.max(1, maxIndex);
    int n = rawLabels.size();
    if ((long) n * d > Integer.MAX_VALUE - 8) {
      throw new DataFileException(file + ": " + n + " x " + d + " is too large for a dense table");
    }
    float[] dense = new float[n * d];
    for (int s = 0; s < n; s++) {
      int[] idx = indices.get(s);
      float[] val = values.get(s);
      for (int t = 0; t < idx.length; t++) dense[s * d + idx[t] - 1] = val[t];
    }
    int[] raw = rawLabels.stream().mapToInt(Integer::intValue).toArray();
    int[] classValues = ClassLabels.values(raw);
    if (classValues.length == 0) throw new DataFileException(file + ": no samples; the file is empty");
    return Dataset.ofFloats(file.toString(), dense, n, d, ClassLabels.indices(raw, classValues), classValues);
  }
}
