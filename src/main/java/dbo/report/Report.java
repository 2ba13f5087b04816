package dbo.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes {@code report/} into a result directory: PNG plots (XChart) of test accuracy, estimation error,
 * hypergradient norm and consensus error against gradient evaluations, wall time and communication rounds,
 * one line per algorithm (median over seeds with a min-max band in a grid), and {@code index.html} that
 * shows them with the run's outcome, key manifest facts and a summary table. Reads only
 * {@code metrics.csv}, {@code manifest.json} and (grids) {@code summary.csv}; needs no Spark.
 *
 * <p>The report is built in a hidden sibling directory and renamed into place, replacing an older
 * {@code report/}. This class reads the result's files and puts the report in place; {@link Figures} draws
 * the plots, {@link ReportPage} lays out the page and {@link SummaryTables} builds its summary tables.
 */
public final class Report {
  /** The report's directory name inside a result directory. */
  public static final String DIRECTORY = "report";
  /** The page's file name inside {@link #DIRECTORY}. */
  public static final String INDEX = "index.html";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Report() {}

  /**
   * {@link #write} for a run that has finished: a plotting failure must never cost it its results, so it is
   * reported through {@code progress} with the command that rebuilds the report once {@code target} exists.
   *
   * @param staging the result's staging directory, holding its files
   * @param target where the result will be, for the message
   */
  public static void writeOrWarn(Path staging, Path target, java.util.function.Consumer<String> progress) {
    try {
      // drawn before the rename: the page names the result where the user will find it, not the staging directory
      write(staging, nameOf(target));
    } catch (IOException | RuntimeException e) {
      progress.accept("report: not written (" + e.getMessage() + "); rebuild it with jobs/report " + target);
    }
  }

  /**
   * Builds {@code resultDir/report/} (plots and {@code index.html}) from the files of a result directory
   * and returns the path of {@code index.html}.
   *
   * @throws IOException when {@code metrics.csv} is missing or unreadable, or the report cannot be written
   */
  public static Path write(Path resultDir) throws IOException {
    return write(resultDir, nameOf(resultDir));
  }

  /**
   * As {@link #write(Path)}, the page titled with {@code name}: a run draws its report in the staging
   * directory and passes the name of the directory it will be renamed to.
   */
  static Path write(Path resultDir, String name) throws IOException {
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    Path metricsFile = resultDir.resolve("metrics.csv");
    if (!Files.isRegularFile(metricsFile)) throw new IOException("no metrics.csv in " + resultDir);
    CsvTable metrics = CsvTable.read(metricsFile);
    Path manifestFile = resultDir.resolve("manifest.json");
    JsonNode manifest = Files.isRegularFile(manifestFile) ? JSON.readTree(manifestFile.toFile()) : null;
    Path summaryFile = resultDir.resolve("summary.csv");
    CsvTable summary = Files.isRegularFile(summaryFile) ? CsvTable.read(summaryFile) : null;

    Path staging = Files.createTempDirectory(resultDir, ".report-");
    try {
      Curves curves = new Curves(metrics);
      List<Figures.Figure> figures = Figures.draw(curves, staging, baselines(manifest));
      String page = ReportPage.html(name, manifest, summary, curves, figures);
      Files.writeString(staging.resolve(INDEX), page, StandardCharsets.UTF_8);
      Path target = resultDir.resolve(DIRECTORY);
      deleteTree(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      readable(target);
      return target.resolve(INDEX);
    } catch (IOException | RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
  }

  /** The name a report gives the result directory {@code dir}: its last path element. */
  static String nameOf(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    return abs.getFileName() == null ? dir.toString() : abs.getFileName().toString();
  }

  /** The manifest's MLlib baselines as reference lines (label with test accuracy); none when absent. */
  static List<Plot.Reference> baselines(JsonNode m) {
    List<Plot.Reference> out = new ArrayList<>();
    if (m == null) return out;
    for (JsonNode b : m.path("baselines")) {
      if (b.path("test_accuracy").isNumber()) {
        out.add(new Plot.Reference(baselineLabel(b.path("baseline").asText()), b.path("test_accuracy").asDouble()));
      }
    }
    return out;
  }

  /** A reader's name for a baseline of {@code baselines.csv}. */
  static String baselineLabel(String name) {
    return switch (name) {
      case "mllib-corrupted-labels" -> "MLlib LR, corrupted labels";
      case "mllib-clean-only" -> "MLlib LR, clean samples only";
      default -> name;
    };
  }

  /** createTempDirectory makes the directory private; a report is as readable as the rest of the result. */
  private static void readable(Path dir) {
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (UnsupportedOperationException | IOException e) {
      // not a POSIX file system: leave the default
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted((a, c) -> c.getNameCount() - a.getNameCount()).toList()) Files.delete(q);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
