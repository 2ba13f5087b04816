package dbo.data;

import java.util.Arrays;

/**
 * Checks a data directory ({@link DataDirectory}: a local path or a Hadoop URI) and prints what it holds: image count, per-class counts
 * and, optionally, the seeded split's sizes and SHA-256 digest ({@link Splits}).
 *
 * <p>Usage: {@code DataCheck DIR EXPECTED_COUNT [SEED TRAIN VALIDATION TEST]}. Exit code 0 when the count
 * matches and every class is present, 2 (with a one-line {@code error:}) otherwise.
 */
public final class DataCheck {
  private DataCheck() {}

  public static void main(String[] args) {
    try {
      if (args.length != 2 && args.length != 6) {
        throw new DataFileException("usage: DataCheck DIR EXPECTED_COUNT [SEED TRAIN VALIDATION TEST]");
      }
      String dir = args[0];
      int expected = Integer.parseInt(args[1]);
      Dataset d = DataDirectory.load(dir);
      int[] counts = d.classCounts();
      if (d.rows() != expected) {
        throw new DataFileException(dir + ": " + d.rows() + " images, expected " + expected
            + "; remove the directory and run jobs/fetch-data again");
      }
      for (int k = 0; k < counts.length; k++) {
        if (counts[k] == 0) {
          throw new DataFileException(dir + ": class " + k + " has no images; remove the directory and fetch again");
        }
      }
      int min = Arrays.stream(counts).min().getAsInt();
      int max = Arrays.stream(counts).max().getAsInt();
      System.out.printf("%s: %d images %dx%d, %d classes, per class %s (min/max %.3f)%n", dir, d.rows(),
          NpmImport.SIDE, NpmImport.SIDE, d.classes(), Arrays.toString(counts), (double) min / max);
      if (args.length == 6) {
        Splits.Split s = Splits.of(d.rows(), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
            Integer.parseInt(args[5]), Long.parseLong(args[2]));
        System.out.printf("%s: split seed %s: train %d, validation %d, test %d, sha256 %s%n", dir, args[2],
            s.train().length, s.validation().length, s.test().length, s.digest());
      }
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }
}
