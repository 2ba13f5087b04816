package dbo.job.grid;

import dbo.job.output.ResultDirectory;
import dbo.job.output.Versions;
import dbo.job.resume.ResumeFile;
import dbo.job.resume.ResumeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an interrupted grid keeps for {@code --resume}: the results of its finished cells, in the staging
 * directory's {@code .resume/grid.bin}, replaced atomically after every cell. A resumed grid keeps those
 * cells and runs the others from their start (a cell is short next to a grid; its own algorithms'
 * checkpoints are not kept). Like {@link ResumeStore}, it is a {@link ResumeFile}: it records the format and
 * tool versions and a digest of the resolved configuration, and refuses a resume from another version or
 * configuration.
 */
final class GridResume {
  static final String FILE = "grid.bin";
  /** Bumped whenever the saved objects change shape. */
  // 2: MetricsRow gained objective, test_loss and test_error
  static final int FORMAT_VERSION = 2;

  /** The contents of grid.bin. */
  record Saved(int formatVersion, String toolVersion, String configDigest, List<GridRun.CellResult> finished)
      implements ResumeFile.Stamped {}

  private static final ResumeFile.Wording WORDING = new ResumeFile.Wording(
      "the interrupted grid finished no cell yet",
      "the saved grid cells cannot be read (%s), they were written by another version",
      "the grid was saved by", "the interrupted grid");

  private final Path dir;
  private final ResumeFile<Saved> file;
  private final String configDigest;
  private final Map<Integer, GridRun.CellResult> finished = new TreeMap<>();

  GridResume(Path staging, String resolvedConfig) {
    this.dir = staging.resolve(ResultDirectory.RESUME_DIRECTORY);
    this.file = new ResumeFile<>(dir.resolve(FILE), Saved.class, FORMAT_VERSION, WORDING);
    this.configDigest = ResumeStore.digest(resolvedConfig);
  }

  /** The finished cells by index, checked against this configuration and tool version. */
  Map<Integer, GridRun.CellResult> load(Path target) {
    for (GridRun.CellResult c : file.load(target, configDigest).finished()) finished.put(c.cell(), c);
    return new TreeMap<>(finished);
  }

  /** Records a finished cell durably. */
  synchronized void finished(GridRun.CellResult cell) {
    finished.put(cell.cell(), cell);
    try {
      file.write(new Saved(FORMAT_VERSION, Versions.tool(), configDigest, new ArrayList<>(finished.values())));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the finished grid cells in " + dir, e);
    }
  }

  /** Removes the saved cells once the result is complete. */
  void clear() {
    ResultDirectory.deleteTree(dir);
  }
}
