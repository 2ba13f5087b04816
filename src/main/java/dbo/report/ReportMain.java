package dbo.report;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code jobs/report RESULT_DIR}: (re)builds {@code RESULT_DIR/report/} from the directory's files.
 * Exit codes: 0 written; 2 bad input (no such directory, no metrics.csv); 1 unexpected failure.
 */
public final class ReportMain {
  private ReportMain() {}

  public static void main(String[] args) {
    if (args.length != 1 || args[0].equals("--help") || args[0].equals("-h")) {
      System.err.println("usage: jobs/report RESULT_DIR   (writes RESULT_DIR/report/index.html and its plots)");
      System.exit(args.length == 1 ? 0 : 2);
    }
    Path dir = Path.of(args[0]);
    if (!Files.isDirectory(dir)) {
      System.err.println("error: " + dir + " is not a directory; pass a result directory written by jobs/run");
      System.exit(2);
    }
    if (!Files.isRegularFile(dir.resolve("metrics.csv"))) {
      System.err.println("error: " + dir + " has no metrics.csv; pass a result directory written by jobs/run");
      System.exit(2);
    }
    try {
      Path index = Report.write(dir);
      System.out.println("report: " + index);
    } catch (Exception e) {
      System.err.println("error: the report could not be written: " + e);
      System.exit(1);
    }
  }
}
