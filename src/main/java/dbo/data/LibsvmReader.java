package dbo.data;

import java.io.BufferedReader;
import java.io.IOException;
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
    return read(file.toString(), features);
  }

  /** The same at a location {@link Storage} opens (a plain path or a Hadoop URI). */
  public static Dataset read(String file, int features) {
    if (features < 0) throw new IllegalArgumentException("features = " + features + "; allowed: >= 0 (0 = infer)");
    List<int[]> indices = new ArrayList<>();
    List<float[]> values = new ArrayList<>();
    List<Integer> rawLabels = new ArrayList<>();
    int maxIndex = 0;
    try (BufferedReader in = Storage.reader(file, "problem.logistic.data.path")) {
      String text;
      long line = 0;
      while ((text = in.readLine()) != null) {
        line++;
        TableLines.Sparse row = TableLines.libsvm(file, line, text, features);
        if (row == null) continue;
        rawLabels.add(row.label());
        int[] idx = row.indices();
        float[] val = row.values();
        maxIndex = Math.max(maxIndex, row.maxIndex());
        indices.add(idx);
        values.add(val);
      }
    } catch (IOException e) {
      throw Storage.failure(file, e);
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
    return Dataset.ofFloats(file, dense, n, d, ClassLabels.indices(raw, classValues), classValues);
  }
}
